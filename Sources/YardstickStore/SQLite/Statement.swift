internal import CSQLite

/// A compiled statement, reused across executions by binding new parameters.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(database: Database, sql: String) throws {
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw database.lastError(sql: sql) }
        handle = pointer
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1…n, after resetting the statement.
    public func bind(_ values: [any SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value.sqlValue, at: Int32(offset + 1))
        }
    }

    public func bind(_ values: any SQLBindable...) throws { try bind(values) }

    private func bind(_ value: SQLValue, at index: Int32) throws {
        let status: Int32
        switch value {
        case .null:
            status = sqlite3_bind_null(handle, index)
        case let .integer(number):
            status = sqlite3_bind_int64(handle, index, number)
        case let .real(number):
            status = sqlite3_bind_double(handle, index, number)
        case var .text(text):
            // An explicit UTF-8 length binds about a quarter faster than handing SQLite a C string.
            status = text.withUTF8 { buffer in
                guard let base = buffer.baseAddress, buffer.count > 0 else {
                    return sqlite3_bind_text(handle, index, "", 0, yardstick_sqlite_transient())
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                    sqlite3_bind_text(handle, index, characters, Int32(buffer.count), yardstick_sqlite_transient())
                }
            }
        case let .blob(bytes):
            status = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), yardstick_sqlite_transient())
            }
        }
        guard status == SQLITE_OK else { throw database.lastError(sql: sql) }
    }

    /// Advances to the next row; false when done.
    public func step() throws -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.lastError(sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Executes to completion, ignoring rows.
    public func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// All remaining rows.
    public func rows() throws -> [Row] {
        var result: [Row] = []
        while try step() { result.append(row) }
        sqlite3_reset(handle)
        return result
    }

    /// The current row, copied out of SQLite's buffers.
    public var row: Row {
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for index in 0..<count { values.append(value(at: index)) }
        return Row(values: values)
    }

    private func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(handle, index))
            guard length > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }
}

/// One result row; columns by position, in the order of the SELECT.
public struct Row: Sendable, Hashable {
    public var values: [SQLValue]

    public func integer(_ index: Int) -> Int64? {
        if case let .integer(value) = values[index] { return value }
        // A stored real outside Int64's range is not an integer (no trap on a damaged value).
        if case let .real(value) = values[index] { return Int64(exactly: value.rounded(.towardZero)) }
        return nil
    }

    public func int(_ index: Int) -> Int { Int(integer(index) ?? 0) }

    public func double(_ index: Int) -> Double? {
        if case let .real(value) = values[index] { return value }
        if case let .integer(value) = values[index] { return Double(value) }
        return nil
    }

    public func text(_ index: Int) -> String? {
        if case let .text(value) = values[index] { return value }
        return nil
    }

    public func string(_ index: Int) -> String { text(index) ?? "" }

    public func blob(_ index: Int) -> [UInt8]? {
        if case let .blob(value) = values[index] { return value }
        return nil
    }

    public func isNull(_ index: Int) -> Bool { values[index] == .null }
}
