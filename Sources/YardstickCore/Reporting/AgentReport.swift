/// One audit of an agent as the agent's report lists it, with the reasons behind lost points.
public struct AgentAuditLine: Sendable, Hashable {
    public var id: Int64
    public var occurredOn: String
    public var formID: String
    public var auditor: String
    public var score: Double?
    public var band: String?
    public var criticalFail: Bool
    /// "HOLD-60S not met — “held twice, 2 min”", one per criterion that lost points.
    public var reasons: [String]

    public init(id: Int64, occurredOn: String, formID: String, auditor: String, score: Double?, band: String?, criticalFail: Bool, reasons: [String]) {
        self.id = id
        self.occurredOn = occurredOn
        self.formID = formID
        self.auditor = auditor
        self.score = score
        self.band = band
        self.criticalFail = criticalFail
        self.reasons = reasons
    }
}

/// What the agent report is made of.
public struct AgentReportInput: Sendable {
    public var agentID: String
    public var agentName: String
    /// The team (or teams, after a transfer) the agent's audits of the window counted for.
    public var teamID: String
    /// How the header and the comparison name it: "oslo-phone", or "T1 Oslo phone".
    public var teamName: String
    public var standard: ReportStandard
    public var window: ReportWindow
    public var previous: ReportWindow
    public var agentNow: ReportFigures
    public var agentBefore: ReportFigures
    /// Those teams' audits of the window, all of their agents together.
    public var teamNow: ReportFigures
    public var audits: [AgentAuditLine]
    /// "plan 4 · HOLD-60S — met in ≥ 90 % of the next 5 reviewed calls · due 2026-12-15".
    public var openCoaching: [String]
    /// "dispute 2 · audit 17 · HOLD-60S · open since 2026-11-20".
    public var disputes: [String]

    public init(agentID: String, agentName: String, teamID: String, teamName: String, standard: ReportStandard, window: ReportWindow,
                previous: ReportWindow, agentNow: ReportFigures, agentBefore: ReportFigures, teamNow: ReportFigures, audits: [AgentAuditLine],
                openCoaching: [String], disputes: [String]) {
        self.agentID = agentID
        self.agentName = agentName
        self.teamID = teamID
        self.teamName = teamName
        self.standard = standard
        self.window = window
        self.previous = previous
        self.agentNow = agentNow
        self.agentBefore = agentBefore
        self.teamNow = teamNow
        self.audits = audits
        self.openCoaching = openCoaching
        self.disputes = disputes
    }
}

/// `report agent A`: what the agent sees — their audits with scores and reasons, categories and
/// criteria against their team, strengths and weaknesses, open coaching items and disputes.
public enum AgentReport {
    /// Strengths and weaknesses need the criterion assessed this often for the agent.
    public static let minimumAssessed: Int64 = 2

