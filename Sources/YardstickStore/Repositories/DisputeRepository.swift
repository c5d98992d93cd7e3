import YardstickCore

/// One stored dispute.
public struct StoredDispute: Sendable, Hashable {
    public var id: Int64
    public var auditID: Int64
    public var criterionID: String
    public var openedBy: String
    public var openedAt: String
    public var reason: String
    public var status: String
    public var decidedBy: String?
    public var decidedAt: String?
    public var decisionReason: String?
    public var amendmentEntry: Int64?
    /// The audited agent, for lists.
    public var agentID: String?

    public var content: DisputeContent {
        DisputeContent(id: id, auditID: auditID, criterionID: criterionID, openedBy: openedBy, openedAt: openedAt, reason: reason, status: status,
                       decidedBy: decidedBy, decidedAt: decidedAt, decisionReason: decisionReason, amendmentEntry: amendmentEntry)
    }
}

/// Filters of `dispute list`.
public struct DisputeFilter: Sendable {
    public var status: String?
    public var agentID: String?
    public var auditID: Int64?

    public init(status: String? = nil, agentID: String? = nil, auditID: Int64? = nil) {
        self.status = status
        self.agentID = agentID
        self.auditID = auditID
    }
}

/// Disputes: opened, decided once, listed.
public struct DisputeRepository {
    let database: Database

    static let columns = """
        d.id, d.audit_id, d.criterion_id, d.opened_by, d.opened_at, d.reason, d.status, d.decided_by, d.decided_at, d.decision_reason,
        d.amendment_journal_id, a.agent_id
        """

    public func open(auditID: Int64, criterionID: String, by: String, reason: String, at timestamp: String) throws -> StoredDispute {
        try database.run("INSERT INTO dispute (audit_id, criterion_id, opened_by, opened_at, reason, status) VALUES (?, ?, ?, ?, ?, 'open')",
                         auditID, criterionID, by, timestamp, reason)
        guard let stored = try dispute(id: database.lastInsertedRowID) else {
            throw StoreError.changedMeanwhile("the dispute just opened cannot be read back")
        }
        return stored
    }

    /// Records the decision of an open dispute; false when it was no longer open (decided meanwhile).
    public func decide(id: Int64, status: String, by: String, reason: String, amendmentEntry: Int64?, at timestamp: String) throws -> Bool {
        try database.run(
            """
            UPDATE dispute SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, amendment_journal_id = ?
            WHERE id = ? AND status = 'open'
            """, status, by, timestamp, reason, amendmentEntry, id)
        return database.changes == 1
    }

    public func dispute(id: Int64) throws -> StoredDispute? {
        try database.query("SELECT \(Self.columns) FROM dispute d JOIN audit a ON a.id = d.audit_id WHERE d.id = ?", id).first.map(Self.dispute)
    }

    public func list(_ filter: DisputeFilter) throws -> [StoredDispute] {
        try database.query(
            """
            SELECT \(Self.columns) FROM dispute d JOIN audit a ON a.id = d.audit_id
            WHERE (?1 IS NULL OR d.status = ?1) AND (?2 IS NULL OR a.agent_id = ?2) AND (?3 IS NULL OR d.audit_id = ?3)
            ORDER BY d.id
            """, filter.status, filter.agentID, filter.auditID).map(Self.dispute)
    }

    /// Every dispute, for `verify`.
    public func all() throws -> [StoredDispute] { try list(DisputeFilter()) }

    static func dispute(_ row: Row) throws -> StoredDispute {
        let origin = Row.Origin("dispute", row.integer(0).map { String($0) } ?? "?")
        return StoredDispute(
            id: try row.requiredInteger(0, "id", of: origin), auditID: try row.requiredInteger(1, "audit_id", of: origin),
            criterionID: try row.requiredText(2, "criterion_id", of: origin), openedBy: try row.requiredText(3, "opened_by", of: origin),
            openedAt: try row.requiredText(4, "opened_at", of: origin), reason: try row.requiredText(5, "reason", of: origin),
            status: try row.requiredText(6, "status", of: origin), decidedBy: try row.optionalText(7, "decided_by", of: origin),
            decidedAt: try row.optionalText(8, "decided_at", of: origin), decisionReason: try row.optionalText(9, "decision_reason", of: origin),
            amendmentEntry: try row.optionalInteger(10, "amendment_journal_id", of: origin), agentID: try row.optionalText(11, "agent_id", of: origin))
    }
}

extension Store {
    public var disputes: DisputeRepository { DisputeRepository(database: database) }
}
