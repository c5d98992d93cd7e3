internal import CSQLite

/// The parameters of one execution of a statement run hundreds of thousands of times, gathered
/// first: texts and blobs are copied once into one reused buffer, which SQLite then reads in place
/// (`SQLITE_STATIC`) instead of copying each value into memory of its own.
///
/// The buffer is only valid while `Statement.run(_:)` executes, so that call binds every
/// parameter, steps to the end and clears the bindings before the buffer can move: no binding
/// ever outlives it.
public struct InPlaceParameters {
    private enum Value {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `range` of the buffer.
        case text(Range<Int>)
        case blob(Range<Int>)
    }

    private static let emptyText: StaticString = ""
    private var bytes: [UInt8] = []
    private var values: [(index: Int32, value: Value)] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
        values.reserveCapacity(32)
    }

    /// Forgets the previous execution's parameters (keeping the memory).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    public mutating func bind(_ value: Int64, at index: Int32) { values.append((index, .integer(value))) }

    public mutating func bind(_ value: Double?, at index: Int32) { values.append((index, value.map { .real($0) } ?? .null)) }

    public mutating func bind(_ value: String?, at index: Int32) {
        guard let value else { return values.append((index, .null)) }
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        values.append((index, .text(start..<bytes.count)))
    }

    public mutating func bind(blob value: [UInt8], at index: Int32) {
        let start = bytes.count
        bytes.append(contentsOf: value)
        values.append((index, .blob(start..<bytes.count)))
    }

    /// Binds everything to `handle` with pointers into the buffer and runs `body` while they are valid.
    fileprivate func withBindings<T>(to handle: OpaquePointer, _ body: () throws -> T) throws -> (status: Int32, result: T?) {
        // A zero-length text or blob still needs a valid pointer: a static empty C string.
        let empty = UnsafeRawPointer(Self.emptyText.utf8Start)
        return try bytes.withUnsafeBytes { buffer in
            for (index, value) in values {
                let status: Int32
                switch value {
                case .null: status = sqlite3_bind_null(handle, index)
                case let .integer(number): status = sqlite3_bind_int64(handle, index, number)
                case let .real(number): status = sqlite3_bind_double(handle, index, number)
                case let .text(range):
                    guard let length = Int32(exactly: range.count) else { return (SQLITE_TOOBIG, nil) }
                    let start = range.isEmpty ? empty : (buffer.baseAddress.map { $0 + range.lowerBound } ?? empty)
                    status = start.withMemoryRebound(to: CChar.self, capacity: max(range.count, 1)) {
                        sqlite3_bind_text(handle, index, $0, length, nil)
                    }
                case let .blob(range):
                    guard let length = Int32(exactly: range.count) else { return (SQLITE_TOOBIG, nil) }
                    let start = range.isEmpty ? empty : (buffer.baseAddress.map { $0 + range.lowerBound } ?? empty)
                    status = sqlite3_bind_blob(handle, index, start, length, nil)
                }
                guard status == SQLITE_OK else { return (status, nil) }
            }
            return (SQLITE_OK, try body())
        }
    }
}

extension Statement {
    /// Executes once to completion with `parameters` (every parameter the statement uses must be in
    /// it), ignoring rows; the bindings are cleared afterwards, so nothing points into the buffer.
    public func run(_ parameters: InPlaceParameters) throws {
        sqlite3_reset(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let (status, _) = try parameters.withBindings(to: handle) { while try step() {} }
        guard status == SQLITE_OK else {
            throw SQLiteError(code: status, message: String(cString: sqlite3_errstr(status)), sql: sql)
        }
    }
}
