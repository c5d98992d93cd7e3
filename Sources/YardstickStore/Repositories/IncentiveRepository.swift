import YardstickCore

/// A stored incentive run: which policy version, which period, who ran and who finalised it.
public struct StoredIncentiveRun: Sendable, Hashable {
    public var id: Int64
    public var policyVersionID: Int64
    public var policyID: String
    public var period: String
    public var createdBy: String
    public var createdAt: String
    public var finalisedBy: String?
    public var finalisedAt: String?
    public var finaliseReason: String?
    /// SHA-256 over the policy version and every audit and response the run used.
    public var fingerprint: String
    /// The finalised run this one corrects, when it was made for an already finalised period.
    public var correctionOf: Int64?

    public var isFinalised: Bool { finalisedAt != nil }
}

/// Incentive runs and their lines. A line's full content (explanation and evidence) is kept encoded
/// beside the columns (`IncentiveLineCodec`), so a finalised run renders byte for byte as it was.
public struct IncentiveRepository {
    let database: Database

    private static let runColumns =
        "id, policy_version_id, policy_id, period, created_by, created_at, finalised_by, finalised_at, finalise_reason, fingerprint, correction_of"

    /// Stores a run and its lines; returns the run's id. Call inside a transaction.
    public func insert(policyVersionID: Int64, policyID: String, period: String, lines: [IncentiveLine], fingerprint: String,
                       correctionOf: Int64?, by actor: String, at timestamp: String) throws -> Int64 {
        try database.run(
            """
            INSERT INTO incentive_run (policy_version_id, policy_id, period, created_by, created_at, fingerprint, correction_of)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, policyVersionID, policyID, period, actor, timestamp, fingerprint, correctionOf)
        let runID = database.lastInsertedRowID
        let insert = try database.prepare(
            """
            INSERT INTO incentive_line (run_id, agent_id, eligible, audits, mean_score, critical_fails, positive_reviews, negative_reviews,
                                        amount_minor, explanation, content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for line in lines {
            try insert.bind(runID, line.agentID, line.eligible, line.audits, line.meanScore, line.criticalFailures, line.positiveReviews,
                            line.negativeReviews, line.total, line.explanation, IncentiveLineCodec.encode(line))
            try insert.run()
        }
        return runID
    }

    /// Every run, newest first.
    public func runs() throws -> [StoredIncentiveRun] {
        try database.query("SELECT \(Self.runColumns) FROM incentive_run ORDER BY id DESC").map(Self.run)
    }

    /// Run `id`, if stored.
    public func run(id: Int64) throws -> StoredIncentiveRun? {
        try database.queryFirst("SELECT \(Self.runColumns) FROM incentive_run WHERE id = ?", id).map(Self.run)
    }

    /// The finalised run of `policyID` for `period`, if any.
    public func finalised(policyID: String, period: String) throws -> StoredIncentiveRun? {
        try database.queryFirst(
            "SELECT \(Self.runColumns) FROM incentive_run WHERE policy_id = ? AND period = ? AND finalised_at IS NOT NULL",
            policyID, period).map(Self.run)
    }

    /// The lines of run `id`, by agent id.
    public func lines(runID id: Int64) throws -> [IncentiveLine] {
        try database.query("SELECT agent_id, content FROM incentive_line WHERE run_id = ? ORDER BY agent_id", id).map { row in
            do {
                return try IncentiveLineCodec.decode(row.blob(1) ?? [])
            } catch {
                throw StoreError.damagedRow(table: "incentive_line", id: "\(id)/\(row.string(0))", column: "content", problem: "\(error)")
            }
        }
    }

    /// Agents of run `id` whose queryable columns (eligibility, audits, amount, explanation) differ from the line's stored content.
    public func columnMismatches(runID id: Int64) throws -> [String] {
        try database.query(
            "SELECT agent_id, eligible, audits, critical_fails, positive_reviews, negative_reviews, amount_minor, explanation, content FROM incentive_line WHERE run_id = ? ORDER BY agent_id",
            id
        ).compactMap { row in
            guard let line = try? IncentiveLineCodec.decode(row.blob(8) ?? []) else { return row.string(0) }
            let same = line.agentID == row.string(0) && (row.integer(1) != 0) == line.eligible && row.int(2) == line.audits
                && row.int(3) == line.criticalFailures && row.int(4) == line.positiveReviews && row.int(5) == line.negativeReviews
                && row.integer(6) == line.total && row.string(7) == line.explanation
            return same ? nil : row.string(0)
        }
    }

    /// Marks run `id` finalised; false when it already was (or another run of its period is). Call inside a transaction.
    public func finalise(id: Int64, by actor: String, at timestamp: String, reason: String) throws -> Bool {
        try database.run(
            "UPDATE incentive_run SET finalised_by = ?, finalised_at = ?, finalise_reason = ? WHERE id = ? AND finalised_at IS NULL",
            actor, timestamp, reason, id)
        return database.changes == 1
    }

    private static func run(_ row: Row) throws -> StoredIncentiveRun {
        StoredIncentiveRun(id: row.integer(0) ?? 0, policyVersionID: row.integer(1) ?? 0, policyID: row.string(2), period: row.string(3),
                           createdBy: row.string(4), createdAt: row.string(5), finalisedBy: row.text(6), finalisedAt: row.text(7),
                           finaliseReason: row.text(8), fingerprint: row.string(9), correctionOf: row.integer(10))
    }
}
