/// An RFC 4180 CSV parser fed with chunks of bytes, so a file of any size streams through
/// bounded memory: quoted fields, doubled quotes, embedded commas and line breaks, CRLF, a UTF-8 BOM.
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

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        case quoteInQuoted  // a quote inside a quoted field: either the closing quote or the first of a doubled pair
        case afterCarriageReturn
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var row = 1
    private var atStartOfInput = true
    private var bomBytesSeen = 0
    private var recordHasContent = false
    private var failed: SyntaxError?

    public init() {}

    /// Parses the next chunk and hands every completed record to `emit`.
    public mutating func feed(_ chunk: some Sequence<UInt8>, emit: (Record) throws -> Void) throws {
        if let failed { throw failed }
        for byte in chunk {
            if atStartOfInput {
                // Skip a UTF-8 byte order mark (EF BB BF), which Excel writes at the start of "CSV UTF-8".
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if bomBytesSeen < 3, byte == bom[bomBytesSeen] {
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { atStartOfInput = false }
                    continue
                }
                atStartOfInput = false
                if bomBytesSeen > 0 {
                    field.append(contentsOf: bom[0..<bomBytesSeen])
                    state = .unquoted
                }
            }
            try consume(byte, emit: emit)
        }
    }

    /// Ends the input: emits the last record if it had no line break after it.
    public mutating func finish(emit: (Record) throws -> Void) throws {
        if let failed { throw failed }
        switch state {
        case .quoted:
            throw fail("a quoted field is never closed; a \" is missing before the end of the file")
        case .afterCarriageReturn:
            break
        case .fieldStart, .unquoted, .quoteInQuoted:
            if recordHasContent || !fields.isEmpty {
                try endField()
                try endRecord(emit: emit)
            }
        }
    }

    private mutating func consume(_ byte: UInt8, emit: (Record) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        switch state {
        case .fieldStart:
            recordHasContent = true
            switch byte {
            case quote: state = .quoted
            case comma: try endField()
            case newline: try endLine(emit: emit)
            case carriageReturn: state = .afterCarriageReturn
            default:
                field.append(byte)
                state = .unquoted
            }
        case .unquoted:
            switch byte {
            case comma:
                try endField()
                state = .fieldStart
            case newline: try endLine(emit: emit)
            case carriageReturn: state = .afterCarriageReturn
            case quote:
                throw fail("a \" inside an unquoted field; quote the whole field and double the \" (\"\")")
            default: field.append(byte)
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                // Embedded line breaks stay inside the field and the spreadsheet row.
                field.append(byte)
            }
        case .quoteInQuoted:
            switch byte {
            case quote:
                field.append(quote)
                state = .quoted
            case comma:
                try endField()
                state = .fieldStart
            case newline: try endLine(emit: emit)
            case carriageReturn: state = .afterCarriageReturn
            default:
                throw fail("text after the closing \" of a quoted field; a \" inside a field must be doubled (\"\")")
            }
        case .afterCarriageReturn:
            if byte == newline {
                try endLine(emit: emit)
            } else {
                // A lone CR ends the line too (old Mac files); the byte starts the next record.
                try endLine(emit: emit)
                try consume(byte, emit: emit)
            }
        }
    }

    private mutating func endField() throws {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw fail("not valid UTF-8 text; save the file as UTF-8")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endLine(emit: (Record) throws -> Void) throws {
        try endField()
        try endRecord(emit: emit)
    }

    private mutating func endRecord(emit: (Record) throws -> Void) throws {
        let record = Record(row: row, fields: fields)
        fields.removeAll(keepingCapacity: true)
        state = .fieldStart
        row += 1
        recordHasContent = false
        // A blank line is no record; spreadsheets still count it as a row.
        if record.fields.count == 1 && record.fields[0].isEmpty { return }
        try emit(record)
    }

    private mutating func fail(_ message: String) -> SyntaxError {
        let error = SyntaxError(row: row, column: fields.count + 1, message: message)
        failed = error
        return error
    }
}
