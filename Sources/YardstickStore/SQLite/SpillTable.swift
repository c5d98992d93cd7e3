internal import CSQLite
import Foundation

/// Rows of typed values appended one after another to memory and, past a bound, to an unlinked
/// temporary file, which SQLite reads back as a virtual table: so millions of rows can be
/// gathered without a lock, a B-tree or an index, and copied later in one `INSERT … SELECT`.
///
/// Appending costs a few byte copies per value; SQLite sees the table only through a scan in
/// append order (`position` 1, 2, …), optionally starting after a position. Memory stays at
/// about two buffers whatever the row count, and the file vanishes with the process, also when
/// it is killed, because it is unlinked as soon as it is created.
///
/// One thread at a time: the one that owns the connection. One table per name on a connection, and
/// every statement that names it is finalized before `unregister()` (a prepared statement keeps a
/// pointer to the table).
public final class SpillTable {
    /// The name SQL uses for the table (an eponymous virtual table of the connection's main schema).
    public let name: String
    /// The columns after `position`, in append order.
    public let columns: [String]
    private unowned let database: Database
    private let bufferLimit: Int
    /// Where the file goes (`TMPDIR`, else the system's temporary folder).
    private let folder = FileManager.default.temporaryDirectory.path
    /// Appended bytes not yet in the file (`used` of `capacity`); they follow the file's bytes.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0
    private var file: Int32 = -1
    private var fileLength = 0
    /// Where the current row's length goes, and how many values it has so far.
    private var rowStart = -1
    private var rowValues = 0
    /// Every `checkpointInterval`th row's byte offset, so a scan can start near any position.
    private var checkpoints: [Int] = []
    /// Where the last scan that reached the end stopped: a scan after that position (the next
    /// look at rows appended since) starts there instead of at a checkpoint.
    private var endOfLastScan: (position: Int64, offset: Int) = (0, 0)
    /// What went wrong while SQLite read the table (SQLite itself only hears "error").
    private var readFailure: Failure?
    /// Rows read by scans so far (how much a scan after a position skips shows in it).
    private(set) var rowsScanned = 0
    private var registered = false
    public private(set) var count: Int64 = 0

    /// Rows between checkpoints: a scan that starts after a position reads at most this many rows to find it.
    static let checkpointInterval = 1024

    public enum Failure: Error, CustomStringConvertible {
        case create(folder: String, errno: Int32)
        case write(folder: String, errno: Int32)
        case read(errno: Int32)
        case malformedRow(position: Int64)
        case rowTooLong(bytes: Int)
        case wrongValueCount(expected: Int, found: Int)

        public var description: String {
            switch self {
            case let .create(folder, code):
                "the import's temporary file could not be created in '\(folder)': \(String(cString: strerror(code))); nothing was changed — set TMPDIR to a writable folder and run the import again"
            case let .write(folder, code):
                "the import's temporary file in '\(folder)' could not be written: \(String(cString: strerror(code))); nothing was changed — "
                    + (code == ENOSPC || code == EDQUOT || code == EFBIG ? "set TMPDIR to a folder with more room and " : "") + "run the import again"
            case let .read(code):
                "the import's temporary file could not be read back: \(String(cString: strerror(code))); nothing was changed — run the import again"
            case let .malformedRow(position):
                "staged audit \(position) in the import's temporary file came back damaged; nothing was changed — run the import again"
            case let .rowTooLong(bytes):
                "one row of the file makes \(bytes) bytes to stage, more than the 4 GiB a staged row may have; nothing was changed"
            case let .wrongValueCount(expected, found):
                "a staged row has \(found) values, not \(expected)"
            }
        }
    }

