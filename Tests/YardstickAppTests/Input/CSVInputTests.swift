import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickTestSupport

/// CSV as spreadsheets save it in Norway, Germany and Sweden.
struct CSVInputTests {
    let folder = TemporaryFolder()

    func read(_ bytes: [UInt8], _ options: CSVOptions = CSVOptions()) throws -> (CSVFormat, [[String]]) {
        let path = folder.file("in-\(UUID().uuidString).csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var rows: [[String]] = []
        let format = try CSVInput.stream(path, options: options) { rows.append($0.fields) }
        return (format, rows)
    }

    @Test func honoursASepLineAfterAByteOrderMark() throws {
        let (format, rows) = try read([0xEF, 0xBB, 0xBF] + Array("sep=;\r\nid;name\r\nA1;\"Ås; Øyvind\"\r\n".utf8))
        #expect(format.separator == UInt8(ascii: ";"))
        #expect(format.source == "the sep= line")
        #expect(rows == [["id", "name"], ["A1", "Ås; Øyvind"]])
    }

    @Test func detectsSemicolonsAndTabsFromTheHeaderRow() throws {
        #expect(try read(Array("id;name;team\nA;B,C;t\n".utf8)).1 == [["id", "name", "team"], ["A", "B,C", "t"]])
        #expect(try read(Array("id\tname\nA\tB\n".utf8)).0.separator == 0x09)
        #expect(try read(Array("\"a;b\",c\n".utf8)).0.separator == UInt8(ascii: ","))
    }

    @Test func takesTheDelimiterGiven() throws {
        let (format, rows) = try read(Array("a;b,c\n".utf8), CSVOptions(separator: UInt8(ascii: ",")))
        #expect(format.source == "--delimiter")
        #expect(rows == [["a;b", "c"]])
    }

    @Test func refusesWindows1252UnlessAskedAndThenDecodesIt() throws {
        let bytes: [UInt8] = Array("id;name\nG1;J".utf8) + [0xFC] + Array("rgen ".utf8) + [0x80] + [0x0A]
        #expect {
            try read(bytes)
        } throws: { error in
            "\(error)".contains(":2:1: byte 12 (0xFC) is not UTF-8") && "\(error)".contains("--encoding windows-1252")
        }
        #expect(try read(bytes, CSVOptions(encoding: .windows1252)).1 == [["id", "name"], ["G1", "Jürgen €"]])
    }

    @Test func readsUTF8WhoseCharactersStraddleChunkBoundaries() throws {
        var text = "id,name\n"
        while text.utf8.count < (3 << 20) { text += "A1,Øyvind Åsheim Ærlig\n" }
        let (_, rows) = try read(Array(text.utf8))
        #expect(rows.dropFirst().allSatisfy { $0 == ["A1", "Øyvind Åsheim Ærlig"] })
        #expect(rows.count == text.split(separator: "\n").count)
    }
}
