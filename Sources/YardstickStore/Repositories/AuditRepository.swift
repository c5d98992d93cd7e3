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
    public var calibrationSessionID: Int64?
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
    /// Raised by every write; a write names the revision it read (compare-and-set).
    public var revision: Int64
    /// The content hash of the row as last written by yardstick (`AuditContent.hash`, or an earlier
    /// version for a row not changed since: `hashVersion2`, `hashBeforePlacement`); nil for drafts.
    public var contentHash: String?
    public var comments: [String: String]
    /// The team and location it counts for in reports, fixed when it was recorded.
    public var placement: AuditPlacement = .none
    /// The consistency flags its answers raised when last evaluated (the report went to review).
    public var flags: [String] = []

    /// Whether it counts toward scores, aggregates and incentives.
    public var counts: Bool { AuditCounting.counts(status: status, calibrationSessionID: calibrationSessionID) }
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
    /// Only audits whose answers raised a consistency flag.
    public var flagged = false
    /// At most this many (`Int.max` for all).
    public var limit: Int = 50

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
    /// The consistency flags raised, and the calibration session of a calibration audit.
    public var flags: [String] = []
    public var calibrationSessionID: Int64?
}

/// Audits: drafts saved answer by answer, compare-and-set writes of submitted audits, listing.
public struct AuditRepository {
    let database: Database

    /// The columns before schema 7 (placements), for upgrades that run on the older table.
    static let columnsBeforePlacement = """
        id, external_id, form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, status, calibration_session_id,
        answers, results, score, band, outcome, critical_fail, draft_position, created_at, updated_at, submitted_at, released_at,
        revision, content_hash
        """

    static let columns = columnsBeforePlacement + ", team_id, site_id, flags"

    /// Starts a draft with no answers.
    /// - Parameter calibrationSessionID: the session a calibration audit belongs to (it then counts for nobody).
    public func createDraft(formVersionID: Int64, standardVersionID: Int64, agentID: String?, locationID: String?, auditor: String,
                            answers: [UInt8], calibrationSessionID: Int64? = nil, at timestamp: String) throws -> Int64 {
        try database.run(
            """
            INSERT INTO audit (form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, period_month,
                               status, answers, draft_position, created_at, updated_at, team_id, site_id, calibration_session_id)
            VALUES (?1, ?2, ?3, ?4, ?5, '', 0, 'draft', ?6, 0, ?7, ?7, (SELECT team_id FROM agent WHERE id = ?3),
                    coalesce(?4, (SELECT location_id FROM agent WHERE id = ?3)), ?8)
            """, formVersionID, standardVersionID, agentID, locationID, auditor, answers, timestamp, calibrationSessionID)
        return database.lastInsertedRowID
    }