    /// Registers the table `name` on `database` (whose lifetime must exceed the table's) with `columns`.
    public init(database: Database, name: String, columns: [String], bufferBytes: Int = 1 << 20) throws {
        precondition(name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) }, "a plain table name")
        self.database = database
        self.name = name
        self.columns = columns
        bufferLimit = max(bufferBytes, 64)
        // Room for the row that crosses the limit, usually, without growing.
        capacity = bufferLimit + 4096
        buffer = .allocate(byteCount: capacity, alignment: 8)
        let status = sqlite3_create_module_v2(database.handle, name, SpillModule.methods, Unmanaged.passUnretained(self).toOpaque(), nil)
        // Every property is set, so a throw here still runs `deinit`, which frees the buffer.
        guard status == SQLITE_OK else { throw database.lastError(sql: nil) }
        registered = true
    }

    deinit {
        unregister()
        if file >= 0 { close(file) }
        buffer.deallocate()
    }

    /// Removes the table from the connection (statements naming it no longer prepare) and frees the file.
    public func unregister() {
        guard registered else { return }
        registered = false
        // A null module drops the name, disconnecting the table first.
        sqlite3_create_module_v2(database.handle, name, nil, nil, nil)
        removeAll()
    }

    /// Forgets every row (keeping the buffer's memory).
    public func removeAll() {
        used = 0
        if file >= 0 {
            close(file)
            file = -1
        }
        fileLength = 0
        count = 0
        checkpoints.removeAll()
        endOfLastScan = (0, 0)
        rowStart = -1
        rowValues = 0
    }

    // MARK: Appending

    /// Starts a row; its values follow, one per column in order, then `endRow()`.
    public func beginRow() {
        if count % Int64(Self.checkpointInterval) == 0 { checkpoints.append(fileLength + used) }
        rowStart = used
        rowValues = 0
        reserve(4)
        used += 4
    }

    public func append(_ value: Int64) {
        reserve(9)
        buffer.storeBytes(of: SpillValueKind.integer.rawValue, toByteOffset: used, as: UInt8.self)
        buffer.storeBytes(of: value.littleEndian, toByteOffset: used + 1, as: Int64.self)
        used += 9
        rowValues += 1
    }

    public func append(_ value: Double?) {
        guard let value else { return appendNull() }
        reserve(9)
        buffer.storeBytes(of: SpillValueKind.real.rawValue, toByteOffset: used, as: UInt8.self)
        buffer.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: used + 1, as: UInt64.self)
        used += 9
        rowValues += 1
    }

    public func append(_ value: String?) {
        guard var value else { return appendNull() }
        value.withUTF8 { appendBytes(.text, UnsafeRawBufferPointer($0)) }
    }

    public func append(blob value: [UInt8]) {
        value.withUnsafeBytes { appendBytes(.blob, $0) }
    }

    public func appendNull() {
        reserve(1)
        buffer.storeBytes(of: SpillValueKind.null.rawValue, toByteOffset: used, as: UInt8.self)
        used += 1
        rowValues += 1
    }

    private func appendBytes(_ kind: SpillValueKind, _ bytes: UnsafeRawBufferPointer) {
        reserve(5 + bytes.count)
        buffer.storeBytes(of: kind.rawValue, toByteOffset: used, as: UInt8.self)
        // Longer values are refused by `endRow` (the row's own length is 32 bits).
        buffer.storeBytes(of: UInt32(truncatingIfNeeded: bytes.count).littleEndian, toByteOffset: used + 1, as: UInt32.self)
        if let start = bytes.baseAddress, !bytes.isEmpty { (buffer + used + 5).copyMemory(from: start, byteCount: bytes.count) }
        used += 5 + bytes.count
        rowValues += 1
    }

    /// Room for `count` more bytes (a row longer than the buffer grows it).
    private func reserve(_ count: Int) {
        guard used + count > capacity else { return }
        var grown = capacity * 2
        while used + count > grown { grown *= 2 }
        let larger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        larger.copyMemory(from: buffer, byteCount: used)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    /// Ends the row begun last; it is then visible to scans. Past the buffer's bound the bytes go to the file.
    public func endRow() throws {
        guard rowStart >= 0, rowValues == columns.count else {
            let found = rowValues
            discardRow()
            throw Failure.wrongValueCount(expected: columns.count, found: found)
        }
        let length = used - rowStart - 4
        guard let stored = UInt32(exactly: length) else {
            discardRow()
            throw Failure.rowTooLong(bytes: length)
        }
        buffer.storeBytes(of: stored.littleEndian, toByteOffset: rowStart, as: UInt32.self)
        if used >= bufferLimit {
            do { try spill() } catch {
                // The file keeps what it had before (its length only grows on success); the row goes.
                discardRow()
                throw error
            }
        }
        rowStart = -1
        count += 1
    }

    private func discardRow() {
        if rowStart >= 0 {
            if count % Int64(Self.checkpointInterval) == 0, checkpoints.last == fileLength + rowStart { checkpoints.removeLast() }
            used = rowStart
        }
        rowStart = -1
        rowValues = 0
    }

    /// Moves the buffer's bytes to the end of the file.
    private func spill() throws {
        if file < 0 {
            var template = Array((folder + "/yardstick-import-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw Failure.create(folder: folder, errno: errno) }
            // Unlinked at once: the bytes live only as long as the descriptor, whatever ends the process.
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            file = descriptor
        }
        var written = 0
        while written < used {
            let result = pwrite(file, buffer + written, used - written, off_t(fileLength + written))
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure.write(folder: folder, errno: errno)
            }
            written += result
        }
        fileLength += used
        used = 0
    }

    // MARK: Reading

    /// Every row after position `after`, in order, as seen now.
    public func forEach(after: Int64 = 0, _ body: (SpillRow) throws -> Void) throws {
        let scan = SpillScan(table: self)
        try scan.start(after: after)
        while !scan.atEnd {
            try body(scan.current)
            try scan.advance()
        }
    }

    /// Copies the bytes at `offset..<offset + count` of the table (file, then buffer) to `destination`.
    fileprivate func read(into destination: UnsafeMutableRawPointer, at offset: Int, count: Int) throws {
        var done = 0
        while done < count {
            let at = offset + done
            if at < fileLength {
                let wanted = min(count - done, fileLength - at)
                let result = pread(file, destination + done, wanted, off_t(at))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Failure.read(errno: errno)
                }
                guard result > 0 else { throw Failure.read(errno: EIO) }
                done += result
            } else {
                let start = at - fileLength, wanted = count - done
                guard start + wanted <= used else { throw Failure.read(errno: EIO) }
                (destination + done).copyMemory(from: buffer + start, byteCount: wanted)
                done += wanted
            }
        }
    }

    /// Bytes in the table's complete rows.
    fileprivate var length: Int { fileLength + (rowStart >= 0 ? rowStart : used) }

    /// Where a scan for the rows after `position` starts: the byte offset of a row at or before
    /// row `position + 1`, and that row's position.
    fileprivate func scanStart(after position: Int64) -> (offset: Int, position: Int64) {
        if position == endOfLastScan.position, position > 0 { return (endOfLastScan.offset, position + 1) }
        guard position > 0, !checkpoints.isEmpty else { return (0, 1) }
        let index = min(Int(min(position, count) / Int64(Self.checkpointInterval)), checkpoints.count - 1)
        return (checkpoints[index], Int64(index) * Int64(Self.checkpointInterval) + 1)
    }

    fileprivate func scanEnded(after position: Int64, at offset: Int) { endOfLastScan = (position, offset) }

    fileprivate func scanned() { rowsScanned += 1 }

    /// Keeps what went wrong for `takeReadFailure()`.
    fileprivate func record(_ failure: Error) {
        readFailure = failure as? Failure ?? .read(errno: EIO)
    }

    /// What made the last SQL over the table fail, if the table did (then it is forgotten).
    public func takeReadFailure() -> Failure? {
        defer { readFailure = nil }
        return readFailure
    }
}

