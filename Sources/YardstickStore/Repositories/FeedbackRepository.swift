import YardstickCore

/// What storing one response did.
public enum FeedbackInsertOutcome: Sendable, Hashable {
    case added
    /// The same external id is stored with the same content: a re-import.
    case unchanged
    /// The same external id is stored with other content; nothing was changed.
    case conflict(storedID: Int64)
}

/// One stored response, for summaries.
public struct StoredFeedback: Sendable, Hashable {
    public var id: Int64
    public var agentID: String
    public var teamID: String
    public var occurredOn: String
    public var nps: Int?
    public var csat: Int?
}

/// Customer feedback: survey responses linked to an agent and a date.
public struct FeedbackRepository {
    let database: Database

    /// Stores responses one by one with statements prepared once, for a whole file. Use inside a transaction.
    public final class Inserter {
        let database: Database
        let insert: Statement
        let select: Statement

        init(database: Database) throws {
            self.database = database
            insert = try database.prepare(
                """
                INSERT INTO feedback (external_id, agent_id, occurred_on, period_month, nps, csat, comment, channel, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (external_id) DO NOTHING
                """)
            select = try database.prepare("SELECT id, agent_id, occurred_on, nps, csat, comment, channel FROM feedback WHERE external_id = ?")
        }

        /// Stores `feedback` unless its external id is already stored.
        public func insert(_ feedback: FeedbackResponse, at timestamp: String) throws -> FeedbackInsertOutcome {
            try insert.bind(feedback.externalID, feedback.agentID, feedback.occurredOn.description, feedback.occurredOn.monthKey,
                            feedback.nps, feedback.csat, feedback.comment, feedback.channel, timestamp)
            try insert.run()
            if database.changes == 1 { return .added }
            guard let externalID = feedback.externalID else {
                throw StoreError.changedMeanwhile("a response without an external id was not stored")
            }
            try select.bind(externalID)
            guard let row = try select.rows().first else {
                throw StoreError.changedMeanwhile("feedback \(externalID) was neither stored nor found; another process may have removed it")
            }
            let same = row.string(1) == feedback.agentID && row.string(2) == feedback.occurredOn.description
                && row.integer(3).map(Int.init) == feedback.nps && row.integer(4).map(Int.init) == feedback.csat
                && row.text(5) == feedback.comment && row.text(6) == feedback.channel
            return same ? .unchanged : .conflict(storedID: row.integer(0) ?? 0)
        }
    }

    /// An inserter for one file's responses.
    public func inserter() throws -> Inserter { try Inserter(database: database) }

    /// The responses dated within `from...to`, with each agent's current team.
    public func responses(from: ISODate, to: ISODate) throws -> [StoredFeedback] {
        try database.query(
            """
            SELECT f.id, f.agent_id, g.team_id, f.occurred_on, f.nps, f.csat FROM feedback f JOIN agent g ON g.id = f.agent_id
            WHERE f.occurred_on BETWEEN ? AND ? ORDER BY f.agent_id, f.occurred_on, f.id
            """, from.description, to.description
        ).map { StoredFeedback(id: $0.integer(0) ?? 0, agentID: $0.string(1), teamID: $0.string(2), occurredOn: $0.string(3),
                               nps: $0.integer(4).map(Int.init), csat: $0.integer(5).map(Int.init)) }
    }

    /// The responses in the months `monthKeys` (`year × 100 + month`), by agent.
    public func byAgent(monthKeys: [Int]) throws -> [String: [IncentiveFeedback]] {
        guard let first = monthKeys.min(), let last = monthKeys.max() else { return [:] }
        var result: [String: [IncentiveFeedback]] = [:]
        for row in try database.query(
            "SELECT id, agent_id, occurred_on, nps, csat FROM feedback WHERE period_month BETWEEN ? AND ? ORDER BY id", first, last) {
            result[row.string(1), default: []].append(
                IncentiveFeedback(id: row.integer(0) ?? 0, occurredOn: row.string(2), nps: row.integer(3).map(Int.init), csat: row.integer(4).map(Int.init)))
        }
        return result
    }

    /// How many responses are stored.
    public func count() throws -> Int { try database.queryFirst("SELECT count(*) FROM feedback")?.int(0) ?? 0 }
}
