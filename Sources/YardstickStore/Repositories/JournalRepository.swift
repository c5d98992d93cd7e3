import YardstickCore

/// Who acted: the name given (`--actor`, `--auditor`), and the OS login of the process, both recorded.
public struct Actor: Sendable, Hashable {
    public var name: String
    public var login: String

    public init(name: String, login: String) {
        self.name = name
        self.login = login
    }
}

/// One stored entry of the append-only history.
public struct JournalRecord: Sendable, Hashable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var login: String?
    public var subject: String
    public var subjectID: String
    public var action: String
    public var reason: String?
    public var detail: String
    public var contentHash: String?
    public var previousHash: String
    public var hash: String
    /// 1: written before typed events (hash over `\u{1F}`-joined fields); 2: typed, length-prefixed.
    public var format: Int

    /// The typed event (format 2 entries).
    public func event() throws -> JournalEvent {
        try JournalEvent.decode(subject: subject, action: action, payload: detail)
    }

    /// The hash this entry must have given its fields and the previous entry's hash.
    public var expectedHash: String {
        format == 1
            ? JournalRepository.legacyHash(previous: previousHash, at: at, actor: actor, subject: subject, subjectID: subjectID,
                                           action: action, reason: reason, detail: detail)
            : JournalRepository.hash(previous: previousHash, at: at, actor: actor, login: login, subject: subject, subjectID: subjectID,
                                     action: action, reason: reason, detail: detail, contentHash: contentHash)
    }
}

/// The append-only, hash-chained history: each entry's hash covers the previous hash and its own
/// fields (length-prefixed, so no text can forge a boundary), so a row changed behind the tool's
/// back breaks the chain.
public struct JournalRepository {
    let database: Database

    static let columns = "id, at, actor, login, subject, subject_id, action, reason, detail, content_hash, previous_hash, hash, format"

    /// Appends `event`; call inside the transaction that makes the change it records.
    /// - Parameter contentHash: the audit content hash the change produced (a batch hash for an import).
    @discardableResult
    public func append(_ event: JournalEvent, reason: String? = nil, contentHash: String?, actor: Actor, at timestamp: String) throws -> Int64 {
        let previous = try database.queryFirst("SELECT hash FROM journal ORDER BY id DESC LIMIT 1")?.text(0) ?? ""
        let detail = try event.payloadJSON()
        let subject = event.subject.rawValue, subjectID = event.subjectID, action = event.action
        let hash = Self.hash(previous: previous, at: timestamp, actor: actor.name, login: actor.login, subject: subject, subjectID: subjectID,
                             action: action, reason: reason, detail: detail, contentHash: contentHash)
        try database.run(
            """
            INSERT INTO journal (at, actor, login, subject, subject_id, action, reason, detail, content_hash, previous_hash, hash, format)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)
            """,
            [timestamp, actor.name, actor.login, subject, subjectID, action, reason, detail, contentHash, previous, hash] as [any SQLBindable])
        return database.lastInsertedRowID
    }

    static func hash(previous: String, at: String, actor: String, login: String?, subject: String, subjectID: String, action: String,
                     reason: String?, detail: String, contentHash: String?) -> String {
        var bytes: [UInt8] = Array("yardstick-journal-2".utf8)
        func field(_ text: String?) {
            guard let text else {
                bytes.append(0)
                return
            }
            bytes.append(1)
            let utf8 = Array(text.utf8)
            var length = UInt64(utf8.count)
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: length >> 56))
                length <<= 8
            }
            bytes.append(contentsOf: utf8)
        }
        for value in [previous, at, actor, login, subject, subjectID, action, reason, detail, contentHash] { field(value) }
        return SHA256.hex(of: bytes)
    }

    static func legacyHash(previous: String, at: String, actor: String, subject: String, subjectID: String, action: String,
                           reason: String?, detail: String) -> String {
        SHA256.hex(of: [previous, at, actor, subject, subjectID, action, reason ?? "", detail].joined(separator: "\u{1F}"))
    }

    /// The entries about audit `id` (its own events), oldest first.
    public func records(auditID id: Int64) throws -> [JournalRecord] {
        try database.query("SELECT \(Self.columns) FROM journal WHERE subject = 'audit' AND subject_id = ? ORDER BY id", String(id))
            .map(Self.record)
    }

    /// Every entry about `subject` `subjectID` (e.g. `incentive_run` `3`), oldest first.
    /// The id of the newest entry about `subject` `subjectID`.
    public func lastEntry(subject: String, subjectID: String) throws -> Int64? {
        try database.queryFirst("SELECT max(id) FROM journal WHERE subject = ? AND subject_id = ?", subject, subjectID)?.integer(0)
    }

    public func records(subject: String, subjectID: String) throws -> [JournalRecord] {
        try database.query("SELECT \(Self.columns) FROM journal WHERE subject = ? AND subject_id = ? ORDER BY id", subject, subjectID)
            .map(Self.record)
    }

    /// The import batch entry whose id range holds audit `id`, if any.
    public func batch(containing id: Int64) throws -> JournalRecord? {
        try database.queryFirst(
            """
            SELECT \(Self.columns) FROM journal WHERE subject = 'audit' AND subject_id = 'import' AND format = 2
              AND json_extract(detail, '$.firstID') <= ?1 AND json_extract(detail, '$.lastID') >= ?1 ORDER BY id LIMIT 1
            """, id).map(Self.record)
    }

    /// Every entry in id order, streamed (for `verify`); a row that does not map is handed over as the error.
    public func forEach(_ body: (Result<JournalRecord, StoreError>) throws -> Void) throws {
        let statement = try database.prepare("SELECT \(Self.columns) FROM journal ORDER BY id")
        while try statement.step() {
            do {
                try body(.success(try Self.record(statement.row)))
            } catch let error as StoreError {
                try body(.failure(error))
            }
        }
    }

    static func record(_ row: Row) throws -> JournalRecord {
        let origin = Row.Origin("journal entry", row.integer(0).map { String($0) } ?? "?")
        let format = try row.requiredInteger(12, "format", of: origin)
        guard format == 1 || format == 2 else {
            throw StoreError.damagedRow(table: origin.table, id: origin.id, column: "format", problem: "is \(format), expected 1 or 2")
        }
        return JournalRecord(
            id: try row.requiredInteger(0, "id", of: origin), at: try row.requiredText(1, "at", of: origin),
            actor: try row.requiredText(2, "actor", of: origin), login: try row.optionalText(3, "login", of: origin),
            subject: try row.requiredText(4, "subject", of: origin), subjectID: try row.requiredText(5, "subject_id", of: origin),
            action: try row.requiredText(6, "action", of: origin), reason: try row.optionalText(7, "reason", of: origin),
            detail: try row.requiredText(8, "detail", of: origin), contentHash: try row.optionalText(9, "content_hash", of: origin),
            previousHash: try row.requiredText(10, "previous_hash", of: origin), hash: try row.requiredText(11, "hash", of: origin),
            format: Int(format))
    }
}