enum SpillValueKind: UInt8 {
    case null = 0, integer, real, text, blob
}

/// One row of a `SpillTable` during a scan; valid until the scan moves on.
public struct SpillRow {
    public let position: Int64
    /// The row's values, each a kind byte and its payload (8 bytes, or a 32-bit length and the bytes).
    fileprivate let storage: UnsafeRawBufferPointer
    /// Where each value starts in `storage`; the scan checked every length against the row.
    fileprivate let offsets: UnsafeBufferPointer<Int>

    fileprivate func kind(_ column: Int) -> SpillValueKind { SpillValueKind(rawValue: storage[offsets[column]]) ?? .null }

    public func integer(_ column: Int) -> Int64? { kind(column) == .integer ? integer(at: offsets[column]) : nil }

    public func real(_ column: Int) -> Double? { kind(column) == .real ? real(at: offsets[column]) : nil }

    /// The bytes of a text or blob value.
    public func bytes(_ column: Int) -> UnsafeRawBufferPointer? {
        let kind = kind(column)
        return kind == .text || kind == .blob ? payload(at: offsets[column]) : nil
    }

    public func text(_ column: Int) -> String? {
        guard kind(column) == .text, let value = bytes(column) else { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    /// Hands value `column` to SQLite, which copies texts and blobs (the scan's chunk moves on).
    fileprivate func result(_ column: Int, into context: OpaquePointer) {
        let at = offsets[column]
        switch kind(column) {
        case .null: sqlite3_result_null(context)
        case .integer: sqlite3_result_int64(context, integer(at: at))
        case .real: sqlite3_result_double(context, real(at: at))
        case .text:
            guard let value = payload(at: at), let start = value.baseAddress, let length = Int32(exactly: value.count) else {
                return sqlite3_result_error_toobig(context)
            }
            sqlite3_result_text(context, start.assumingMemoryBound(to: CChar.self), length, yardstick_sqlite_transient())
        case .blob:
            guard let value = payload(at: at), let start = value.baseAddress, let length = Int32(exactly: value.count) else {
                return sqlite3_result_error_toobig(context)
            }
            sqlite3_result_blob(context, start, length, yardstick_sqlite_transient())
        }
    }

    private func integer(at offset: Int) -> Int64 { Int64(littleEndian: storage.loadUnaligned(fromByteOffset: offset + 1, as: Int64.self)) }

    private func real(at offset: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: storage.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self)))
    }

    /// The bytes of the text or blob value at `offset`.
    private func payload(at offset: Int) -> UnsafeRawBufferPointer? {
        let length = Int(UInt32(littleEndian: storage.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
        guard let base = storage.baseAddress, offset + 5 + length <= storage.count else { return nil }
        return UnsafeRawBufferPointer(start: base + offset + 5, count: length)
    }
}

/// A pass over a table's rows, reading it in chunks.
final class SpillScan {
    private unowned let table: SpillTable
    /// Allocated at the first read, no larger than the rows left to read (a look at a few new rows stays small).
    private var chunk = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// The chunk holds the table's bytes `chunkOffset..<chunkOffset + chunkCount`.
    private var chunkOffset = 0, chunkCount = 0
    /// The current row's values start at `rowStart` in the chunk and take `rowLength` bytes.
    private var rowStart = 0, rowLength = 0
    /// Where each value of the current row starts, from `rowStart`.
    private var offsets: UnsafeMutableBufferPointer<Int>
    private var position: Int64 = 0
    private var end = 0
    private(set) var atEnd = true
    /// A chunk holds up to this many bytes, or one row if it is longer.
    static let chunkBytes = 1 << 18

    init(table: SpillTable) {
        self.table = table
        offsets = .allocate(capacity: max(table.columns.count, 1))
        offsets.initialize(repeating: 0)
    }

    deinit {
        chunk.deallocate()
        offsets.deallocate()
    }

    var current: SpillRow {
        SpillRow(position: position, storage: UnsafeRawBufferPointer(start: chunk.baseAddress.map { $0 + rowStart }, count: rowLength),
                 offsets: UnsafeBufferPointer(offsets))
    }

    /// Hands value `column` of the current row (0: its position) to SQLite.
    func result(column: Int, into context: OpaquePointer) {
        guard column > 0 else { return sqlite3_result_int64(context, position) }
        current.result(column - 1, into: context)
    }

    /// Positions the scan on the first row after `after` (or at the end).
    func start(after: Int64) throws {
        end = table.length
        let (offset, first) = table.scanStart(after: after)
        chunkOffset = offset
        chunkCount = 0
        rowStart = 0
        rowLength = 0
        position = first - 1
        atEnd = false
        try load(at: offset)
        while !atEnd && position <= after { try advance() }
    }

    /// Moves to the next row.
    func advance() throws {
        try load(at: chunkOffset + rowStart + rowLength)
    }

    /// Reads the row starting at table offset `offset`, refilling the chunk when the row is not whole in it.
    private func load(at offset: Int) throws {
        guard offset < end else {
            atEnd = true
            table.scanEnded(after: position, at: offset)
            return
        }
        var start = offset - chunkOffset
        if start + 4 + rowLengthAt(start) > chunkCount {
            try refill(from: offset, atLeast: 4)
            start = 0
            let needed = 4 + rowLengthAt(0)
            if needed > chunkCount { try refill(from: offset, atLeast: needed) }
        }
        let length = rowLengthAt(start)
        guard start + 4 + length <= chunkCount else { throw SpillTable.Failure.malformedRow(position: position + 1) }
        position += 1
        rowStart = start + 4
        rowLength = length
        table.scanned()
        try index(position: position)
    }

    /// The length of the row whose header is at `start` in the chunk; past the chunk's bytes, more than any chunk holds.
    private func rowLengthAt(_ start: Int) -> Int {
        guard start >= 0, start + 4 <= chunkCount, let base = chunk.baseAddress else { return Int(UInt32.max) + 1 }
        return Int(UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt32.self)))
    }

    /// Fills the chunk with the table's bytes from `offset`, at least `needed` of them.
    private func refill(from offset: Int, atLeast needed: Int) throws {
        let available = end - offset
        // A damaged length is reported before anything is allocated for it.
        guard available >= needed else { throw SpillTable.Failure.malformedRow(position: position + 1) }
        let wanted = max(needed, min(Self.chunkBytes, available))
        if wanted > chunk.count {
            chunk.deallocate()
            chunk = .allocate(byteCount: max(wanted, min(Self.chunkBytes, chunk.count * 2)), alignment: 8)
        }
        let count = min(chunk.count, available)
        guard let base = chunk.baseAddress else { throw SpillTable.Failure.read(errno: ENOMEM) }
        try table.read(into: base, at: offset, count: count)
        chunkOffset = offset
        chunkCount = count
    }

    /// Finds where each value of the current row starts.
    private func index(position: Int64) throws {
        let row = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(chunk)[rowStart..<(rowStart + rowLength)])
        var at = 0
        for column in 0..<table.columns.count {
            guard at < row.count, let kind = SpillValueKind(rawValue: row[at]) else { throw SpillTable.Failure.malformedRow(position: position) }
            offsets[column] = at
            switch kind {
            case .null: at += 1
            case .integer, .real: at += 9
            case .text, .blob:
                guard at + 5 <= row.count else { throw SpillTable.Failure.malformedRow(position: position) }
                at += 5 + Int(UInt32(littleEndian: row.loadUnaligned(fromByteOffset: at + 1, as: UInt32.self)))
            }
        }
        guard at == row.count else { throw SpillTable.Failure.malformedRow(position: position) }
    }
}

