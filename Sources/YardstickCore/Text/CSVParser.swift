/// An RFC 4180 CSV parser fed with chunks of bytes, so a file of any size streams through
/// bounded memory: quoted fields, doubled quotes, embedded commas and line breaks, a UTF-8 BOM,
/// and LF, CRLF or lone-CR (old Mac) line endings.
///
/// Memory stays flat whatever the input: a field, a record and the number of fields in a record
/// are bounded by `Limits`, so `/dev/zero`, a file without line breaks or an unclosed quote near
/// the top of a large file fails fast with a located `SyntaxError` instead of growing one field.
public struct CSVParser: Sendable {
    /// One record: its fields, and the row number a spreadsheet shows for it (the header is row 1).
    public struct Record: Sendable, Hashable {
        public var row: Int
        public var fields: [String]
    }

    /// A malformed record, named by row and column (1-based field number).
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var row: Int
        public var column: Int
        public var message: String

        public var description: String { "row \(row), column \(column): \(message)" }
    }

    /// How large one record may grow before the input is judged not to be a CSV file.
    public struct Limits: Sendable, Hashable {
        /// Bytes in one field. A comment or a long answer is a few kilobytes; 1 MiB is far beyond that.
        public var fieldBytes: Int
        /// Bytes in one record, separators and quotes included.
        public var recordBytes: Int
        /// Fields in one record: a form's questions and their comment columns, with a wide margin.
        public var fieldsPerRecord: Int

        public init(fieldBytes: Int, recordBytes: Int, fieldsPerRecord: Int) {
            self.fieldBytes = fieldBytes
            self.recordBytes = recordBytes
            self.fieldsPerRecord = fieldsPerRecord
        }

        /// 1 MiB per field, 16 MiB per record, 100,000 fields per record.
        public static let standard = Limits(fieldBytes: 1 << 20, recordBytes: 16 << 20, fieldsPerRecord: 100_000)
    }

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        case quoteInQuoted  // a quote inside a quoted field: either the closing quote or the first of a doubled pair
    }

    private static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let notCSVHint = "is this a CSV file? (an unclosed quote makes the rest of the file one field)"

    public let limits: Limits
    /// The byte between fields: `,` by default; `;` or tab as European spreadsheets save.
    public let separator: UInt8
    private var state = State.fieldStart
    /// The current record's bytes, field after field; `ends` holds where each finished field ends.
    private var buffer: [UInt8] = []
    private var fieldStart = 0
    private var ends: [Int] = []
    private var row = 1
    private var recordBytes = 0
    private var recordHasContent = false
    /// A CR ended the last line; an LF right after it belongs to the same line break (CRLF).
    private var lineFeedEndsNothing = false
    private var atStartOfInput = true
    private var byteOrderMarkBytesSeen = 0
    private var failed: SyntaxError?

    /// A parser that refuses records larger than `limits`.
    public init(separator: UInt8 = UInt8(ascii: ","), limits: Limits = .standard) {
        self.separator = separator
        self.limits = limits
    }

    /// How the separator is named in messages.
    public static func name(of separator: UInt8) -> String {
        switch separator {
        case UInt8(ascii: ","): return "a comma"
        case UInt8(ascii: ";"): return "a semicolon"
        case 0x09: return "a tab"
        default: return "'\(Character(Unicode.Scalar(separator)))'"
        }
    }

    /// Parses the next chunk and hands every completed record to `emit`.
    /// - Throws: `SyntaxError` for malformed or oversized input (and again on every later call),
    ///   or whatever `emit` throws.
    public mutating func feed(_ chunk: some Sequence<UInt8>, emit: (Record) throws -> Void) throws {
        do {
            try feedSpans(chunk) { view throws in try emit(try Self.texts(of: view)) }
        } catch let error as SyntaxError {
            // A field that is not UTF-8 stops the parser as any syntax error does.
            failed = error
            throw error
        }
    }

    /// Parses the next chunk and hands every completed record to `emit` as byte spans, without
    /// making a `String` per field; the view is valid only during the call.
    public mutating func feedSpans(_ chunk: some Sequence<UInt8>, emit: (RecordView) throws -> Void) throws {
        if let failed { throw failed }
        // A byte loop over contiguous memory; `Data` and arrays take this path, anything else is copied once.
        let handled: Void? = try chunk.withContiguousStorageIfAvailable { bytes in try consume(bytes, emit: emit) }
        if handled == nil {
            let copy = Array(chunk)
            try copy.withUnsafeBufferPointer { bytes in try consume(bytes, emit: emit) }
        }
    }

    /// One record's fields as byte spans into the parser's buffer, valid during `emit` only.
    public struct RecordView {
        public let row: Int
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        public var count: Int { ends.count }

        /// The bytes of field `index` (quotes removed, doubled quotes undone).
        public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            let start = index == 0 ? 0 : ends[index - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
        }

        /// Appends the record's field bytes to `bytes` and their ends to `ends`: a copy that
        /// outlives the parser's buffer, for another thread to read later.
        public func store(bytes stored: inout [UInt8], ends storedEnds: inout [Int]) {
            stored.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<(ends.last ?? 0)]))
            storedEnds.append(contentsOf: ends)
        }
    }

    /// `view` as text fields, refusing a field that is not UTF-8 with its row and column.
    public static func texts(of view: RecordView) throws -> Record {
        var fields: [String] = []
        fields.reserveCapacity(view.count)
        for index in 0..<view.count {
            guard let text = String(validating: view[index], as: UTF8.self) else {
                throw SyntaxError(row: view.row, column: index + 1, message: "not valid UTF-8 text; save the file as UTF-8")
            }
            fields.append(text)
        }
        return Record(row: view.row, fields: fields)
    }

    /// Ends the input: emits the last record if it had no line break after it.
    /// - Throws: `SyntaxError` for a quoted field that is never closed, or whatever `emit` throws.
    public mutating func finish(emit: (Record) throws -> Void) throws {
        do {
            try finishSpans { view throws in try emit(try Self.texts(of: view)) }
        } catch let error as SyntaxError {
            failed = error
            throw error
        }
    }

    /// Ends the input of `feedSpans`: emits the last record if it had no line break after it.
    public mutating func finishSpans(emit: (RecordView) throws -> Void) throws {
        if let failed { throw failed }
        if atStartOfInput, byteOrderMarkBytesSeen > 0 {
            // The file was nothing but the start of a byte order mark: those bytes are text.
            atStartOfInput = false
            for byte in Self.byteOrderMark[0..<byteOrderMarkBytesSeen] { try consume(byte: byte, emit: emit) }
        }
        switch state {
        case .quoted:
            throw fail("a quoted field is never closed; a \" is missing before the end of the file")
        case .fieldStart, .unquoted, .quoteInQuoted:
            if recordHasContent || !ends.isEmpty {
                try endField()
                try endRecord(emit: emit)
            }
        }
    }

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, emit: (RecordView) throws -> Void) throws {
        var start = 0
        if atStartOfInput {
            // Skip a UTF-8 byte order mark (EF BB BF), which Excel writes at the start of "CSV UTF-8".
            while start < bytes.count, byteOrderMarkBytesSeen < 3, bytes[start] == Self.byteOrderMark[byteOrderMarkBytesSeen] {
                byteOrderMarkBytesSeen += 1
                start += 1
            }
            if byteOrderMarkBytesSeen == 3 {
                atStartOfInput = false
            } else if start < bytes.count {
                // A partial mark followed by something else: those bytes were text after all.
                atStartOfInput = false
                for byte in Self.byteOrderMark[0..<byteOrderMarkBytesSeen] { try consume(byte: byte, emit: emit) }
            }
        }
        var index = start
        let count = bytes.count
        while index < count {
            if state == .fieldStart || state == .unquoted, !lineFeedEndsNothing {
                // The common case, an unquoted field: its ordinary bytes at once, then a separator
                // right here; anything else (a quote, a line break, NUL) goes to the state machine.
                let end = endOfOrdinaryRun(in: bytes, from: index)
                if end > index {
                    recordHasContent = true
                    state = .unquoted
                    try appendRun(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    if index == count { break }
                }
                if bytes[index] == separator {
                    recordBytes += 1
                    if recordBytes > limits.recordBytes { throw fail(recordTooLong) }
                    recordHasContent = true
                    try endField()
                    state = .fieldStart
                    index += 1
                    continue
                }
            } else if state == .quoted, !lineFeedEndsNothing {
                // Inside a field most bytes are ordinary: find the run up to the next byte that means
                // something and copy it at once, rather than stepping the state machine byte by byte.
                let end = endOfOrdinaryRun(in: bytes, from: index)
                if end > index {
                    try appendRun(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
            }
            try consume(byte: bytes[index], emit: emit)
            index += 1
        }
    }

    /// The index of the first byte from `start` on that the state machine must see itself.
    private func endOfOrdinaryRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        if state == .quoted {
            // Separators and line breaks are data inside quotes.
            while end < bytes.count, bytes[end] != Self.quote, bytes[end] != 0 { end += 1 }
        } else {
            while end < bytes.count {
                let byte = bytes[end]
                if byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn || byte == Self.quote || byte == 0 { break }
                end += 1
            }
        }
        return end
    }

    /// Appends ordinary bytes to the current field, failing exactly where byte-by-byte appending would.
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) throws {
        let roomInRecord = limits.recordBytes - recordBytes, roomInField = limits.fieldBytes - (buffer.count - fieldStart)
        if run.count > roomInRecord || run.count > roomInField {
            throw fail(roomInRecord <= roomInField ? recordTooLong : fieldTooLong)
        }
        recordBytes += run.count
        buffer.append(contentsOf: run)
    }

    private mutating func consume(byte: UInt8, emit: (RecordView) throws -> Void) throws {
        if lineFeedEndsNothing {
            lineFeedEndsNothing = false
            if byte == Self.lineFeed { return }
        }
        if byte == 0 {
            throw fail("row \(row), column \(ends.count + 1) holds a NUL byte; this does not look like a text CSV file (save it from the spreadsheet as \"CSV UTF-8\")")
        }
        recordBytes += 1
        if recordBytes > limits.recordBytes { throw fail(recordTooLong) }
        switch state {
        case .fieldStart:
            recordHasContent = true
            switch byte {
            case Self.quote: state = .quoted
            case separator: try endField()
            case Self.lineFeed: try endLine(emit: emit)
            case Self.carriageReturn: try endLineAtCarriageReturn(emit: emit)
            default:
                try append(byte)
                state = .unquoted
            }
        case .unquoted:
            switch byte {
            case separator:
                try endField()
                state = .fieldStart
            case Self.lineFeed: try endLine(emit: emit)
            case Self.carriageReturn: try endLineAtCarriageReturn(emit: emit)
            default:
                // A quote inside an unquoted field (37.8"N) is kept as it is, as spreadsheets read it.
                try append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                // Embedded line breaks (CR, LF or CRLF) stay inside the field and the spreadsheet row.
                try append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case Self.quote:
                try append(Self.quote)
                state = .quoted
            case separator:
                try endField()
                state = .fieldStart
            case Self.lineFeed: try endLine(emit: emit)
            case Self.carriageReturn: try endLineAtCarriageReturn(emit: emit)
            default:
                throw fail("text after the closing \" of a quoted field; a \" inside a field must be doubled (\"\")")
            }
        }
    }

    private mutating func append(_ byte: UInt8) throws {
        guard buffer.count - fieldStart < limits.fieldBytes else { throw fail(fieldTooLong) }
        buffer.append(byte)
    }

    private mutating func endField() throws {
        guard ends.count < limits.fieldsPerRecord else {
            throw fail("row \(row) has more than \(limits.fieldsPerRecord) fields; is this a CSV file, and is the separator \(Self.name(of: separator))? (choose another with --delimiter)")
        }
        ends.append(buffer.count)
        fieldStart = buffer.count
    }

    /// A lone CR ends the line (old Mac files); if an LF follows, the pair is one CRLF break.
    private mutating func endLineAtCarriageReturn(emit: (RecordView) throws -> Void) throws {
        try endLine(emit: emit)
        lineFeedEndsNothing = true
    }

    private mutating func endLine(emit: (RecordView) throws -> Void) throws {
        try endField()
        try endRecord(emit: emit)
    }

    private mutating func endRecord(emit: (RecordView) throws -> Void) throws {
        let recordRow = row
        state = .fieldStart
        row += 1
        recordBytes = 0
        recordHasContent = false
        defer {
            buffer.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            fieldStart = 0
        }
        // A blank line is no record; spreadsheets still count it as a row.
        if ends.count == 1 && ends[0] == 0 { return }
        try buffer.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try emit(RecordView(row: recordRow, bytes: bytes, ends: ends)) }
        }
    }

    private var recordTooLong: String { "row \(row) is longer than \(ByteSize(limits.recordBytes)); \(Self.notCSVHint)" }

    private var fieldTooLong: String {
        "row \(row), column \(ends.count + 1) is longer than \(ByteSize(limits.fieldBytes)); \(Self.notCSVHint)"
    }

    private mutating func fail(_ message: String) -> SyntaxError {
        let error = SyntaxError(row: row, column: ends.count + 1, message: message)
        failed = error
        return error
    }
}

extension CSVParser.RecordView {
    /// A record kept with `store(bytes:ends:)`: its field bytes and their ends, counted from its
    /// first byte. Valid while the two buffers are.
    public init(row: Int, storedBytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
        precondition((ends.last ?? 0) <= storedBytes.count, "a stored record's fields end within its bytes")
        self.init(row: row, bytes: storedBytes, ends: ends)
    }
}
