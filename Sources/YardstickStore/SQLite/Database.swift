internal import CSQLite
import Foundation

/// One connection to a SQLite file. It owns the C handle and closes it deterministically.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens (and with `create`, creates) the file with foreign keys and a busy timeout.
    public convenience init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        try self.init(name: path, path: path, flags: flags | SQLITE_OPEN_NOMUTEX)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Opens a file that cannot be written (a read-only mount or file) as immutable: SQLite then
    /// needs no `-shm`/`-wal` file and takes no locks, which is right for a file nobody can change.
    public convenience init(immutablePath path: String) throws {
        try self.init(name: "file:" + path.addingPercentEncodingForURI + "?immutable=1", path: path,
                      flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX)
    }

    private init(name: String, path: String, flags: Int32) throws {
        var pointer: OpaquePointer?
        let status = sqlite3_open_v2(name, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: status, message: message)
        }
        sqlite3_extended_result_codes(pointer, 1)
        handle = pointer
        self.path = path
    }

    /// How long this connection waits for another process's lock before a statement fails as busy.
    public func setBusyTimeout(milliseconds: Int32) {
        busyWait = nil
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// What a patient writer does while another process holds the write lock.
    final class BusyWait {
        let limit: Double
        let noticeAfter: Double
        let notice: () -> Void
        var started: Date?
        var noticed = false

        init(limit: Double, noticeAfter: Double, notice: @escaping () -> Void) {
            self.limit = limit
            self.noticeAfter = noticeAfter
            self.notice = notice
        }

        /// Whether to try again after waiting a little (SQLite's busy handler protocol).
        func retry(attempt: Int32) -> Bool {
            let now = Date()
            if attempt == 0 { started = now }
            let waited = now.timeIntervalSince(started ?? now)
            if waited >= limit { return false }
            if waited >= noticeAfter, !noticed {
                noticed = true
                notice()
            }
            usleep(attempt < 10 ? 2_000 : 20_000)
            return true
        }
    }

    private var busyWait: BusyWait?

    /// Waits up to `seconds` for another process's write lock instead of the default timeout, and
    /// calls `notice` once when the wait passes `noticeAfter` seconds, so a person knows why nothing happens.
    public func waitWhileBusy(upTo seconds: Double, noticeAfter: Double = 1, notice: @escaping () -> Void) {
        let wait = BusyWait(limit: seconds, noticeAfter: noticeAfter, notice: notice)
        busyWait = wait
        sqlite3_busy_handler(handle, { context, attempt in
            guard let context else { return 0 }
            return Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue().retry(attempt: attempt) ? 1 : 0
        }, Unmanaged.passUnretained(wait).toOpaque())
    }

    /// Write-ahead logging for a file that is written: readers never block the writer, and with
    /// WAL, `synchronous = NORMAL` never corrupts and survives a killed process (only a power cut
    /// may lose the last commits).
    /// Lets SQLite keep up to `kibibytes` of pages in memory (a bulk write re-reads fewer pages).
    public func setCacheSize(kibibytes: Int) throws {
        try execute("PRAGMA cache_size = -\(max(kibibytes, 0))")
    }

    /// The page cache's size setting as SQLite keeps it (pages when positive, −KiB when negative),
    /// to put back exactly with `restoreCacheSize`.
    public func cacheSizeSetting() throws -> Int64 {
        try queryFirst("PRAGMA cache_size")?.integer(0) ?? -2000
    }

    public func restoreCacheSize(_ setting: Int64) throws {
        try execute("PRAGMA cache_size = \(setting)")
    }

    public func enableWriteAheadLog() throws {
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// Whether the connection was opened read-only (or fell back to it because the file is write-protected).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without parameters (schema, pragmas).
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard status == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Compiles `sql` for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `sql` once with `parameters`, discarding any rows.
    public func run(_ sql: String, _ parameters: any SQLBindable...) throws {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        try statement.run()
    }

    /// Runs `sql` once with a list of parameters built at run time.
    public func run(_ sql: String, _ parameters: [any SQLBindable]) throws {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        try statement.run()
    }

    /// All rows of `sql` with `parameters`.
    public func query(_ sql: String, _ parameters: any SQLBindable...) throws -> [Row] {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        return try statement.rows()
    }

    /// The first row of `sql`, or nil.
    public func queryFirst(_ sql: String, _ parameters: any SQLBindable...) throws -> Row? {
        let statement = try prepare(sql)
        try statement.bind(parameters)
        return try statement.step() ? statement.row : nil
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `BEGIN IMMEDIATE` takes the write lock up front, so concurrent writers wait (busy timeout)
    /// instead of failing half-way.
    ///
    /// Inside a transaction already, `body` runs in a savepoint instead, so use cases compose: a
    /// failure rolls back only the savepoint, and nothing is durable until the outermost commit.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try savepoint(body) }
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with SQLite's foreign-key checks off, for a bulk copy whose caller checks the
    /// referenced rows itself, once each instead of once per row. The setting cannot change inside
    /// a transaction: there the checks stay on.
    public func withoutForeignKeyChecks<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        try execute("PRAGMA foreign_keys = OFF")
        defer {
            // A transaction still open here is the body's own that failed to end: the setting only
            // changes outside one, so it is rolled back first.
            if isInTransaction { try? execute("ROLLBACK") }
            try? execute("PRAGMA foreign_keys = ON")
        }
        return try body()
    }

    /// Runs `body` (a large write) without SQLite's automatic checkpoint at its commit, then
    /// checkpoints what it wrote to the write-ahead log (passively: other writers go on). SQLite
    /// would checkpoint after that commit anyway, once the lock is released; doing it here lets the
    /// caller time the two apart.
    public func checkpointingAfterwards<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        let previous = try queryFirst("PRAGMA wal_autocheckpoint")?.integer(0) ?? 1000
        try execute("PRAGMA wal_autocheckpoint = 0")
        defer {
            try? execute("PRAGMA wal_autocheckpoint = \(max(previous, 0))")
            try? execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
        return try body()
    }

    /// Runs `body` in one read transaction: every read sees the same snapshot of the file, whatever
    /// other processes commit meanwhile (WAL), and nothing is written.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        guard !isInTransaction else { return try body() }
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        _ = try queryFirst("SELECT count(*) FROM sqlite_master")
        return try body()
    }

    /// Runs `body` in a savepoint: released when it returns, rolled back to (and released) when it throws.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        let name = "yardstick_\(savepointDepth)"
        defer { savepointDepth -= 1 }
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            try? execute("ROLLBACK TO \(name)")
            try? execute("RELEASE \(name)")
            throw error
        }
    }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    private var savepointDepth = 0

    /// SQLite's own check of the file (`PRAGMA integrity_check`): "ok", or the first problem found.
    public func integrityCheck() throws -> String {
        try queryFirst("PRAGMA integrity_check")?.text(0) ?? "no answer"
    }

    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func lastError(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}

extension String {
    /// The path as a `file:` URI path: only the characters a URI gives meaning to are escaped.
    var addingPercentEncodingForURI: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0x80...0xFF:
                out += "%" + String(byte, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }
}