// MARK: - The virtual table

/// SQLite's view of a `SpillTable`: an eponymous, read-only virtual table. Each struct SQLite
/// allocates through us is its own C struct followed by one pointer (the table, or the scan).
private enum SpillModule {
    nonisolated(unsafe) static let methods: UnsafeMutablePointer<sqlite3_module> = {
        var module = sqlite3_module()
        module.iVersion = 0
        module.xCreate = nil // eponymous only: `CREATE VIRTUAL TABLE` cannot name it
        module.xConnect = connect
        module.xBestIndex = bestIndex
        module.xDisconnect = disconnect
        module.xDestroy = disconnect
        module.xOpen = open
        module.xClose = closeCursor
        module.xFilter = filter
        module.xNext = next
        module.xEof = eof
        module.xColumn = column
        module.xRowid = rowid
        let pointer = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        pointer.initialize(to: module)
        return pointer
    }()

    static let vtabSize = MemoryLayout<sqlite3_vtab>.stride
    static let cursorSize = MemoryLayout<sqlite3_vtab_cursor>.stride

    static func table(_ vtab: UnsafeMutablePointer<sqlite3_vtab>) -> SpillTable {
        let slot = (UnsafeMutableRawPointer(vtab) + vtabSize).load(as: UnsafeMutableRawPointer.self)
        return Unmanaged<SpillTable>.fromOpaque(slot).takeUnretainedValue()
    }

