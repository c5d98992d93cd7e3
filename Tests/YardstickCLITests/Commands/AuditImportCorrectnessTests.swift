import Foundation
import Testing
import YardstickTestSupport

/// Import checks every column and key against the row's form, names conflicts, and reports rule failures per row.
struct AuditImportCorrectnessTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    /// A database with the bench roster and a 20-row call-review CSV; returns the CSV's lines.
    func setUp() throws -> [String] {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["bench", "generate", "--audits", "20", "--agents", "10", "--teams", "2", "--out", folder.path]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        return try String(contentsOfFile: folder.file("audits.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func cells(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    @Test func refusesAMisspeltColumnEvenWhenAFormColumnNamesTheForm() throws {
        var lines = try setUp()
        var header = cells(lines[0])
        let index = try #require(header.firstIndex(of: "proactive"))
        header[index] = "proactiv"
        lines[0] = "form," + header.joined(separator: ",")
        for row in 1..<lines.count { lines[row] = "call-review," + lines[row] }
        let file = try folder.write("misspelt.csv", lines.joined(separator: "\n") + "\n")
        let result = try yardstick.run(["audit", "import", file])
        #expect(result.status == 1)
        #expect(result.standardError.contains("misspelt.csv:1:\(index + 2): error: column 'proactiv': unknown column"), "\(result.standardError)")
        #expect(try yardstick.run(["audit", "list", "--json"]).standardOutput == "[]\n")
    }

    @Test func refusesAnUnknownJSONLinesKeyAndABooleanAnswer() throws {
        _ = try setUp()
        let good = try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "call-review"])
        #expect(good.status == 0)
        let row: [String: Any] = ["agent": "B00001", "occurred_on": "2026-03-02", "call_id": "C-77", "greetng": "yes"]
        let data = try JSONSerialization.data(withJSONObject: row)
        // Named .json, holding JSON Lines: read by content.
        let file = folder.file("lines.json")
        try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: file))
        let unknown = try yardstick.run(["audit", "import", file, "--form", "call-review"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("lines.json:1:1: error: key 'greetng': unknown column"), "\(unknown.standardError)")
        let boolean = try folder.write("bool.jsonl", #"{"agent": "B00001", "occurred_on": "2026-03-02", "empathy": true}"# + "\n")
        let refused = try yardstick.run(["audit", "import", boolean, "--form", "call-review"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("key 'empathy': true is a JSON boolean"), "\(refused.standardError)")
    }

    @Test func namesAConflictingReimportAndCountsAnIdenticalOneAsUnchanged() throws {
        var lines = try setUp()
        let file = folder.file("audits.csv")
        #expect(try yardstick.run(["audit", "import", file, "--form", "call-review"]).status == 0)
        let identical = try yardstick.run(["audit", "import", file, "--form", "call-review"])
        #expect(identical.standardOutput == "Imported 0 audits; 20 unchanged (already stored); 0 rejected.\n")
        let header = cells(lines[0])
        let column = try #require(header.firstIndex(of: "proactive"))
        var row = cells(lines[5])
        row[column] = row[column] == "yes" ? "no" : "yes"
        lines[5] = row.joined(separator: ",")
        let changed = try folder.write("changed.csv", lines.joined(separator: "\n") + "\n")
        let conflict = try yardstick.run(["audit", "import", changed, "--form", "call-review"])
        #expect(conflict.status == 1)
        let externalID = row[try #require(header.firstIndex(of: "external_id"))]
        #expect(conflict.standardError.contains("changed.csv:6:1: error: column 'external_id': '\(externalID)' is already stored as audit #5 with different content; to change it use 'yardstick audit amend 5'"), "\(conflict.standardError)")
        #expect(try yardstick.run(["verify"]).status == 0)
    }

    @Test func importsEveryRowOfACROnlyFile() throws {
        let lines = try setUp()
        let file = folder.file("mac.csv")
        try Data((lines.prefix(11).joined(separator: "\r") + "\r").utf8).write(to: URL(fileURLWithPath: file))
        let result = try yardstick.run(["audit", "import", file, "--form", "call-review"])
        #expect(result.standardOutput == "Imported 10 audits; 0 unchanged (already stored); 0 rejected.\n", "\(result.standardError)")
    }

    @Test func refusesAJSONLinesLineWithoutEndInsteadOfGrowingMemory() throws {
        _ = try setUp()
        let file = folder.file("endless.jsonl")
        try (Data("{".utf8) + Data(repeating: UInt8(ascii: "x"), count: 17 << 20)).write(to: URL(fileURLWithPath: file))
        let result = try yardstick.run(["audit", "import", file, "--form", "call-review"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("endless.jsonl:1:1: error: line 1 is longer than 16 MiB"), "\(result.standardError)")
    }

    @Test func listsSayWhatTheyLeaveOut() throws {
        _ = try setUp()
        #expect(try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "call-review"]).status == 0)
        let page = try yardstick.run(["audit", "list", "--limit", "5"])
        #expect(page.standardOutput.hasSuffix("Showing the newest 5 of 20 audits — use --all, --limit N or filters to see more.\n"))
        #expect(try yardstick.run(["audit", "list", "--all"]).standardOutput.hasSuffix("20 audits\n"))
        let json = try yardstick.run(["audit", "list", "--limit", "5", "--json"])
        #expect(json.standardError.contains("the list holds the newest 5 of 20 matching audits"))
    }

    @Test func refusesADateOfTheInteractionInTheFuture() throws {
        var lines = try setUp()
        let header = cells(lines[0])
        let column = try #require(header.firstIndex(of: "occurred_on"))
        var row = cells(lines[3])
        row[column] = "2026-11-25"  // the tests' clock says 2026-11-23; one day is allowed for time zones
        lines[3] = row.joined(separator: ",")
        var tomorrow = cells(lines[4])
        tomorrow[column] = "2026-11-24"
        lines[4] = tomorrow.joined(separator: ",")
        let file = try folder.write("future.csv", lines.joined(separator: "\n") + "\n")
        let result = try yardstick.run(["audit", "import", file, "--form", "call-review"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("future.csv:4:\(column + 1): error: column 'occurred_on': '2026-11-25' is in the future"), "\(result.standardError)")
        #expect(!result.standardError.contains("future.csv:5:"))
    }

    @Test func reviewsAPileByFilterAndReportsEach() throws {
        _ = try setUp()
        #expect(try yardstick.run(["init", "--review-required"]).standardOutput.contains("Changed: audits now wait for a reviewer's release"))
        #expect(try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "call-review"]).status == 0)
        let some = try yardstick.run(["audit", "review", "3", "4", "--return", "Recording missing"])
        #expect(some.standardOutput.hasSuffix("Returned 2 of 2 audits.\n"), "\(some.standardOutput)")
        let pile = try yardstick.run(["audit", "review", "--form", "call-review", "--status", "submitted", "--release"])
        #expect(pile.standardOutput.hasSuffix("Released 18 of 18 audits.\n"), "\(pile.standardOutput)")
        let again = try yardstick.run(["audit", "review", "3", "5", "--release"])
        #expect(again.status == 1)
        #expect(again.standardOutput == "Released 0 of 2 audits; 2 refused (see above).\n")
        #expect(again.standardError.contains("audit 3 cannot be released: it is returned; only submitted audits are reviewed"))
        #expect(again.standardError.contains("audit 5 cannot be released: it is released; only submitted audits are reviewed"))
        #expect(try yardstick.run(["verify"]).status == 0)
    }
}
