import Foundation
import YardstickCore

/// The yardstick database: one SQLite file, migrated to the newest schema when opened for writing.
public final class Store {
    public let database: Database
    public let path: String

    /// What a command needs of the file.
    public enum Access: Sendable {
        /// Reads only: the file is opened read-only (immutable on a read-only mount); nothing is written.
        case read
        /// Writes to an existing database (migrated first).
        case write
        /// Writes, creating the file when it is missing.
        case create
    }

    /// Opens the database at `path`. Another application's SQLite file, or one whose schema version
    /// was reset, is refused before anything is written to it.
    /// - Parameter timestamp: when, for the history of a schema upgrade.
    public init(path: String, access: Access, at timestamp: String) throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if !exists && access != .create { throw StoreError.missingDatabase(path: path) }
        if exists {
            guard !isFolder.boolValue, Self.isRegularFile(path) else { throw StoreError.notRegularFile(path: path) }
        } else {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        self.path = path
        do {
            database = try Self.open(path, access: access, exists: exists)
            let identity = try StoreIdentity.read(database)
            try identity.check(path: path, access: access)
            switch access {
            case .read:
                if identity.version < Migrator.latestVersion {
                    throw StoreError.outdatedSchema(path: path, found: Int(identity.version))
                }
            case .write, .create:
                try database.enableWriteAheadLog()
                try Migrator.migrate(database, at: timestamp)
            }
        } catch let error as SQLiteError {
            throw StoreError.explaining(error, path: path)
        }
    }

    /// Opens for `access`; a read on a file whose folder cannot be written (WAL needs its `-shm`
    /// file) falls back to an immutable open.
    private static func open(_ path: String, access: Access, exists: Bool) throws -> Database {
        if access == .read {
            do {
                let database = try Database(path: path, create: false, readOnly: true)
                _ = try database.queryFirst("PRAGMA user_version")
                _ = try database.queryFirst("SELECT count(*) FROM sqlite_master")
                return database
            } catch let error as SQLiteError where [14, 8, 5].contains(error.primaryCode) && !FileManager.default.isWritableFile(atPath: path) {
                return try Database(immutablePath: path)
            }
        }
        let database = try Database(path: path, create: access == .create && !exists, readOnly: false)
        if database.isReadOnly || (exists && !FileManager.default.isWritableFile(atPath: path)) {
            throw StoreError.readOnlyDatabase(path: path)
        }
        return database
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    public var definitions: DefinitionRepository { DefinitionRepository(database: database) }
    public var agents: AgentRepository { AgentRepository(database: database) }
    public var audits: AuditRepository { AuditRepository(database: database) }
    public var journal: JournalRepository { JournalRepository(database: database) }
    public var aggregates: AggregateRepository { AggregateRepository(database: database) }
    public var attachments: AttachmentRepository { AttachmentRepository(database: database) }
    public var settings: SettingRepository { SettingRepository(database: database) }
    public var readModel: AuditReadModel { AuditReadModel(database: database) }
    public var feedback: FeedbackRepository { FeedbackRepository(database: database) }
    public var incentives: IncentiveRepository { IncentiveRepository(database: database) }
    public var coaching: CoachingRepository { CoachingRepository(database: database) }
}

/// What the file's header and catalogue say it is, read without writing anything.
struct StoreIdentity {
    var applicationID: Int32
    var version: Int32
    var tables: Set<String>
    var auditHasRevision: Bool
    var journalHasSettings: Bool

    static func read(_ database: Database) throws -> StoreIdentity {
        let tables = Set(try database.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0.string(0) })
        let revision = tables.contains("audit")
            ? try database.query("SELECT name FROM pragma_table_info('audit')").contains { $0.string(0) == "revision" } : false
        let journal = try database.queryFirst("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal'")?.text(0) ?? ""
        return StoreIdentity(applicationID: try Migrator.applicationID(of: database), version: try Migrator.version(of: database),
                             tables: tables, auditHasRevision: revision, journalHasSettings: journal.contains("'setting'"))
    }

    /// The schema version the tables show, for the advice after a reset `user_version`.
    var inferredVersion: Int { journalHasSettings ? 3 : auditHasRevision ? 2 : 1 }

    var looksLikeYardstick: Bool { ["audit", "journal", "definition_version", "agent"].allSatisfy(tables.contains) }

    func check(path: String, access: Store.Access) throws {
        if version > Migrator.latestVersion, applicationID == Migrator.applicationID || applicationID == 0 && looksLikeYardstick {
            throw StoreError.newerSchema(path: path, found: Int(version), supported: Int(Migrator.latestVersion))
        }
        if applicationID == Migrator.applicationID {
            if version == 0 { throw StoreError.schemaVersionReset(path: path, inferred: inferredVersion) }
            return
        }
        guard applicationID == 0 else { throw StoreError.foreignDatabase(path: path, detail: "application id \(applicationID)") }
        // Files written before the application id was set: schema 1 with our tables.
        if version == 1 && looksLikeYardstick { return }
        if version == 0 && tables.isEmpty {
            if access == .read { throw StoreError.emptyDatabase(path: path) }
            return
        }
        if version == 0 && looksLikeYardstick { throw StoreError.schemaVersionReset(path: path, inferred: inferredVersion) }
        throw StoreError.foreignDatabase(path: path, detail: tables.isEmpty ? "schema version \(version)" : "\(tables.count) tables of its own")
    }
}
