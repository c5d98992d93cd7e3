import Testing
@testable import YardstickCore

struct CSVParserTests {
    private func parse(_ text: String, chunkSize: Int = 1 << 16, limits: CSVParser.Limits = .standard) throws -> [CSVParser.Record] {
        try parse(Array(text.utf8), chunkSize: chunkSize, limits: limits)
    }

    private func parse(_ bytes: [UInt8], chunkSize: Int = 1 << 16, limits: CSVParser.Limits = .standard) throws -> [CSVParser.Record] {
        var parser = CSVParser(limits: limits)
        var records: [CSVParser.Record] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try parser.feed(bytes[start..<end]) { records.append($0) }
            start = end
        }
        try parser.finish { records.append($0) }
        return records
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let records = try parse("id,name\n1,\"Berg, \"\"Kari\"\"\nline two\"\n2,Ola\n")
        #expect(records.map(\.fields) == [["id", "name"], ["1", "Berg, \"Kari\"\nline two"], ["2", "Ola"]])
    }

    @Test func numbersRowsAsASpreadsheetShowsThem() throws {
        // The quoted line break stays inside row 2, so the next record is row 3, not line 4.
        let records = try parse("h1,h2\n\"a\nb\",c\nd,e\n")
        #expect(records.map(\.row) == [1, 2, 3])
    }

    @Test func acceptsCRLFAndAByteOrderMark() throws {
        let records = try parse("\u{FEFF}id,name\r\n1,Kari\r\n")
        #expect(records.map(\.fields) == [["id", "name"], ["1", "Kari"]])
    }

    @Test func givesTheSameRecordsWhateverTheChunkBoundaries() throws {
        let text = "\u{FEFF}a,\"b\"\"c\"\r\n\"x\r\ny\",z\n"
        let whole = try parse(text)
        for size in 1...6 { #expect(try parse(text, chunkSize: size) == whole) }
    }

    @Test func readsALastRecordWithoutALineBreak() throws {
        #expect(try parse("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func keepsEmptyFields() throws {
        #expect(try parse("a,b,c\n,,\n").last?.fields == ["", "", ""])
    }

    @Test func reportsAnUnclosedQuoteWithItsRow() throws {
        #expect(throws: CSVParser.SyntaxError.self) { try parse("a,b\n1,\"open\n") }
        do {
            _ = try parse("a,b\n1,\"open\n")
        } catch let error as CSVParser.SyntaxError {
            #expect(error.row == 2)
            #expect(error.message.contains("never closed"))
        }
    }

    @Test func keepsAQuoteInsideAnUnquotedFieldAsSpreadsheetsDo() throws {
        let records = try parse("a,b\nx,37.8\"N\n")
        #expect(records.map(\.fields) == [["a", "b"], ["x", "37.8\"N"]])
    }

    @Test func reportsInvalidUTF8() throws {
        var parser = CSVParser()
        #expect(throws: CSVParser.SyntaxError.self) {
            try parser.feed([0x61, 0xFF, 0x0A]) { _ in }
        }
    }

    /// The syntax error parsing `bytes` throws, or nil (recorded as an issue) when it parses.
    private func syntaxError(_ bytes: [UInt8], chunkSize: Int = 1 << 16, limits: CSVParser.Limits = .standard) -> CSVParser.SyntaxError? {
        do {
            _ = try parse(bytes, chunkSize: chunkSize, limits: limits)
            Issue.record("expected a syntax error")
        } catch let error as CSVParser.SyntaxError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    // MARK: Line endings

    @Test func readsEveryRowOfAFileWithCarriageReturnsOnly() throws {
        let rows = ["id,name,team,location"] + (1...10).map { "A\($0),Agent \($0),oslo,s1" }
        let records = try parse(rows.joined(separator: "\r") + "\r")
        #expect(records.count == 11)
        #expect(records.map(\.row) == Array(1...11))
        #expect(records.last?.fields == ["A10", "Agent 10", "oslo", "s1"])
    }

    @Test func keepsALastLineEndedByABareCarriageReturn() throws {
        let records = try parse("a,b\r\n1,2\r\n3,4\r")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func keepsCarriageReturnsInsideQuotesAsData() throws {
        let records = try parse("a,b\r\"x\ry\r\nz\",2\r3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["x\ry\r\nz", "2"], ["3", "4"]])
        #expect(records.map(\.row) == [1, 2, 3])
    }

    @Test func countsRowsAlikeForEveryKindOfLineBreak() throws {
        // Blank lines are no records, but they are rows, whatever ends them.
        let records = try parse("h\ra\r\rb\r\n\r\nc\n\nd\r")
        #expect(records.map(\.fields) == [["h"], ["a"], ["b"], ["c"], ["d"]])
        #expect(records.map(\.row) == [1, 2, 4, 6, 8])
    }

    @Test func treatsACRLFSplitAcrossChunksAsOneLineBreak() throws {
        let text = "a,\"b\r\"\r\n1,2\r3,\"4\"\r\n\r5,6\r"
        let whole = try parse(text)
        #expect(whole.map(\.row) == [1, 2, 3, 5])
        for size in 1...7 { #expect(try parse(text, chunkSize: size) == whole) }
    }

    // MARK: Hostile input

    @Test func refusesANulByteWithItsRowAndColumn() throws {
        let error = syntaxError(Array("a,b\n1,x".utf8) + [0, 0x0A])
        #expect(error?.row == 2)
        #expect(error?.column == 2)
        #expect(error?.message.contains("NUL byte") == true)
    }

    @Test func refusesZerosAtTheFirstByte() throws {
        // What `/dev/zero` would give: refused at once, not after reading it all.
        var parser = CSVParser()
        #expect(throws: CSVParser.SyntaxError.self) { try parser.feed([UInt8](repeating: 0, count: 1 << 20)) { _ in } }
        // A failed parser keeps failing rather than resuming mid-record.
        #expect(throws: CSVParser.SyntaxError.self) { try parser.feed(Array("a\n".utf8)) { _ in } }
    }

    @Test func refusesAFieldLongerThanOneMebibyte() throws {
        let limit = CSVParser.Limits.standard.fieldBytes
        #expect(try parse([UInt8](repeating: UInt8(ascii: "x"), count: limit)).first?.fields.first?.utf8.count == limit)
        let error = syntaxError(Array("a,b\n1,".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: limit + 1))
        #expect(error?.row == 2)
        #expect(error?.column == 2)
        #expect(error?.message == "row 2, column 2 is longer than 1 MiB; is this a CSV file? (an unclosed quote makes the rest of the file one field)")
    }

    @Test func stopsAtAnUnclosedQuoteSoonAfterTheLimitInsteadOfReadingTheWholeFile() throws {
        var parser = CSVParser()
        try parser.feed(Array("id,name\nA1,\"Kari\nA2,Ola\n".utf8)) { _ in }
        let line = Array("A3,Per,oslo,store-1\n".utf8)
        let chunk = [UInt8]((0..<(1 << 16)).map { line[$0 % line.count] })
        var fed = 0
        do {
            while fed < 200 << 20 {
                try parser.feed(chunk) { _ in }
                fed += chunk.count
            }
            Issue.record("expected a syntax error")
        } catch let error as CSVParser.SyntaxError {
            #expect(error.row == 2)
            #expect(error.column == 2)
            #expect(error.message.contains("unclosed quote"))
        }
        #expect(fed <= CSVParser.Limits.standard.fieldBytes)
    }

    @Test func refusesARecordLongerThanTheLimit() throws {
        let limits = CSVParser.Limits(fieldBytes: 10, recordBytes: 32, fieldsPerRecord: 100)
        #expect(try parse(String(repeating: "abcdefg,", count: 3) + "abcdefg\n", limits: limits).count == 1)
        let error = syntaxError(Array(("h\n" + String(repeating: "abcdefg,", count: 5)).utf8), limits: limits)
        #expect(error?.row == 2)
        #expect(error?.column == 5)
        #expect(error?.message == "row 2 is longer than 32 bytes; is this a CSV file? (an unclosed quote makes the rest of the file one field)")
    }

    @Test func failsAtTheSameByteWhateverTheChunkBoundaries() throws {
        // Runs of ordinary bytes are copied at once; the limits must still bite where they would byte by byte.
        let limits = CSVParser.Limits(fieldBytes: 10, recordBytes: 32, fieldsPerRecord: 100)
        let inputs = ["h\n" + String(repeating: "abcdefg,", count: 5), "h\nabc,\"defghij\r\nkl\"", "h\r\n1234567890,12345678901"]
        for input in inputs {
            let whole = syntaxError(Array(input.utf8), limits: limits)
            #expect(whole != nil)
            for size in 1...9 { #expect(syntaxError(Array(input.utf8), chunkSize: size, limits: limits) == whole) }
        }
    }

    @Test func refusesARecordLongerThanSixteenMebibytes() throws {
        let field = String(repeating: "x", count: 1 << 20) + ","
        let error = syntaxError(Array(String(repeating: field, count: 17).utf8), chunkSize: 1 << 20)
        #expect(error?.row == 1)
        #expect(error?.message.hasPrefix("row 1 is longer than 16 MiB") == true)
    }

    @Test func refusesMoreThanAHundredThousandFields() throws {
        let limit = CSVParser.Limits.standard.fieldsPerRecord
        #expect(try parse(String(repeating: ",", count: limit - 1) + "\n").first?.fields.count == limit)
        let error = syntaxError(Array((String(repeating: ",", count: limit) + "\n").utf8))
        #expect(error?.row == 1)
        #expect(error?.column == limit + 1)
        #expect(error?.message.contains("more than 100000 fields") == true)
    }
}
