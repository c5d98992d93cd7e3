import Testing
@testable import YardstickCore

struct CSVParserTests {
    private func parse(_ text: String, chunkSize: Int = 1 << 16) throws -> [CSVParser.Record] {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        let bytes = Array(text.utf8)
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

    @Test func reportsAQuoteInsideAnUnquotedFieldWithRowAndColumn() throws {
        do {
            _ = try parse("a,b\nx,ab\"c\n")
            Issue.record("expected a syntax error")
        } catch let error as CSVParser.SyntaxError {
            #expect(error.row == 2)
            #expect(error.column == 2)
        }
    }

    @Test func reportsInvalidUTF8() throws {
        var parser = CSVParser()
        #expect(throws: CSVParser.SyntaxError.self) {
            try parser.feed([0x61, 0xFF, 0x0A]) { _ in }
        }
    }
}
