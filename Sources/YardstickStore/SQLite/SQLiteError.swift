/// A failed SQLite call: the extended result code, SQLite's message and the SQL — never the bound
/// values, which hold employee data.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xff }

    /// SQLITE_BUSY or SQLITE_LOCKED: another process holds the database longer than the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }

    /// SQLITE_CONSTRAINT.
    public var isConstraintViolation: Bool { primaryCode == 19 }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — in: " + sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ") }
        return text
    }
}
