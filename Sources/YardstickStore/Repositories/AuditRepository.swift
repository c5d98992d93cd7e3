import YardstickCore

/// An audit as stored: one row with its answers and per-criterion results packed.
public struct StoredAudit: Sendable, Hashable {
    public var id: Int64
    public var externalID: String?
    public var formVersionID: Int64
    public var standardVersionID: Int64
    public var agentID: String?
    public var locationID: String?
    public var auditor: String
    public var occurredOn: String
    public var status: AuditStatus
    public var answers: [UInt8]
    public var results: [UInt8]?
    public var score: Double?
    public var band: String?
    public var outcome: String?
    public var criticalFail: Bool
    public var draftPosition: Int
    public var createdAt: String
    public var updatedAt: String
    public var submittedAt: String?
    public var releasedAt: String?
    public var comments: [String: String]
}

/// The life cycle of an audit (PRODUCT.md §2).
public enum AuditStatus: String, Sendable, Hashable, CaseIterable {
    case draft
    case submitted
    case inReview = "in_review"
    case returned
    case released
    case final

    /// Whether audits in this status count toward scores and incentives.
    public var counts: Bool { self == .released || self == .final }
}

/// Filters of `audit list`.
public struct AuditFilter: Sendable {
    public var agentID: String?
    public var teamID: String?
    public var locationID: String?
    public var formID: String?
    public var from: String?
    public var to: String?
    public var status: AuditStatus?
    public var limit: Int = 1000

    public init() {}
}

/// A line of `audit list`.
public struct AuditSummary: Sendable, Hashable {
    public var id: Int64
    public var externalID: String?
    public var formID: String
    public var agentID: String?
    public var locationID: String?
    public var auditor: String
    public var occurredOn: String
    public var status: AuditStatus
    public var score: Double?
    public var band: String?
    public var outcome: String?
}

/// Audits: drafts saved answer by answer, submissions, listing.
public struct AuditRepository {
    let database: Database

    static let columns = """
        id, external_id, form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, status, answers, results,
        score, band, outcome, critical_fail, draft_position, created_at, updated_at, submitted_at, released_at
        """

    /// Starts a draft with no answers.
    public func createDraft(formVersionID: Int64, standardVersionID: Int64, agentID: String?, locationID: String?, auditor: String,
                            answers: [UInt8], at timestamp: String) throws -> Int64 {
        try database.run(
            """
            INSERT INTO audit (form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, period_month,
                               status, answers, draft_position, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, '', 0, 'draft', ?, 0, ?, ?)
            """, formVersionID, standardVersionID, agentID, locationID, auditor, answers, timestamp, timestamp)
        return database.lastInsertedRowID
    }

