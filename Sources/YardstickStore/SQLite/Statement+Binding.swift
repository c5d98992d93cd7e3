internal import CSQLite

/// Binding parameters one by one with their static types, for statements run hundreds of
/// thousands of times: no array of existentials per execution.
extension Statement {
    /// Resets the statement for new parameters (bindings are overwritten one by one).
    public func reset() { sqlite3_reset(handle) }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a real, or NULL for nil.
    public func bind(_ value: Double?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text with its UTF-8 length, or NULL for nil.
    public func bind(_ value: String?, at index: Int32) throws {
        guard var text = value else { return try check(sqlite3_bind_null(handle, index)) }
        let status = text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, yardstick_sqlite_transient())
            }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                sqlite3_bind_text(handle, index, characters, Int32(buffer.count), yardstick_sqlite_transient())
            }
        }
        try check(status)
    }

    /// Binds a blob.
    public func bind(blob bytes: [UInt8], at index: Int32) throws {
        let status = bytes.withUnsafeBytes { buffer in
            sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), yardstick_sqlite_transient())
        }
        try check(status)
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw database.lastError(sql: sql) }
    }
}