    static func scan(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> SpillScan? {
        guard let cursor else { return nil }
        let slot = (UnsafeMutableRawPointer(cursor) + cursorSize).load(as: UnsafeMutableRawPointer.self)
        return Unmanaged<SpillScan>.fromOpaque(slot).takeUnretainedValue()
    }

    /// Reports `error` as the table's message (SQLite frees it) and keeps it on the table for
    /// `takeReadFailure()`. Never an I/O error code: SQLite would roll back the whole transaction
    /// for one, where a plain error ends only the statement.
    static func fail(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ error: Error) -> Int32 {
        guard let vtab else { return SQLITE_ERROR }
        table(vtab).record(error)
        if let old = vtab.pointee.zErrMsg {
            sqlite3_free(old)
            vtab.pointee.zErrMsg = nil
        }
        let message = Array(String(describing: error).utf8CString)
        if let copy = sqlite3_malloc(Int32(message.count))?.assumingMemoryBound(to: CChar.self) {
            message.withUnsafeBufferPointer { characters in
                if let start = characters.baseAddress { copy.update(from: start, count: message.count) }
            }
            vtab.pointee.zErrMsg = copy
        }
        return SQLITE_ERROR
    }

    static let connect: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                        UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 = {
        db, aux, _, _, result, _ in
        guard let db, let aux, let result else { return SQLITE_MISUSE }
        let table = Unmanaged<SpillTable>.fromOpaque(aux).takeUnretainedValue()
        let names = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let status = sqlite3_declare_vtab(db, "CREATE TABLE x(position INTEGER, \(names))")
        guard status == SQLITE_OK else { return status }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: vtabSize + MemoryLayout<UnsafeMutableRawPointer>.stride, alignment: 16)
        let vtab = memory.bindMemory(to: sqlite3_vtab.self, capacity: 1)
        vtab.initialize(to: sqlite3_vtab())
        (memory + vtabSize).storeBytes(of: aux, as: UnsafeMutableRawPointer.self)
        result.pointee = vtab
        return SQLITE_OK
    }

