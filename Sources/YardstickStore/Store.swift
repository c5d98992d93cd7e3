import Foundation
import YardstickCore

/// The yardstick database: one SQLite file, migrated to the newest schema when opened for writing.
public final class Store {
    public let database: Database
    public let path: String

    /// Opens the database at `path`. Without `create`, a missing file is an error naming the path.
    public init(path: String, create: Bool, readOnly: Bool = false) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missingDatabase(path: path) }
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        self.path = path
        do {
            database = try Database(path: path, create: create, readOnly: readOnly && exists)
            if readOnly && exists {
                let version = try Migrator.version(of: database)
                if version > Migrator.latestVersion {
                    throw StoreError.newerSchema(path: path, found: Int(version), supported: Int(Migrator.latestVersion))
                }
                if version < Migrator.latestVersion {
                    // A read-only command on an older file: the tables it reads may not exist yet.
                    throw StoreError.notYardstickDatabase(path: path, reason: "schema version \(version) is out of date; run any writing command, e.g. 'yardstick init'")
                }
            } else {
                try Migrator.migrate(database)
            }
        } catch let error as SQLiteError where error.primaryCode == 26 {
            throw StoreError.notYardstickDatabase(path: path, reason: "the file is not a SQLite database")
        }
    }

    public var definitions: DefinitionRepository { DefinitionRepository(database: database) }
    public var agents: AgentRepository { AgentRepository(database: database) }
    public var audits: AuditRepository { AuditRepository(database: database) }
    public var journal: JournalRepository { JournalRepository(database: database) }
}
