/// Problems with the database file itself, each worded as one sentence the person running the
/// command can act on (never a dump of SQL or of SQLite's internals).
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case missingDatabase(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case outdatedSchema(path: String, found: Int)
    case schemaVersionReset(path: String, inferred: Int)
    case foreignDatabase(path: String, detail: String)
    case emptyDatabase(path: String)
    case notYardstickDatabase(path: String, reason: String)
    case notRegularFile(path: String)
    case readOnlyDatabase(path: String)
    case diskFull(path: String)
    case corrupt(path: String, detail: String)
    case busy(path: String)
    /// A stored row whose value is missing or of the wrong type: reported, never defaulted.
    case damagedRow(table: String, id: String, column: String, problem: String)
    /// Another process changed the row first (e.g. submitted the same draft).
    case changedMeanwhile(String)
    /// A row that audits being written refer to is gone (removed by another process meanwhile).
    case vanished(kind: String, id: String)
    /// Any other SQLite failure: its message and the statement's first words, never bound values.
    case unexpected(path: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case let .missingDatabase(path):
            return "no database at \(path); run 'yardstick init' first (or pass --db / set YARDSTICK_DB)"
        case let .newerSchema(path, found, supported):
            return "\(path) has schema version \(found), newer than this yardstick understands (\(supported)); upgrade yardstick"
        case let .outdatedSchema(path, found):
            return "\(path) has schema version \(found), older than this yardstick's; run any writing command once (e.g. 'yardstick --db \(path) init') to upgrade it"
        case let .schemaVersionReset(path, inferred):
            return "\(path) holds yardstick tables but its schema version (PRAGMA user_version) was reset to 0; nothing was written — restore the file from a backup, or set it back with: sqlite3 \(path) 'PRAGMA user_version = \(inferred)'"
        case let .foreignDatabase(path, detail):
            return "\(path) is another application's SQLite database (\(detail)), not a yardstick database; nothing was written — pass a yardstick database or a new file with --db"
        case let .emptyDatabase(path):
            return "\(path) is an empty database; run 'yardstick --db \(path) init' first"
        case let .notYardstickDatabase(path, reason):
            return "\(path) is not a usable yardstick database: \(reason)"
        case let .notRegularFile(path):
            return "\(path) is not a regular file; --db takes the path of a database file"
        case let .readOnlyDatabase(path):
            return "\(path) cannot be written (the file or its folder is read-only); this command changes the database — run it where the file is writable, or use a read-only command such as 'audit list'"
        case let .diskFull(path):
            return "the disk holding \(path) is full; nothing was changed — free some space and run the command again"
        case let .corrupt(path, detail):
            return "\(path) is damaged (\(detail)); restore it from a backup — 'yardstick verify' and 'sqlite3 \(path) \"PRAGMA integrity_check\"' say more"
        case let .busy(path):
            return "\(path) is busy: another yardstick process held it for more than \(Database.busyTimeoutMilliseconds / 1000) s; nothing was changed, try again"
        case let .damagedRow(table, id, column, problem):
            return "stored \(table) \(id) is damaged: \(column) \(problem); run 'yardstick verify'"
        case let .changedMeanwhile(what):
            return "\(what): it changed meanwhile; this command changed nothing — look at it again with 'yardstick audit show'"
        case let .vanished(kind, id):
            return "the \(kind) '\(id)' that the audits refer to is no longer in the database (another process removed it meanwhile); nothing was changed"
        case let .unexpected(path, code, message):
            return "\(path): the database refused the operation (SQLite \(code): \(message)); nothing was changed"
        }
    }

    /// One actionable sentence for a failed SQLite call on the file at `path`.
    public static func explaining(_ error: SQLiteError, path: String) -> StoreError {
        switch error.primaryCode {
        case 5, 6: return .busy(path: path)
        case 8: return .readOnlyDatabase(path: path)
        case 11: return .corrupt(path: path, detail: error.message)
        case 13: return .diskFull(path: path)
        case 14: return .notYardstickDatabase(path: path, reason: "it cannot be opened (\(error.message)); check the path and its folder's permissions")
        case 26: return .notYardstickDatabase(path: path, reason: "the file is not a SQLite database")
        default: return .unexpected(path: path, code: error.code, message: error.message)
        }
    }
}
