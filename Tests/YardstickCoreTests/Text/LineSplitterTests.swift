import Testing
@testable import YardstickCore

struct LineSplitterTests {
    /// Every line of `text` as (number, text), fed in chunks of `chunkSize` bytes.
    private func split(_ text: String, chunkSize: Int = 1 << 16, maximumLineBytes: Int = LineSplitter.standardMaximumLineBytes) throws -> [Line] {
        var splitter = LineSplitter(maximumLineBytes: maximumLineBytes)
        var lines: [Line] = []
        let record: (LineSplitter.Line) -> Void = { lines.append(Line(number: $0.number, text: String(decoding: $0.bytes, as: UTF8.self))) }
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try splitter.feed(bytes[start..<end], emit: record)
            start = end
        }
        try splitter.finish(emit: record)
        return lines
    }

    private struct Line: Equatable {
        var number: Int
        var text: String
    }

    @Test func endsLinesAtLineFeedsCRLFsAndLoneCarriageReturns() throws {
        let lines = try split("{\"a\":1}\n{\"b\":2}\r\n{\"c\":3}\r{\"d\":4}\n")
        #expect(lines == [Line(number: 1, text: "{\"a\":1}"), Line(number: 2, text: "{\"b\":2}"),
                          Line(number: 3, text: "{\"c\":3}"), Line(number: 4, text: "{\"d\":4}")])
    }

    @Test func emitsBlankLinesSoNumbersMatchTheFile() throws {
        let lines = try split("a\n\r\n\rb\n")
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines.map(\.text) == ["a", "", "", "b"])
    }

    @Test func emitsALastLineWithoutALineBreak() throws {
        #expect(try split("a\nb") == [Line(number: 1, text: "a"), Line(number: 2, text: "b")])
        #expect(try split("a\r") == [Line(number: 1, text: "a")])
        #expect(try split("") == [])
    }

    @Test func givesTheSameLinesWhateverTheChunkBoundaries() throws {
        let text = "first\r\nsecond\rthird\n\r\nfourth line, longer\r\r\nlast"
        let whole = try split(text)
        #expect(whole.count == 7)
        for size in 1...9 { #expect(try split(text, chunkSize: size) == whole) }
    }

    @Test func acceptsALineOfExactlyTheLimit() throws {
        #expect(try split("12345678\n123", maximumLineBytes: 8).map(\.text) == ["12345678", "123"])
    }

    @Test func refusesALineLongerThanTheLimitNamingIt() throws {
        for size in [1, 3, 64] {
            #expect(throws: LineSplitter.LineTooLongError(line: 2, limit: 8)) {
                try split("ok\n123456789\nnever reached\n", chunkSize: size, maximumLineBytes: 8)
            }
            #expect(throws: LineSplitter.LineTooLongError(line: 2, limit: 8)) {
                try split("ok\r123456789", chunkSize: size, maximumLineBytes: 8)
            }
        }
        #expect(LineSplitter.LineTooLongError(line: 2, limit: 16 << 20).message.hasPrefix("line 2 is longer than 16 MiB"))
    }

    @Test func refusesALongLineBeforeBufferingMuchMoreThanTheLimit() throws {
        // A file without any line break (say /dev/zero) fails once the limit is passed, not at its end.
        var splitter = LineSplitter()
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        var fed = 0
        do {
            while fed < 64 << 20 {
                try splitter.feed(chunk) { _ in Issue.record("no line expected") }
                fed += chunk.count
            }
            Issue.record("expected the line to be refused")
        } catch let error as LineSplitter.LineTooLongError {
            #expect(error.line == 1)
        }
        #expect(fed <= LineSplitter.standardMaximumLineBytes)
        // It keeps failing rather than resuming in the middle of the line.
        #expect(throws: LineSplitter.LineTooLongError.self) { try splitter.feed([0x0A]) { _ in } }
    }
}
