/// An evidence file recorded against an audit.
public struct StoredAttachment: Sendable, Hashable {
    public var fileName: String
    public var sha256: String
    public var byteCount: Int
}

/// Evidence records; the files themselves live beside the database, by content hash.
public struct AttachmentRepository {
    let database: Database

    /// Records an evidence file against draft `id` (once per content). Call inside a transaction.
    /// Evidence belongs to the fill: an audit that is no longer a draft refuses it (`changedMeanwhile`).
    public func add(auditID: Int64, sha256: String, fileName: String, byteCount: Int, actor: String, at timestamp: String) throws {
        guard try database.queryFirst("SELECT 1 FROM audit WHERE id = ? AND status = 'draft'", auditID) != nil else {
            throw StoreError.changedMeanwhile("audit \(auditID) is no longer a draft (it was submitted or deleted), so \(fileName) was not attached")
        }
        try database.run(
            "INSERT INTO attachment (audit_id, sha256, file_name, byte_count, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            auditID, sha256, fileName, byteCount, actor, timestamp)
    }

    /// The evidence of audit `id`, in the order it was attached.
    public func list(auditID: Int64) throws -> [StoredAttachment] {
        try database.query("SELECT file_name, sha256, byte_count FROM attachment WHERE audit_id = ? ORDER BY id", auditID).map { row in
            let origin = Row.Origin("attachment of audit", String(auditID))
            let count = try row.requiredInteger(2, "byte_count", of: origin)
            return StoredAttachment(fileName: try row.requiredText(0, "file_name", of: origin), sha256: try row.requiredText(1, "sha256", of: origin),
                                    byteCount: Int(clamping: count))
        }
    }
}

/// Database-wide settings.
public struct SettingRepository {
    let database: Database

    /// Whether audits wait for a reviewer's release before they count (`init --review-required`).
    public func reviewRequired() throws -> Bool {
        guard let row = try database.queryFirst("SELECT value FROM setting WHERE key = 'review_required'") else { return false }
        switch try row.requiredText(0, "value", of: Row.Origin("setting", "review_required")) {
        case "true": return true
        case "false": return false
        case let other: throw StoreError.damagedRow(table: "setting", id: "review_required", column: "value", problem: "is '\(other)', not true or false")
        }
    }

    /// How many days after today an interaction's date may lie (time zones); 1 unless set.
    public static let defaultFutureDateToleranceDays = 1

    public func futureDateToleranceDays() throws -> Int {
        guard let row = try database.queryFirst("SELECT value FROM setting WHERE key = 'future_date_tolerance_days'") else {
            return Self.defaultFutureDateToleranceDays
        }
        let text = try row.requiredText(0, "value", of: Row.Origin("setting", "future_date_tolerance_days"))
        guard let days = Int(text), (0...366).contains(days) else {
            throw StoreError.damagedRow(table: "setting", id: "future_date_tolerance_days", column: "value", problem: "is '\(text)', not 0 to 366 days")
        }
        return days
    }

    public func setFutureDateToleranceDays(_ days: Int) throws {
        try database.run(
            "INSERT INTO setting (key, value) VALUES ('future_date_tolerance_days', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            String(days))
    }

    public func setReviewRequired(_ required: Bool) throws {
        try database.run(
            "INSERT INTO setting (key, value) VALUES ('review_required', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            required ? "true" : "false")
    }
}
