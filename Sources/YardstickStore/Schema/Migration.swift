/// One numbered, append-only step of the schema. Applied steps are never edited; changes add a step.
public struct Migration: Sendable {
    public var version: Int32
    public var name: String
    public var sql: String
    /// Work SQL alone cannot do (e.g. hashing existing rows), run in the same transaction.
    public var backfill: (@Sendable (Database, String) throws -> Void)?
    /// The step copies a table into a new one (SQLite cannot alter a CHECK): foreign keys are off
    /// while it runs, and every reference is checked before it commits.
    public var rebuildsTables: Bool

    public init(version: Int32, name: String, sql: String, rebuildsTables: Bool = false,
                backfill: (@Sendable (Database, String) throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.rebuildsTables = rebuildsTables
        self.backfill = backfill
    }
}

/// Brings a database to the newest schema, recording the version in `PRAGMA user_version` and
/// marking the file as Yardstick's in `PRAGMA application_id`.
public enum Migrator {
    public static let migrations: [Migration] = [Schema001.migration, Schema002.migration, Schema003.migration, Schema004.migration, Schema005.migration, Schema006.migration, Schema007.migration, Schema008.migration, Schema009.migration, Schema010.migration]

    public static var latestVersion: Int32 { migrations.last?.version ?? 0 }

    /// "YARD": tells a Yardstick database from any other SQLite file before anything is written.
    public static let applicationID: Int32 = 0x5941_5244

    /// The schema version of `database`.
    public static func version(of database: Database) throws -> Int32 {
        let value = try database.queryFirst("PRAGMA user_version")?.integer(0) ?? 0
        return Int32(clamping: value)
    }

    /// The application id stored in the file's header.
    public static func applicationID(of database: Database) throws -> Int32 {
        Int32(clamping: try database.queryFirst("PRAGMA application_id")?.integer(0) ?? 0)
    }

    /// Applies every pending migration, each in its own transaction.
    public static func migrate(_ database: Database, at timestamp: String) throws {
        let current = try version(of: database)
        guard current <= latestVersion else {
            throw StoreError.newerSchema(path: database.path, found: Int(current), supported: Int(latestVersion))
        }
        for migration in migrations where migration.version > current {
            // The pragma has no effect inside a transaction, so it is set around it.
            if migration.rebuildsTables { try database.execute("PRAGMA foreign_keys = OFF") }
            defer { if migration.rebuildsTables { try? database.execute("PRAGMA foreign_keys = ON") } }
            try database.transaction {
                try database.execute(migration.sql)
                try migration.backfill?(database, timestamp)
                if migration.rebuildsTables, let broken = try database.queryFirst("PRAGMA foreign_key_check") {
                    throw StoreError.corrupt(path: database.path, detail: "the upgrade to schema \(migration.version) found a broken reference in \(broken.string(0))")
                }
                try database.execute("PRAGMA user_version = \(migration.version)")
                try database.execute("PRAGMA application_id = \(applicationID)")
            }
        }
        if try applicationID(of: database) != applicationID {
            try database.execute("PRAGMA application_id = \(applicationID)")
        }
    }
}
