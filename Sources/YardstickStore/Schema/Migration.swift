/// One numbered, append-only step of the schema. Applied steps are never edited; changes add a step.
public struct Migration: Sendable {
    public var version: Int32
    public var name: String
    public var sql: String
}

/// Brings a database to the newest schema, recording the version in `PRAGMA user_version`.
public enum Migrator {
    public static let migrations: [Migration] = [Schema001.migration]

    public static var latestVersion: Int32 { migrations.last?.version ?? 0 }

    /// The schema version of `database`.
    public static func version(of database: Database) throws -> Int32 {
        Int32(try database.queryFirst("PRAGMA user_version")?.int(0) ?? 0)
    }

    /// Applies every pending migration, each in its own transaction.
    public static func migrate(_ database: Database) throws {
        let current = try version(of: database)
        guard current <= latestVersion else {
            throw StoreError.newerSchema(path: database.path, found: Int(current), supported: Int(latestVersion))
        }
        for migration in migrations where migration.version > current {
            try database.transaction {
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }
}
