import YardstickCore

/// A stored version of a standard, training catalogue, form or policy.
public struct StoredDefinition: Sendable, Hashable {
    public var versionID: Int64
    public var kind: DefinitionKind
    public var docID: String
    public var versionLabel: String
    public var title: String
    public var sha256: String
    public var sourcePath: String
    public var loadedAt: String
}

/// What registering a file did.
public enum RegistrationOutcome: Sendable, Hashable {
    /// The same content is already stored.
    case unchanged(StoredDefinition)
    /// New content: a new version; `previous` is the version it supersedes, if any.
    case added(StoredDefinition, previous: StoredDefinition?)
    /// An older stored content was loaded again and is the current version once more.
    case reinstated(StoredDefinition, previous: StoredDefinition)
}

/// Content-hashed versions of definition files, with the bytes kept so old audits stay explainable.
public struct DefinitionRepository {
    let database: Database

    private static let columns = "id, kind, doc_id, version_label, title, sha256, source_path, loaded_at"
    private static let prefixedColumns = "v.id, v.kind, v.doc_id, v.version_label, v.title, v.sha256, v.source_path, v.loaded_at"

    /// Stores `file` unless the same bytes are already stored for the same kind and id; the file's
    /// content becomes the current version of its id either way (loading an older content again
    /// makes it current). Call inside a transaction.
    public func register(_ file: DefinitionFile, content: [UInt8], at timestamp: String) throws -> RegistrationOutcome {
        let definition = file.definition
        let previous = try latest(kind: definition.kind, id: definition.id)
        if let existing = try database.queryFirst(
            "SELECT \(Self.columns) FROM definition_version WHERE kind = ? AND doc_id = ? AND sha256 = ?",
            definition.kind.rawValue, definition.id, file.sha256) {
            let stored = try Self.stored(existing)
            guard let previous, previous.versionID != stored.versionID else { return .unchanged(stored) }
            try makeCurrent(stored)
            return .reinstated(stored, previous: previous)
        }
        try database.run(
            """
            INSERT INTO definition_version (kind, doc_id, version_label, title, sha256, content, source_path, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            definition.kind.rawValue, definition.id, definition.version, definition.title, file.sha256, content,
            file.path, timestamp)
        let versionID = database.lastInsertedRowID
        if case let .standard(standard) = definition {
            try recordCriteria(of: standard, versionID: versionID)
        }
        let stored = StoredDefinition(
            versionID: versionID, kind: definition.kind, docID: definition.id, versionLabel: definition.version,
            title: definition.title, sha256: file.sha256, sourcePath: file.path, loadedAt: timestamp)
        try makeCurrent(stored)
        return .added(stored, previous: previous)
    }

    /// Keeps the criteria table and the stable aggregate slots in step with a new standard version.
    private func recordCriteria(of standard: Standard, versionID: Int64) throws {
        let slotLookup = try database.prepare("SELECT slot FROM criterion_slot WHERE standard_id = ? AND criterion_id = ?")
        let nextSlot = try database.prepare("SELECT coalesce(max(slot) + 1, 0) FROM criterion_slot WHERE standard_id = ?")
        let insertSlot = try database.prepare("INSERT INTO criterion_slot (standard_id, criterion_id, slot) VALUES (?, ?, ?)")
        let insertCriterion = try database.prepare(
            """
            INSERT INTO standard_criterion
                (standard_version_id, ordinal, criterion_id, category_id, title, weight, scale_min, scale_max, critical, bonus, training)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (ordinal, criterion) in standard.criteria.enumerated() {
            try slotLookup.bind(standard.id, criterion.id)
            if try slotLookup.rows().isEmpty {
                try nextSlot.bind(standard.id)
                let slot = try nextSlot.rows().first?.int(0) ?? 0
                try insertSlot.bind(standard.id, criterion.id, slot)
                try insertSlot.run()
            }
            var minimum: Int?, maximum: Int?
            if case let .range(low, high) = criterion.scale { (minimum, maximum) = (low, high) }
            try insertCriterion.bind(
                versionID, ordinal, criterion.id, criterion.categoryID, criterion.title, criterion.weight, minimum, maximum,
                criterion.critical?.rawValue, criterion.isBonus, criterion.trainingModuleIDs.joined(separator: " "))
            try insertCriterion.run()
        }
    }

    private func makeCurrent(_ stored: StoredDefinition) throws {
        try database.run(
            """
            INSERT INTO definition_current (kind, doc_id, version_id) VALUES (?, ?, ?)
            ON CONFLICT (kind, doc_id) DO UPDATE SET version_id = excluded.version_id
            """, stored.kind.rawValue, stored.docID, stored.versionID)
    }

    /// The current version of `kind` `id`: the one loaded last.
    public func latest(kind: DefinitionKind, id: String) throws -> StoredDefinition? {
        try database.queryFirst(
            """
            SELECT \(Self.prefixedColumns) FROM definition_current c JOIN definition_version v ON v.id = c.version_id
            WHERE c.kind = ? AND c.doc_id = ?
            """, kind.rawValue, id).map(Self.stored)
    }

    /// The current version of every definition of `kind` (all kinds when nil), by kind and id.
    public func latestVersions(kind: DefinitionKind? = nil) throws -> [StoredDefinition] {
        try database.query(
            """
            SELECT \(Self.prefixedColumns) FROM definition_current c JOIN definition_version v ON v.id = c.version_id
            WHERE ?1 IS NULL OR c.kind = ?1 ORDER BY c.kind, c.doc_id
            """, kind?.rawValue).map(Self.stored)
    }

    /// Which version is current for each definition id, and its newest stored version (for `verify`);
    /// ids with versions but no current entry have `current` nil.
    public func currentVersions() throws -> [(kind: String, docID: String, current: Int64?, newest: Int64)] {
        try database.query(
            """
            SELECT v.kind, v.doc_id, c.version_id, max(v.id) FROM definition_version v
            LEFT JOIN definition_current c ON c.kind = v.kind AND c.doc_id = v.doc_id GROUP BY v.kind, v.doc_id ORDER BY v.kind, v.doc_id
            """
        ).map { ($0.string(0), $0.string(1), $0.integer(2), $0.integer(3) ?? 0) }
    }

    /// Every stored version with the SHA-256 recomputed from its bytes (for `verify`), streamed.
    public func forEachContentCheck(_ body: (StoredDefinition, _ actualSHA256: String) throws -> Void) throws {
        let statement = try database.prepare("SELECT \(Self.columns), content FROM definition_version ORDER BY id")
        while try statement.step() {
            let row = statement.row
            let stored = try Self.stored(row)
            try body(stored, SHA256.hex(of: row.blob(8) ?? []))
        }
    }

    /// Every version of `kind` `id`, oldest first.
    public func versions(kind: DefinitionKind, id: String) throws -> [StoredDefinition] {
        try database.query(
            "SELECT \(Self.columns) FROM definition_version WHERE kind = ? AND doc_id = ? ORDER BY id",
            kind.rawValue, id).map(Self.stored)
    }

    /// Versions by their ids.
    public func versions(byID ids: [Int64]) throws -> [Int64: StoredDefinition] {
        var result: [Int64: StoredDefinition] = [:]
        for id in Set(ids) {
            if let row = try database.queryFirst("SELECT \(Self.columns) FROM definition_version WHERE id = ?", id) {
                result[id] = try Self.stored(row)
            }
        }
        return result
    }

    /// The stored bytes of a version.
    public func content(versionID: Int64) throws -> [UInt8] {
        guard let row = try database.queryFirst("SELECT content FROM definition_version WHERE id = ?", versionID) else {
            throw StoreError.damagedRow(table: "definition version", id: String(versionID), column: "id", problem: "is missing")
        }
        return try row.requiredBlob(0, "content", of: Row.Origin("definition version", String(versionID)))
    }

    private static func stored(_ row: Row) throws -> StoredDefinition {
        let origin = Row.Origin("definition version", row.integer(0).map { String($0) } ?? "?")
        return StoredDefinition(
            versionID: try row.requiredInteger(0, "id", of: origin), kind: try row.requiredEnum(1, "kind", of: origin),
            docID: try row.requiredText(2, "doc_id", of: origin), versionLabel: try row.requiredText(3, "version_label", of: origin),
            title: try row.requiredText(4, "title", of: origin), sha256: try row.requiredText(5, "sha256", of: origin),
            sourcePath: try row.requiredText(6, "source_path", of: origin), loadedAt: try row.requiredText(7, "loaded_at", of: origin))
    }
}