    static let disconnect: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 = { vtab in
        if let message = vtab?.pointee.zErrMsg { sqlite3_free(message) }
        vtab.map { UnsafeMutableRawPointer($0).deallocate() }
        return SQLITE_OK
    }

    /// Idx 1: `position > ?`, 2: `position >= ?`; anything else is a full scan. Rows come in position order.
    static let bestIndex: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<sqlite3_index_info>?) -> Int32 = { vtab, info in
        guard let vtab, let info else { return SQLITE_MISUSE }
        let rows = Double(max(table(vtab).count, 1))
        info.pointee.idxNum = 0
        info.pointee.estimatedCost = rows
        info.pointee.estimatedRows = Int64(rows)
        for index in 0..<Int(info.pointee.nConstraint) {
            let constraint = info.pointee.aConstraint[index]
            guard constraint.usable != 0, constraint.iColumn == 0 || constraint.iColumn == -1 else { continue }
            let op = Int32(constraint.op)
            guard op == SQLITE_INDEX_CONSTRAINT_GT || op == SQLITE_INDEX_CONSTRAINT_GE else { continue }
            info.pointee.idxNum = op == SQLITE_INDEX_CONSTRAINT_GT ? 1 : 2
            info.pointee.aConstraintUsage[index].argvIndex = 1
            info.pointee.aConstraintUsage[index].omit = 0
            info.pointee.estimatedCost = rows / 2
            break
        }
        if info.pointee.nOrderBy == 1 {
            let order = info.pointee.aOrderBy[0]
            if (order.iColumn == 0 || order.iColumn == -1) && order.desc == 0 { info.pointee.orderByConsumed = 1 }
        }
        return SQLITE_OK
    }

    static let open: @convention(c) (UnsafeMutablePointer<sqlite3_vtab>?, UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab_cursor>?>?) -> Int32 = {
        vtab, result in
        guard let vtab, let result else { return SQLITE_MISUSE }
        let scan = SpillScan(table: table(vtab))
        let memory = UnsafeMutableRawPointer.allocate(byteCount: cursorSize + MemoryLayout<UnsafeMutableRawPointer>.stride, alignment: 16)
        let cursor = memory.bindMemory(to: sqlite3_vtab_cursor.self, capacity: 1)
        cursor.initialize(to: sqlite3_vtab_cursor())
        (memory + cursorSize).storeBytes(of: Unmanaged.passRetained(scan).toOpaque(), as: UnsafeMutableRawPointer.self)
        result.pointee = cursor
        return SQLITE_OK
    }

    static let closeCursor: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
        guard let cursor else { return SQLITE_OK }
        let slot = (UnsafeMutableRawPointer(cursor) + cursorSize).load(as: UnsafeMutableRawPointer.self)
        Unmanaged<SpillScan>.fromOpaque(slot).release()
        UnsafeMutableRawPointer(cursor).deallocate()
        return SQLITE_OK
    }

    static let filter: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, Int32, UnsafePointer<CChar>?, Int32,
                                       UnsafeMutablePointer<OpaquePointer?>?) -> Int32 = { cursor, idxNum, _, argc, argv in
        guard let scan = scan(cursor) else { return SQLITE_MISUSE }
        // A lower bound only: SQLite checks the constraint on every row itself (`omit` is off).
        var after: Int64 = 0
        if idxNum != 0, argc >= 1, let value = argv?[0] {
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER:
                // `>= x` is `> x - 1`; below 1 every row qualifies (and `Int64.min - 1` would wrap).
                let bound = sqlite3_value_int64(value)
                after = bound < 1 ? 0 : (idxNum == 1 ? bound : bound - 1)
            case SQLITE_FLOAT:
                // Any bound at or past the largest position leaves no row; a fraction rounds down.
                let bound = sqlite3_value_double(value)
                if bound >= Double(Int64.max) { after = Int64.max } else if bound >= 1 { after = Int64(bound.rounded(.down)) - 1 }
            default:
                after = 0
            }
        }
        do {
            try scan.start(after: after)
            return SQLITE_OK
        } catch {
            return fail(cursor?.pointee.pVtab, error)
        }
    }

    static let next: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
        guard let scan = scan(cursor) else { return SQLITE_MISUSE }
        do {
            try scan.advance()
            return SQLITE_OK
        } catch {
            return fail(cursor?.pointee.pVtab, error)
        }
    }

    static let eof: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 = { cursor in
        (scan(cursor)?.atEnd ?? true) ? 1 : 0
    }

    static let column: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, OpaquePointer?, Int32) -> Int32 = { cursor, context, index in
        guard let scan = scan(cursor), let context else { return SQLITE_MISUSE }
        scan.result(column: Int(index), into: context)
        return SQLITE_OK
    }

    static let rowid: @convention(c) (UnsafeMutablePointer<sqlite3_vtab_cursor>?, UnsafeMutablePointer<sqlite3_int64>?) -> Int32 = { cursor, result in
        guard let scan = scan(cursor), let result else { return SQLITE_MISUSE }
        result.pointee = scan.current.position
        return SQLITE_OK
    }
}
