import YardstickCore

/// One entry of the append-only history.
public struct JournalEntry: Sendable, Hashable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var subject: String
    public var subjectID: String
    public var action: String
    public var reason: String?
    public var detail: String
}

/// The append-only, hash-chained history: each entry's hash covers the previous hash and its own
/// fields, so a row changed behind the tool's back breaks the chain.
public struct JournalRepository {
    let database: Database

    /// Appends an entry; call inside the transaction that makes the change it records.
    @discardableResult
    public func append(at: String, actor: String, subject: String, subjectID: String, action: String, reason: String? = nil,
                       detail: String = "{}") throws -> Int64 {
        let previous = try database.queryFirst("SELECT hash FROM journal ORDER BY id DESC LIMIT 1")?.text(0) ?? ""
        let hash = Self.hash(previous: previous, at: at, actor: actor, subject: subject, subjectID: subjectID, action: action,
                             reason: reason, detail: detail)
        try database.run(
            "INSERT INTO journal (at, actor, subject, subject_id, action, reason, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            at, actor, subject, subjectID, action, reason, detail, previous, hash)
        return database.lastInsertedRowID
    }

    static func hash(previous: String, at: String, actor: String, subject: String, subjectID: String, action: String,
                     reason: String?, detail: String) -> String {
        SHA256.hex(of: [previous, at, actor, subject, subjectID, action, reason ?? "", detail].joined(separator: "\u{1F}"))
    }

    /// The entries about one subject, oldest first.
    public func entries(subject: String, subjectID: String) throws -> [JournalEntry] {
        try database.query(
            "SELECT id, at, actor, subject, subject_id, action, reason, detail FROM journal WHERE subject = ? AND subject_id = ? ORDER BY id",
            subject, subjectID
        ).map { row in
            JournalEntry(id: row.integer(0) ?? 0, at: row.string(1), actor: row.string(2), subject: row.string(3),
                         subjectID: row.string(4), action: row.string(5), reason: row.text(6), detail: row.string(7))
        }
    }
}
