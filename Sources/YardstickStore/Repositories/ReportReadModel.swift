import YardstickCore

/// One audit as reports read it from its columns: who, where, when, the score, and its stored
/// results (decoded only where a window does not cover whole months).
public struct ReportAuditRow: Sendable {
    public var id: Int64
    public var formID: String
    public var standardVersionID: Int64
    public var agentID: String?
    public var teamID: String?
    public var locationID: String?
    public var auditor: String
    public var occurredOn: String
    public var month: Int
    public var status: AuditStatus
    public var counts: Bool
    public var score: Double?
    public var band: String?
    public var criticalFail: Bool
    public var results: [UInt8]?
}

/// The reads behind `yardstick report`: audits of a window by their columns, returned reports,
/// names, an agent's open coaching items and disputes. Aggregates come from `AggregateRepository`.
public struct ReportReadModel {
    let database: Database

    /// The non-draft, non-calibration audits of `standardID` that happened from `from` to `to`, by date then id.
    /// - Parameter withResults: read the results blobs too (only for windows that are not whole months).
    /// - Parameter agentID: only this agent's audits.
    public func forEachAudit(standardID: String, from: ISODate, to: ISODate, withResults: Bool, agentID: String? = nil,
                             _ body: (ReportAuditRow) throws -> Void) throws {
        let statement = try database.prepare(
            """
            SELECT a.id, f.doc_id, a.standard_version_id, a.agent_id, a.team_id, a.site_id, a.auditor, a.occurred_on, a.period_month, a.status,
                   a.score, a.band, a.critical_fail, \(withResults ? "a.results" : "NULL")
            FROM audit a JOIN definition_version s ON s.id = a.standard_version_id JOIN definition_version f ON f.id = a.form_version_id
            WHERE a.period_month BETWEEN ? AND ? AND a.occurred_on BETWEEN ? AND ? AND s.doc_id = ? AND a.status <> 'draft'
              AND a.calibration_session_id IS NULL AND (?6 IS NULL OR a.agent_id = ?6)
            ORDER BY a.occurred_on, a.id
            """)
        try statement.bind(Int64(from.monthKey), Int64(to.monthKey), from.description, to.description, standardID, agentID)
        while try statement.step() {
            let row = statement.row
            let origin = Row.Origin("audit", row.integer(0).map { String($0) } ?? "?")
            let status: AuditStatus = try row.requiredEnum(9, "status", of: origin)
            let month = try row.requiredInteger(8, "period_month", of: origin)
            try body(ReportAuditRow(
                id: try row.requiredInteger(0, "id", of: origin), formID: row.string(1), standardVersionID: try row.requiredInteger(2, "standard_version_id", of: origin),
                agentID: try row.optionalText(3, "agent_id", of: origin), teamID: try row.optionalText(4, "team_id", of: origin),
                locationID: try row.optionalText(5, "site_id", of: origin), auditor: try row.requiredText(6, "auditor", of: origin),
                occurredOn: try row.requiredText(7, "occurred_on", of: origin), month: Int(clamping: month), status: status,
                counts: AuditCounting.counts(status: status, calibrationSessionID: nil), score: try row.optionalReal(10, "score", of: origin),
                band: try row.optionalText(11, "band", of: origin), criticalFail: row.integer(12) == 1,
                results: withResults ? try row.optionalBlob(13, "results", of: origin) : nil))
        }
    }

    /// The audits of the window that a reviewer returned at least once.
    public func returnedAudits(from: ISODate, to: ISODate) throws -> Set<Int64> {
        Set(try database.query(
            """
            SELECT DISTINCT a.id FROM journal j JOIN audit a ON a.id = CAST(j.subject_id AS INTEGER)
            WHERE j.subject = 'audit' AND j.action = 'returned' AND a.period_month BETWEEN ? AND ? AND a.occurred_on BETWEEN ? AND ?
              AND a.calibration_session_id IS NULL
            """, Int64(from.monthKey), Int64(to.monthKey), from.description, to.description).compactMap { $0.integer(0) })
    }

    /// The standards the counted audits of the months around the window were scored against, with
    /// how many audits each, most used first (from the aggregates: no audit is read); only audits with
    /// a team (or a location) when `withTeam` (`withLocation`), and only those of the given team,
    /// location and agent.
    public func standards(from: ISODate, to: ISODate, withTeam: Bool = false, withLocation: Bool = false, team: String? = nil,
                          location: String? = nil, agent: String? = nil) throws -> [(id: String, audits: Int)] {
        let statement = try database.prepare(
            """
            SELECT standard_id, sum(audits) FROM \(agent == nil ? "scope_month_stats" : "month_stats")
            WHERE period_month BETWEEN ?1 AND ?2 AND (?3 = 0 OR team_id <> '') AND (?4 = 0 OR location_id <> '')
              AND (?5 IS NULL OR team_id = ?5) AND (?6 IS NULL OR location_id = ?6) \(agent == nil ? "" : "AND agent_id = ?7")
            GROUP BY standard_id HAVING sum(audits) > 0 ORDER BY sum(audits) DESC, standard_id
            """)
        try statement.bind([Int64(from.monthKey), Int64(to.monthKey), withTeam ? 1 : 0, withLocation ? 1 : 0, team, location]
                           + (agent.map { [$0] } ?? []) as [any SQLBindable])
        return try statement.rows().map { ($0.string(0), $0.int(1)) }
    }

    /// Team names by id.
    public func teamNames() throws -> [String: String] { try names("SELECT id, name FROM team") }

    /// Location names by id.
    public func locationNames() throws -> [String: String] { try names("SELECT id, name FROM location") }

    /// Agent names by id.
    public func agentNames() throws -> [String: String] { try names("SELECT id, name FROM agent") }

    /// The forms' titles by id (of their newest version).
    public func formTitles() throws -> [String: String] {
        try names("SELECT doc_id, title FROM definition_version WHERE kind = 'form' ORDER BY id")
    }

    private func names(_ sql: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try database.query(sql) { result[row.string(0)] = row.string(1) }
        return result
    }

    /// The disputes about the audits of `agentID`: "dispute 2 · audit 17 · HOLD-60S · open since 2026-11-20".
    public func disputes(agentID: String) throws -> [String] {
        try database.query(
            """
            SELECT d.id, d.audit_id, d.criterion_id, d.status, d.opened_at, d.decided_at FROM dispute d JOIN audit a ON a.id = d.audit_id
            WHERE a.agent_id = ? ORDER BY d.id
            """, agentID).map { row in
            let status = row.string(3)
            let when = status == "open" ? "open since \(row.string(4).prefix(10))" : "\(status) \(row.string(5).prefix(10))"
            return "dispute \(row.int(0)) · audit \(row.int(1)) · \(row.string(2)) · \(when)"
        }
    }
}

extension Store {
    public var reports: ReportReadModel { ReportReadModel(database: database) }
}
