import YardstickCore

/// What `yardstick report …` asks for: the report, the window, the trend step and the filters.
public struct ReportRequest: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case agent, team, location, form, criteria, auditors, trend
    }

    public var kind: Kind
    /// Nil: the last full month (the last 12 full months for a trend).
    public var window: ReportWindow?
    /// Cuts the window into buckets (trend; optional for team, location and form reports).
    public var granularity: ReportGranularity?
    public var team: String?
    public var agent: String?
    public var location: String?
    public var form: String?
    public var standard: String?

    public init(kind: Kind, window: ReportWindow? = nil, granularity: ReportGranularity? = nil, team: String? = nil, agent: String? = nil,
                location: String? = nil, form: String? = nil, standard: String? = nil) {
        self.kind = kind
        self.window = window
        self.granularity = granularity
        self.team = team
        self.agent = agent
        self.location = location
        self.form = form
        self.standard = standard
    }

    /// The filters in words, for the report's header: "team oslo-phone · form call-review".
    var scopeDescription: String {
        let parts = [team.map { "team \($0)" }, location.map { "location \($0)" }, agent.map { "agent \($0)" }, form.map { "form \($0)" }].compactMap { $0 }
        if !parts.isEmpty { return parts.joined(separator: " · ") }
        switch kind {
        case .team: return "all teams"
        case .location: return "all locations"
        case .form: return "all forms"
        case .agent, .auditors, .trend, .criteria: return "all audits"
        }
    }

    /// Whether an aggregate or audit with these coordinates is inside the filters.
    func includes(team: String?, location: String?, agent: String?, form: String) -> Bool {
        (self.team == nil || self.team == team) && (self.location == nil || self.location == location)
            && (self.agent == nil || self.agent == agent) && (self.form == nil || self.form == form)
    }
}