    /// Saves a draft's answers, comments and position in one short transaction, so nothing typed is
    /// lost; throws `changedMeanwhile` (and changes nothing) when the audit is no longer a draft.
    public func saveDraft(id: Int64, answers: [UInt8], comments: [String: String], position: Int, occurredOn: ISODate?, at timestamp: String) throws {
        try database.transaction {
            try database.run(
                """
                UPDATE audit SET answers = ?, draft_position = ?, occurred_on = ?, period_month = ?, updated_at = ?, revision = revision + 1
                WHERE id = ? AND status = 'draft'
                """,
                answers, position, occurredOn?.description ?? "", occurredOn?.monthKey ?? 0, timestamp, id)
            guard database.changes == 1 else {
                throw StoreError.changedMeanwhile("audit \(id) is no longer a draft (another process submitted or deleted it), so this answer was not saved")
            }
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

    /// Writes `audit` over the stored row if the row still has `expectedRevision` (compare-and-set);
    /// the stored revision becomes `expectedRevision + 1`. Call inside a transaction.
    public func write(_ audit: StoredAudit, expectedRevision: Int64) throws {
        try database.run(
            """
            UPDATE audit SET form_version_id = ?, standard_version_id = ?, agent_id = ?, location_id = ?, auditor = ?, occurred_on = ?,
                period_month = ?, status = ?, answers = ?, results = ?, score = ?, band = ?, outcome = ?, critical_fail = ?,
                draft_position = ?, updated_at = ?, submitted_at = ?, released_at = ?, content_hash = ?, revision = ?, flags = ?
            WHERE id = ? AND revision = ?
            """,
            [audit.formVersionID, audit.standardVersionID, audit.agentID, audit.locationID, audit.auditor, audit.occurredOn,
             ISODate(audit.occurredOn)?.monthKey ?? 0, audit.status.rawValue, audit.answers, audit.results, audit.score, audit.band,
             audit.outcome, audit.status == .draft ? nil : audit.criticalFail, audit.status == .draft ? audit.draftPosition : nil,
             audit.updatedAt, audit.submittedAt, audit.releasedAt, audit.contentHash, expectedRevision + 1,
             audit.flags.isEmpty ? nil : audit.flags.joined(separator: "\n"), audit.id, expectedRevision]
                as [any SQLBindable])
        guard database.changes == 1 else {
            throw StoreError.changedMeanwhile("audit \(audit.id) was changed by another process while this change was being made")
        }
        try replaceComments(auditID: audit.id, audit.comments)
    }

    /// The audit with `id` and its comments, or nil. Damaged values are errors, not defaults.
    public func audit(id: Int64) throws -> StoredAudit? {
        guard let row = try database.queryFirst("SELECT \(Self.columns) FROM audit WHERE id = ?", id) else { return nil }
        var audit = try Self.audit(row)
        audit.comments = try comments(auditID: id)
        return audit
    }

    /// The comments of the audit with `id`, by field. Damaged values are errors, not defaults.
    public func comments(auditID id: Int64) throws -> [String: String] {
        var comments: [String: String] = [:]
        for comment in try database.query("SELECT field_id, text FROM audit_comment WHERE audit_id = ?", id) {
            let origin = Row.Origin("audit comment", String(id))
            comments[try comment.requiredText(0, "field_id", of: origin)] = try comment.requiredText(1, "text", of: origin)
        }
        return comments
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

    /// Team and location are the ones the audit counts for (kept with it), as in reports: a transfer does not move it.
    private static let filtered = """
        FROM audit a JOIN definition_version d ON d.id = a.form_version_id
        WHERE (?1 IS NULL OR a.agent_id = ?1) AND (?2 IS NULL OR a.team_id = ?2) AND (?3 IS NULL OR a.site_id = ?3)
          AND (?4 IS NULL OR d.doc_id = ?4) AND (?5 IS NULL OR a.occurred_on >= ?5) AND (?6 IS NULL OR a.occurred_on <= ?6)
          AND (?7 IS NULL OR a.status = ?7) AND (?8 = 0 OR a.flags IS NOT NULL)
          AND (a.calibration_session_id IS NULL
               OR EXISTS (SELECT 1 FROM calibration_session c WHERE c.id = a.calibration_session_id AND c.closed_at IS NOT NULL))
        """

    /// How many audits match `filter` (whatever its limit), so a list can say what it left out.
    public func count(_ filter: AuditFilter) throws -> Int {
        try database.queryFirst(
            "SELECT count(*) \(Self.filtered)",
            filter.agentID, filter.teamID, filter.locationID, filter.formID, filter.from, filter.to, filter.status?.rawValue, filter.flagged ? 1 : 0)?.int(0) ?? 0
    }

    /// The audits matching `filter`, newest first, at most `filter.limit`.
    public func list(_ filter: AuditFilter) throws -> [AuditSummary] {
        try database.query(
            """
            SELECT a.id, a.external_id, d.doc_id, a.agent_id, a.location_id, a.auditor, a.occurred_on, a.status, a.score, a.band, a.outcome,
                   a.flags, a.calibration_session_id
            \(Self.filtered)
            ORDER BY a.occurred_on DESC, a.id DESC LIMIT ?9
            """,
            filter.agentID, filter.teamID, filter.locationID, filter.formID, filter.from, filter.to, filter.status?.rawValue, filter.flagged ? 1 : 0,
            filter.limit
        ).map { row in
            let origin = Row.Origin("audit", row.integer(0).map { String($0) } ?? "?")
            return AuditSummary(
                id: try row.requiredInteger(0, "id", of: origin), externalID: try row.optionalText(1, "external_id", of: origin),
                formID: try row.requiredText(2, "form", of: origin), agentID: try row.optionalText(3, "agent_id", of: origin),
                locationID: try row.optionalText(4, "location_id", of: origin), auditor: try row.requiredText(5, "auditor", of: origin),
                occurredOn: try row.requiredText(6, "occurred_on", of: origin), status: try row.requiredEnum(7, "status", of: origin),
                score: try row.optionalReal(8, "score", of: origin), band: try row.optionalText(9, "band", of: origin),
                outcome: try row.optionalText(10, "outcome", of: origin),
                flags: (try row.optionalText(11, "flags", of: origin)).map { $0.split(separator: "\n").map(String.init) } ?? [],
                calibrationSessionID: try row.optionalInteger(12, "calibration_session_id", of: origin))
        }
    }

    static func audit(_ row: Row) throws -> StoredAudit {
        let origin = Row.Origin("audit", row.integer(0).map { String($0) } ?? "?")
        let position = try row.optionalInteger(16, "draft_position", of: origin) ?? 0
        guard let draftPosition = Int(exactly: position), draftPosition >= 0 else {
            throw StoreError.damagedRow(table: "audit", id: origin.id, column: "draft_position", problem: "is out of range")
        }
        return StoredAudit(
            id: try row.requiredInteger(0, "id", of: origin), externalID: try row.optionalText(1, "external_id", of: origin),
            formVersionID: try row.requiredInteger(2, "form_version_id", of: origin),
            standardVersionID: try row.requiredInteger(3, "standard_version_id", of: origin),
            agentID: try row.optionalText(4, "agent_id", of: origin), locationID: try row.optionalText(5, "location_id", of: origin),
            auditor: try row.requiredText(6, "auditor", of: origin), occurredOn: try row.requiredText(7, "occurred_on", of: origin),
            status: try row.requiredEnum(8, "status", of: origin),
            calibrationSessionID: try row.optionalInteger(9, "calibration_session_id", of: origin),
            answers: try row.requiredBlob(10, "answers", of: origin), results: try row.optionalBlob(11, "results", of: origin),
            score: try row.optionalReal(12, "score", of: origin), band: try row.optionalText(13, "band", of: origin),
            outcome: try row.optionalText(14, "outcome", of: origin),
            criticalFail: row.isNull(15) ? false : try row.requiredFlag(15, "critical_fail", of: origin), draftPosition: draftPosition,
            createdAt: try row.requiredText(17, "created_at", of: origin), updatedAt: try row.requiredText(18, "updated_at", of: origin),
            submittedAt: try row.optionalText(19, "submitted_at", of: origin), releasedAt: try row.optionalText(20, "released_at", of: origin),
            revision: try row.requiredInteger(21, "revision", of: origin), contentHash: try row.optionalText(22, "content_hash", of: origin),
            comments: [:],
            placement: row.values.count > 24
                ? AuditPlacement(teamID: try row.optionalText(23, "team_id", of: origin), locationID: try row.optionalText(24, "site_id", of: origin))
                : .none,
            flags: row.values.count > 25 ? (try row.optionalText(25, "flags", of: origin)).map { $0.split(separator: "\n").map(String.init) } ?? [] : [])
    }

    /// Every audit in id order with its comments, streamed (for `verify`): memory stays flat.
    /// A row that does not map is handed to `body` as the error, so one damaged row does not stop the walk.
    /// - Parameter beforePlacement: read the columns of the table before schema 7 (for earlier upgrades).
    public func forEach(beforePlacement: Bool = false, _ body: (Result<StoredAudit, StoreError>) throws -> Void) throws {
        let audits = try database.prepare("SELECT \(beforePlacement ? Self.columnsBeforePlacement : Self.columns) FROM audit ORDER BY id")
        let comments = try database.prepare("SELECT audit_id, field_id, text FROM audit_comment ORDER BY audit_id, field_id")
        var pendingComment: Row? = try comments.step() ? comments.row : nil
        while try audits.step() {
            let row = audits.row
            let id = row.integer(0) ?? 0
            var attached: [String: String] = [:]
            var damagedComment: StoreError?
            while let comment = pendingComment, let owner = comment.integer(0), owner <= id {
                if owner == id {
                    let origin = Row.Origin("audit comment", String(id))
                    do {
                        attached[try comment.requiredText(1, "field_id", of: origin)] = try comment.requiredText(2, "text", of: origin)
                    } catch let error as StoreError {
                        damagedComment = error
                    }
                }
                pendingComment = try comments.step() ? comments.row : nil
            }
            if let damagedComment {
                try body(.failure(damagedComment))
                continue
            }
            do {
                var audit = try Self.audit(row)
                audit.comments = attached
                try body(.success(audit))
            } catch let error as StoreError {
                try body(.failure(error))
            }
        }
    }

    /// The audits of agents whose interaction happened from `from` to `to`, with their comments, by date.
    public func agentAudits(from: ISODate, to: ISODate) throws -> [StoredAudit] {
        let rows = try database.query(
            "SELECT \(Self.columns) FROM audit WHERE period_month BETWEEN ? AND ? AND occurred_on BETWEEN ? AND ? AND agent_id IS NOT NULL ORDER BY occurred_on, id",
            from.monthKey, to.monthKey, from.description, to.description)
        var audits = try rows.map(Self.audit)
        guard !audits.isEmpty else { return [] }
        var comments: [Int64: [String: String]] = [:]
        for row in try database.query(
            """
            SELECT c.audit_id, c.field_id, c.text FROM audit_comment c JOIN audit a ON a.id = c.audit_id
            WHERE a.period_month BETWEEN ? AND ? AND a.occurred_on BETWEEN ? AND ?
            """, from.monthKey, to.monthKey, from.description, to.description) {
            comments[row.integer(0) ?? 0, default: [:]][row.string(1)] = row.string(2)
        }
        for index in audits.indices { audits[index].comments = comments[audits[index].id] ?? [:] }
        return audits
    }

    /// The stable aggregate slot of each criterion of `standardID`.
    public func slots(standardID: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try database.query("SELECT criterion_id, slot FROM criterion_slot WHERE standard_id = ?", standardID) {
            let origin = Row.Origin("criterion slot of", standardID)
            let slot = try row.requiredInteger(1, "slot", of: origin)
            guard let position = Int(exactly: slot), (0..<100_000).contains(position) else {
                throw StoreError.damagedRow(table: origin.table, id: standardID, column: "slot", problem: "\(slot) is out of range")
            }
            result[try row.requiredText(0, "criterion_id", of: origin)] = position
        }
        return result
    }

    /// Whether a location is known (from the roster).
    public func locationExists(_ id: String) throws -> Bool {
        try database.queryFirst("SELECT 1 FROM location WHERE id = ?", id) != nil
    }

    /// Whether any audit is stored (the demo needs an empty database).
    public func isEmpty() throws -> Bool {
        try database.queryFirst("SELECT 1 FROM audit LIMIT 1") == nil
    }
}

extension AuditRepository {
    /// Gives a draft the external id it was submitted with (an answers file's `external_id`).
    public func setExternalID(_ externalID: String, of id: Int64) throws {
        try database.run("UPDATE audit SET external_id = ? WHERE id = ? AND status = 'draft'", externalID, id)
    }
}
