internal import CSQLite

/// One connection to a SQLite file. It owns the C handle and closes it deterministically.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens (and with `create`, creates) the file with WAL, foreign keys and a busy timeout.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws {
        var pointer: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: status, message: message)
        }
        sqlite3_extended_result_codes(pointer, 1)
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        if !readOnly {
            try execute("PRAGMA journal_mode = WAL")
            // With WAL, NORMAL never corrupts and survives a killed process; only a power cut may lose the last commits.
            try execute("PRAGMA synchronous = NORMAL")
        }
    }

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
    public func transaction<T>(_ body: () throws -> T) throws -> T {
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

    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func lastError(sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
