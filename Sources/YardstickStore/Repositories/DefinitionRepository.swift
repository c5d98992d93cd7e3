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
}

/// Content-hashed versions of definition files, with the bytes kept so old audits stay explainable.
public struct DefinitionRepository {
    let database: Database

    private static let columns = "id, kind, doc_id, version_label, title, sha256, source_path, loaded_at"

    /// Stores `file` unless the same bytes are already stored for the same kind and id.
    public func register(_ file: DefinitionFile, content: [UInt8], at timestamp: String) throws -> RegistrationOutcome {
        let definition = file.definition
        if let existing = try database.queryFirst(
            "SELECT \(Self.columns) FROM definition_version WHERE kind = ? AND doc_id = ? AND sha256 = ?",
            definition.kind.rawValue, definition.id, file.sha256) {
            return .unchanged(Self.stored(existing))
        }
        let previous = try latest(kind: definition.kind, id: definition.id)
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

    /// The newest version of `kind` `id`.
    public func latest(kind: DefinitionKind, id: String) throws -> StoredDefinition? {
        try database.queryFirst(
            "SELECT \(Self.columns) FROM definition_version WHERE kind = ? AND doc_id = ? ORDER BY id DESC LIMIT 1",
            kind.rawValue, id).map(Self.stored)
    }

    /// The newest version of every definition of `kind` (all kinds when nil), ordered by id.
    public func latestVersions(kind: DefinitionKind? = nil) throws -> [StoredDefinition] {
        try database.query(
            """
            SELECT \(Self.columns) FROM definition_version
            WHERE id IN (SELECT max(id) FROM definition_version GROUP BY kind, doc_id) AND (?1 IS NULL OR kind = ?1)
            ORDER BY kind, doc_id
            """, kind?.rawValue).map(Self.stored)
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
                result[id] = Self.stored(row)
            }
        }
        return result
    }

    /// The stored bytes of a version.
    public func content(versionID: Int64) throws -> [UInt8] {
        try database.queryFirst("SELECT content FROM definition_version WHERE id = ?", versionID)?.blob(0) ?? []
    }

    private static func stored(_ row: Row) -> StoredDefinition {
        StoredDefinition(
            versionID: row.integer(0) ?? 0, kind: DefinitionKind(rawValue: row.string(1)) ?? .standard, docID: row.string(2),
            versionLabel: row.string(3), title: row.string(4), sha256: row.string(5), sourcePath: row.string(6),
            loadedAt: row.string(7))
    }
}
