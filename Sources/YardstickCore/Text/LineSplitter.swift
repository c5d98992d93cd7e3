/// Splits a byte stream fed in chunks into lines, for line-oriented formats such as JSON Lines.
///
/// LF, CRLF and a lone CR (old Mac files) each end a line; the line break is not part of the
/// line. Memory stays bounded: a line longer than `maximumLineBytes` is refused with its line
/// number as soon as it is known to be too long, so a file without line breaks is never buffered whole.
///
/// ```swift
/// var splitter = LineSplitter()
/// try FileInput.stream(path) { chunk in
///     try splitter.feed(chunk) { line in try handle(line.bytes, line: line.number) }
/// }
/// try splitter.finish { line in try handle(line.bytes, line: line.number) }
/// ```
public struct LineSplitter: Sendable {
    /// The longest line accepted by default: far beyond any audit written as one JSON object.
    public static let standardMaximumLineBytes = 16 << 20

    /// One line, without its line break, and its 1-based number as an editor shows it.
    /// Blank lines are emitted too, so numbers match the file; skipping them is the reader's choice.
    public struct Line: Sendable, Hashable {
        public var number: Int
        public var bytes: ArraySlice<UInt8>

        public init(number: Int, bytes: ArraySlice<UInt8>) {
            self.number = number
            self.bytes = bytes
        }
    }

    /// A line longer than the limit: the input is probably not line-oriented text at all.
    public struct LineTooLongError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based number of the line that is too long.
        public var line: Int
        /// The limit it exceeded, in bytes.
        public var limit: Int

        public var message: String {
            "line \(line) is longer than \(ByteSize(limit)); each line must hold one record (is this a JSON Lines file?)"
        }

        public var description: String { message }
    }

    private static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// Lines longer than this many bytes (without the line break) are refused.
    public let maximumLineBytes: Int
    /// The start of a line whose end is in a later chunk.
    private var pending: [UInt8] = []
    private var linesEnded = 0
    /// The last chunk ended with a CR; an LF at the start of the next chunk completes that CRLF.
    private var lineFeedEndsNothing = false
    private var failed: LineTooLongError?

    /// A splitter that refuses lines longer than `maximumLineBytes` bytes.
    public init(maximumLineBytes: Int = LineSplitter.standardMaximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Splits the next chunk, handing every line it completes to `emit`.
    /// - Throws: `LineTooLongError` for an overlong line (and again on every later call), or whatever `emit` throws.
    public mutating func feed(_ chunk: some Sequence<UInt8>, emit: (Line) throws -> Void) throws {
        if let failed { throw failed }
        // One copy per chunk lets lines that lie inside it be handed out as slices, without copying each.
        let bytes = Array(chunk)
        guard !bytes.isEmpty else { return }
        var start = 0
        if lineFeedEndsNothing {
            lineFeedEndsNothing = false
            if bytes[0] == Self.lineFeed { start = 1 }
        }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == Self.lineFeed || byte == Self.carriageReturn else {
                index += 1
                continue
            }
            try endLine(with: bytes[start..<index], emit: emit)
            if byte == Self.carriageReturn {
                if index + 1 < bytes.count {
                    if bytes[index + 1] == Self.lineFeed { index += 1 }
                } else {
                    lineFeedEndsNothing = true
                }
            }
            index += 1
            start = index
        }
        let rest = bytes[start...]
        guard pending.count + rest.count <= maximumLineBytes else { throw fail() }
        pending.append(contentsOf: rest)
    }

    /// Ends the input: emits the last line if no line break followed it.
    /// - Throws: whatever `emit` throws, or the error that stopped an earlier `feed`.
    public mutating func finish(emit: (Line) throws -> Void) throws {
        if let failed { throw failed }
        guard !pending.isEmpty else { return }
        try endLine(with: [], emit: emit)
    }

    private mutating func endLine(with tail: ArraySlice<UInt8>, emit: (Line) throws -> Void) throws {
        guard pending.count + tail.count <= maximumLineBytes else { throw fail() }
        linesEnded += 1
        if pending.isEmpty {
            try emit(Line(number: linesEnded, bytes: tail))
        } else {
            pending.append(contentsOf: tail)
            // Hand the buffer over rather than copy it; the next pending line starts a fresh one.
            let line = Line(number: linesEnded, bytes: pending[...])
            pending = []
            try emit(line)
        }
    }

    private mutating func fail() -> LineTooLongError {
        let error = LineTooLongError(line: linesEnded + 1, limit: maximumLineBytes)
        failed = error
        return error
    }
}
