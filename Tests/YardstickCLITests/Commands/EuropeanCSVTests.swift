import Foundation
import Testing
import YardstickTestSupport

/// Rosters and audits saved by Excel in Norway, Germany and Sweden, through the real binary.
struct EuropeanCSVTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func importsSemicolonFilesWithSepLineAndBOMAndDecimalCommas() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        let roster = try write("roster.csv", [0xEF, 0xBB, 0xBF] + Array("sep=;\r\nid;name;team;location\r\nE1;\"Berg; Åse\";oslo-email;oslo\r\n".utf8))
        let imported = try yardstick.run(["agents", "import", roster])
        #expect(imported.standardOutput.contains("1 new"), "\(imported.standardError)")
        #expect(try yardstick.run(["agents", "show", "E1"]).standardOutput.contains("Berg; Åse"))
        #expect(try yardstick.run(["bench", "generate", "--audits", "3", "--agents", "4", "--teams", "1", "--form", "email-review",
                                    "--out", folder.path]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        let lines = try String(contentsOfFile: folder.file("audits.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let hours = try #require(header.firstIndex(of: "reply_hours"))
        let semicolons = lines.enumerated().map { index, line -> String in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if index > 0 { cells[hours] = "2,5" }
            return cells.joined(separator: ";")
        }
        let audits = try write("audits.csv", [0xEF, 0xBB, 0xBF] + Array(("sep=;\r\n" + semicolons.joined(separator: "\r\n") + "\r\n").utf8))
        let result = try yardstick.run(["audit", "import", audits, "--form", "email-review"])
        #expect(result.standardOutput == "Imported 3 audits; 0 unchanged (already stored); 0 rejected.\n", "\(result.standardError)")
        #expect(try yardstick.run(["audit", "show", "1", "--json"]).standardOutput.contains("\"reply_hours\": \"2.5\""))
    }

    @Test func refusesWindows1252UnlessAskedAndExplainsAWronglySplitHeader() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        let legacy = try write("legacy.csv", Array("id;name;team;location\r\nG1;J".utf8) + [0xFC] + Array("rgen;berlin-phone;berlin\r\n".utf8))
        let refused = try yardstick.run(["agents", "import", legacy])
        #expect(refused.status == 1)
        let decoded = try yardstick.run(["agents", "import", legacy, "--encoding", "windows-1252"])
        #expect(decoded.status == 0, "\(decoded.standardError)")
        #expect(try yardstick.run(["agents", "show", "G1"]).standardOutput.contains("Jürgen"))
        let piped = try write("piped.csv", Array("id|name|team|location\nX|Y|t|l\n".utf8))
        let split = try yardstick.run(["agents", "import", piped])
        #expect(split.status == 1)
        let audits = try write("audits.csv", Array("external_id;agent;auditor;occurred_on;greeting\n1;G1;m.lund;2026-03-02;yes\n".utf8))
        let wrong = try yardstick.run(["audit", "import", audits, "--form", "call-review", "--delimiter", ","])
        #expect(wrong.status == 1)
        let messages = (refused.standardError + split.standardError + wrong.standardError).replacingOccurrences(of: folder.path + "/", with: "")
        try Golden.check(messages, named: "csv-header-errors.txt")
    }
}
