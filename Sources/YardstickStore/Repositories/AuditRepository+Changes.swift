import YardstickCore

extension AuditRepository {
    /// Replaces a submitted audit's answers and result (amendment or rescoring). Call inside a transaction.
    public func updateScored(id: Int64, standardVersionID: Int64, answers: [UInt8], results: [UInt8], comments: [String: String],
                             score: AuditScore, at timestamp: String) throws {
        try database.run(
            """
            UPDATE audit SET standard_version_id = ?, answers = ?, results = ?, score = ?, band = ?, outcome = ?, critical_fail = ?,
                updated_at = ?
            WHERE id = ? AND status <> 'draft'
            """,
            standardVersionID, answers, results, score.score, score.band, score.outcome.rawValue, score.criticalFail, timestamp, id)
        try replaceComments(auditID: id, comments)
    }

    /// Moves an audit to `status` (review decisions); false when it was in none of the `from` statuses.
    public func setStatus(id: Int64, to status: AuditStatus, from: [AuditStatus], at timestamp: String) throws -> Bool {
        let placeholders = from.map { _ in "?" }.joined(separator: ", ")
        let released: String? = status == .released ? timestamp : nil
        try database.run(
            "UPDATE audit SET status = ?, updated_at = ?, released_at = coalesce(?, released_at) WHERE id = ? AND status IN (\(placeholders))",
            [status.rawValue, timestamp, released, id] + from.map(\.rawValue))
        return database.changes == 1
    }
}