    public static func build(_ input: AgentReportInput) -> ReportDocument {
        let standard = input.standard
        let now = input.agentNow, team = input.teamNow
        var summary = ReportTable(id: "summary", columns: [
            ReportColumn("scope", "Scope"), ReportColumn("audits", "Audits", numeric: true), ReportColumn("mean_score", "Mean", numeric: true),
            ReportColumn("previous_mean", "Before", numeric: true), ReportColumn("delta", "Δ", numeric: true),
            ReportColumn("critical_failures", "Critical", numeric: true), ReportColumn("bands", "Bands"),
        ])
        summary.rows.append([.text("\(input.agentID) \(input.agentName)"), .integer(now.audits), ReportCells.score(now.meanScore, standard: standard),
                             ReportCells.score(input.agentBefore.meanScore, standard: standard), ReportCells.delta(now.meanScore, input.agentBefore.meanScore),
                             .integer(now.criticalFails), .text(ReportCells.bandSummary(now, standard: standard))])
        summary.rows.append([.text("team \(input.teamName)"), .integer(team.audits), ReportCells.score(team.meanScore, standard: standard), .empty,
                             .empty, .integer(team.criticalFails), .text(ReportCells.bandSummary(team, standard: standard))])

        var audits = ReportTable(id: "audits", columns: [
            ReportColumn("audit", "Audit", numeric: true), ReportColumn("date", "Date"), ReportColumn("form", "Form"), ReportColumn("auditor", "Auditor"),
            ReportColumn("score", "Score", numeric: true), ReportColumn("band", "Band"), ReportColumn("critical", "Critical"), ReportColumn("reasons", "Points lost"),
        ])
        for line in input.audits {
            audits.rows.append([.integer(line.id), .text(line.occurredOn), .text(line.formID), .text(line.auditor), ReportCells.score(line.score, standard: standard),
                                .text(line.band ?? "—", tone: line.band.flatMap { ReportCells.bandTone(label: $0, standard: standard) }),
                                .text(line.criticalFail ? "yes" : "no", tone: line.criticalFail ? .bad : nil),
                                .text(line.reasons.isEmpty ? "—" : line.reasons.joined(separator: "; "))])
        }

        let comparison = (label: "team", figures: team)
        let assessed = standard.criteria.filter { now.counters(slot: $0.slot).assessed >= minimumAssessed }
        func gap(_ criterion: ReportCriterion) -> Double? {
            guard let mine = now.counters(slot: criterion.slot).failureRate, let theirs = team.counters(slot: criterion.slot).failureRate else { return nil }
            return mine - theirs
        }
        let weaknesses = assessed.filter { (gap($0) ?? 0) > 0 }.sorted { (gap($0) ?? 0, $1.id) > (gap($1) ?? 0, $0.id) }.prefix(3)
        let strengths = assessed.filter { (gap($0) ?? 0) < 0 }.sorted { (gap($0) ?? 0, $0.id) < (gap($1) ?? 0, $1.id) }.prefix(3)
        func describe(_ criterion: ReportCriterion) -> String {
            let mine = now.counters(slot: criterion.slot), theirs = team.counters(slot: criterion.slot)
            let what = criterion.span > 1 ? "of the points missed" : "not met"
            return "\(criterion.id) \(criterion.title): \(percent(mine.failureRate)) \(what) over \(mine.assessed) assessments (team \(percent(theirs.failureRate)))"
        }
        var lines: [String] = []
        lines += weaknesses.isEmpty ? ["Weaknesses: none against the team."] : ["Weaknesses (fails more often than the team):"] + weaknesses.map { "  " + describe($0) }
        lines += strengths.isEmpty ? ["Strengths: none against the team."] : ["Strengths (fails less often than the team):"] + strengths.map { "  " + describe($0) }

        var sections = [
            ReportSection("Summary", .table(summary)),
            ReportSection("Audits", .table(audits)),
            ReportSection("Strengths and weaknesses", .lines(lines)),
        ]
        sections += ReportCells.categorySection(now, input.agentBefore, standard: standard, comparison: comparison, seriesLabel: input.agentID)
        sections.append(ReportSection("Criteria", .table(ReportCells.criteriaTable(now, input.agentBefore, standard: standard, comparison: comparison))))
        sections.append(ReportSection("Open coaching items", .lines(input.openCoaching.isEmpty ? ["None."] : input.openCoaching)))
        sections.append(ReportSection("Disputes", .lines(input.disputes.isEmpty ? ["None."] : input.disputes)))
        let facts = [
            ReportFact("agent", "Agent", "\(input.agentID) \(input.agentName)"), ReportFact("team", "Team", input.teamName),
            ReportFact("period", "Period", input.window.longDescription),
            ReportFact("compared_with", "Compared with", input.previous.label),
            ReportFact("standard", "Standard", "\(standard.id) — \(standard.title)"),
        ]
        let notes = now.audits == 0 ? ["No audits in \(input.window.label) for agent \(input.agentID)."] : []
        return ReportDocument(kind: "agent", title: "Agent report", facts: facts, notes: notes, sections: sections, export: audits)
    }

    static func percent(_ value: Double?) -> String { value.map { formatFixed($0 * 100, 1) + " %" } ?? "—" }
}
