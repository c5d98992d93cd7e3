/// Where an audit counts in team and location reports: the audited agent's team and location when
/// the audit was recorded (a later transfer never moves it), or the audited location alone for a
/// location-only mystery shop.
public struct AuditPlacement: Sendable, Hashable {
    public var teamID: String?
    public var locationID: String?

    public init(teamID: String?, locationID: String?) {
        self.teamID = teamID
        self.locationID = locationID
    }

    /// No team and no location (an audit whose agent has neither).
    public static let none = AuditPlacement(teamID: nil, locationID: nil)

    /// The placement of an audit of an agent placed at `agent` now (if any) at `auditedLocation`
    /// (if the form names one): the audited location wins over the agent's own. The SQL of a draft
    /// and of the schema 7 upgrade apply the same rule.
    public init(agent: AuditPlacement?, auditedLocation: String?) {
        self.init(teamID: agent?.teamID, locationID: auditedLocation ?? agent?.locationID)
    }
}