    /// Saves a draft's answers, comments and position; one short transaction, so nothing typed is lost.
    public func saveDraft(id: Int64, answers: [UInt8], comments: [String: String], position: Int, occurredOn: ISODate?, at timestamp: String) throws {
        try database.transaction {
            try database.run(
                "UPDATE audit SET answers = ?, draft_position = ?, occurred_on = ?, period_month = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                answers, position, occurredOn?.description ?? "", occurredOn?.monthKey ?? 0, timestamp, id)
            try replaceComments(auditID: id, comments)
        }
    }

    func replaceComments(auditID: Int64, _ comments: [String: String]) throws {
        try database.run("DELETE FROM audit_comment WHERE audit_id = ?", auditID)
        let insert = try database.prepare("INSERT INTO audit_comment (audit_id, field_id, text) VALUES (?, ?, ?)")
        for (field, text) in comments.sorted(by: { $0.key < $1.key }) {
            try insert.bind(auditID, field, text)
            try insert.run()
        }
    }

    /// Turns a draft into a submitted (or, without review, released) audit with its score. Call inside a transaction.
    public func submitDraft(id: Int64, answers: [UInt8], results: [UInt8], comments: [String: String], occurredOn: ISODate,
                            score: AuditScore, status: AuditStatus, at timestamp: String) throws {
        try database.run(
            """
            UPDATE audit SET answers = ?, results = ?, occurred_on = ?, period_month = ?, status = ?, score = ?, band = ?, outcome = ?,
                critical_fail = ?, draft_position = NULL, updated_at = ?, submitted_at = ?, released_at = ?
            WHERE id = ? AND status = 'draft'
            """,
            answers, results, occurredOn.description, occurredOn.monthKey, status.rawValue, score.score, score.band,
            score.outcome.rawValue, score.criticalFail, timestamp, timestamp, status == .released ? timestamp : nil, id)
        guard database.changes == 1 else { throw StoreError.changedMeanwhile("audit \(id) is no longer a draft: another process submitted or deleted it") }
        try replaceComments(auditID: id, comments)
    }

    public func audit(id: Int64) throws -> StoredAudit? {
        guard let row = try database.queryFirst("SELECT \(Self.columns) FROM audit WHERE id = ?", id) else { return nil }
        var audit = Self.audit(row)
        for comment in try database.query("SELECT field_id, text FROM audit_comment WHERE audit_id = ?", id) {
            audit.comments[comment.string(0)] = comment.string(1)
        }
        return audit
    }

    /// The id of the audit imported with `externalID`, if any.
    public func id(externalID: String) throws -> Int64? {
        try database.queryFirst("SELECT id FROM audit WHERE external_id = ?", externalID)?.integer(0)
    }

    /// Deletes a draft; submitted audits are never deleted.
    public func deleteDraft(id: Int64) throws -> Bool {
        try database.run("DELETE FROM audit WHERE id = ? AND status = 'draft'", id)
        return database.changes == 1
    }

    public func list(_ filter: AuditFilter) throws -> [AuditSummary] {
        try database.query(
            """
            SELECT a.id, a.external_id, d.doc_id, a.agent_id, a.location_id, a.auditor, a.occurred_on, a.status, a.score, a.band, a.outcome
            FROM audit a JOIN definition_version d ON d.id = a.form_version_id LEFT JOIN agent g ON g.id = a.agent_id
            WHERE (?1 IS NULL OR a.agent_id = ?1) AND (?2 IS NULL OR g.team_id = ?2) AND (?3 IS NULL OR a.location_id = ?3 OR g.location_id = ?3)
              AND (?4 IS NULL OR d.doc_id = ?4) AND (?5 IS NULL OR a.occurred_on >= ?5) AND (?6 IS NULL OR a.occurred_on <= ?6)
              AND (?7 IS NULL OR a.status = ?7)
            ORDER BY a.occurred_on DESC, a.id DESC LIMIT ?8
            """,
            filter.agentID, filter.teamID, filter.locationID, filter.formID, filter.from, filter.to, filter.status?.rawValue, filter.limit
        ).map { row in
            AuditSummary(id: row.integer(0) ?? 0, externalID: row.text(1), formID: row.string(2), agentID: row.text(3), locationID: row.text(4),
                         auditor: row.string(5), occurredOn: row.string(6), status: AuditStatus(rawValue: row.string(7)) ?? .draft,
                         score: row.double(8), band: row.text(9), outcome: row.text(10))
        }
    }

    static func audit(_ row: Row) -> StoredAudit {
        StoredAudit(
            id: row.integer(0) ?? 0, externalID: row.text(1), formVersionID: row.integer(2) ?? 0, standardVersionID: row.integer(3) ?? 0,
            agentID: row.text(4), locationID: row.text(5), auditor: row.string(6), occurredOn: row.string(7),
            status: AuditStatus(rawValue: row.string(8)) ?? .draft, answers: row.blob(9) ?? [], results: row.blob(10), score: row.double(11),
            band: row.text(12), outcome: row.text(13), criticalFail: row.int(14) == 1, draftPosition: row.int(15), createdAt: row.string(16),
            updatedAt: row.string(17), submittedAt: row.text(18), releasedAt: row.text(19), comments: [:])
    }

    /// The stable aggregate slot of each criterion of `standardID`.
    public func slots(standardID: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try database.query("SELECT criterion_id, slot FROM criterion_slot WHERE standard_id = ?", standardID) {
            result[row.string(0)] = row.int(1)
        }
        return result
    }

    /// Whether the database requires review before audits count (`init --review-required`).
    public func reviewRequired() throws -> Bool {
        try database.queryFirst("SELECT value FROM setting WHERE key = 'review_required'")?.text(0) == "true"
    }
}

/// Writes many submitted audits with statements prepared once (the import path).
public final class AuditBatchWriter {
    let database: Database
    private let insert: Statement
    private let insertComment: Statement
    private let findExternal: Statement

    public init(database: Database) throws {
        self.database = database
        insert = try database.prepare(
            """
            INSERT INTO audit (external_id, form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, period_month,
                               status, answers, results, score, band, outcome, critical_fail, created_at, updated_at, submitted_at, released_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertComment = try database.prepare("INSERT INTO audit_comment (audit_id, field_id, text) VALUES (?, ?, ?)")
        findExternal = try database.prepare("SELECT id FROM audit WHERE external_id = ?")
    }

    /// The id of the audit stored with `externalID`, if any (re-importing is idempotent).
    public func storedID(externalID: String) throws -> Int64? {
        try findExternal.bind(externalID)
        return try findExternal.rows().first?.integer(0)
    }

    /// Inserts one submitted audit; returns its id.
    @discardableResult
    public func insert(_ row: AuditRow, formVersionID: Int64, standardVersionID: Int64, answers: [UInt8], results: [UInt8],
                       score: AuditScore, status: AuditStatus, at timestamp: String) throws -> Int64 {
        try insert.bind(
            row.externalID, formVersionID, standardVersionID, row.agentID, row.locationID, row.auditor, row.occurredOn.description,
            row.occurredOn.monthKey, status.rawValue, answers, results, score.score, score.band, score.outcome.rawValue, score.criticalFail,
            timestamp, timestamp, timestamp, status == .released ? timestamp : nil)
        try insert.run()
        let id = database.lastInsertedRowID
        for (field, text) in row.comments.sorted(by: { $0.key < $1.key }) {
            try insertComment.bind(id, field, text)
            try insertComment.run()
        }
        return id
    }
}
