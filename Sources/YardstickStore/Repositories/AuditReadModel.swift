import YardstickCore

/// Figures over the stored audits for overviews (the demo), read with SQL aggregates.
public struct AuditReadModel {
    let database: Database

    /// Audits per form: count, mean score, critical failures and how many wait for review.
    public struct FormFigures: Sendable, Hashable {
        public var formID: String
        public var audits: Int
        public var meanScore: Double?
        public var criticalFailures: Int
        public var awaitingReview: Int
    }

    public func figuresByForm() throws -> [FormFigures] {
        try database.query(
            """
            SELECT d.doc_id, count(*), avg(a.score), sum(a.critical_fail), sum(a.status = 'submitted')
            FROM audit a JOIN definition_version d ON d.id = a.form_version_id WHERE a.status <> 'draft' GROUP BY d.doc_id ORDER BY d.doc_id
            """
        ).map { FormFigures(formID: $0.string(0), audits: $0.int(1), meanScore: $0.double(2), criticalFailures: $0.int(3), awaitingReview: $0.int(4)) }
    }

    /// An agent's mean over released audits.
    public struct AgentMean: Sendable, Hashable {
        public var agentID: String
        public var name: String
        public var teamID: String
        public var audits: Int
        public var meanScore: Double
    }

    /// The agents with the lowest mean score among those with at least `minimumAudits` released audits.
    public func lowestMeans(minimumAudits: Int, limit: Int) throws -> [AgentMean] {
        try database.query(
            """
            SELECT a.agent_id, g.name, g.team_id, count(*), avg(a.score) FROM audit a JOIN agent g ON g.id = a.agent_id
            WHERE a.status = 'released' AND a.calibration_session_id IS NULL
            GROUP BY a.agent_id HAVING count(*) >= ? ORDER BY avg(a.score), a.agent_id LIMIT ?
            """, minimumAudits, limit
        ).map { AgentMean(agentID: $0.string(0), name: $0.string(1), teamID: $0.string(2), audits: $0.int(3), meanScore: $0.double(4) ?? 0) }
    }

    /// The newest released audit of `formID` without a critical failure and below `score`: a good one to explain.
    public func recentAudit(formID: String, below score: Double) throws -> Int64? {
        try database.queryFirst(
            """
            SELECT a.id FROM audit a JOIN definition_version d ON d.id = a.form_version_id
            WHERE d.doc_id = ? AND a.status = 'released' AND a.critical_fail = 0 AND a.score < ?
            ORDER BY a.occurred_on DESC, a.id LIMIT 1
            """, formID, score)?.integer(0)
    }

    /// The audits that count (one rule: `AuditCounting`) in the months `monthKeys`, by agent.
    public func countedAudits(monthKeys: [Int]) throws -> [String: [IncentiveAudit]] {
        guard let first = monthKeys.min(), let last = monthKeys.max() else { return [:] }
        var result: [String: [IncentiveAudit]] = [:]
        let statement = try database.prepare(
            """
            SELECT id, agent_id, occurred_on, score, critical_fail, content_hash, status, calibration_session_id FROM audit
            WHERE period_month BETWEEN ? AND ? AND agent_id IS NOT NULL ORDER BY id
            """)
        try statement.bind(first, last)
        while try statement.step() {
            let row = statement.row
            guard let status = row.text(6).flatMap(AuditStatus.init(rawValue:)),
                  AuditCounting.counts(status: status, calibrationSessionID: row.integer(7)) else { continue }
            result[row.string(1), default: []].append(
                IncentiveAudit(id: row.integer(0) ?? 0, occurredOn: row.string(2), score: row.double(3),
                               criticalFail: (row.integer(4) ?? 0) != 0, contentHash: row.string(5)))
        }
        return result
    }
}
