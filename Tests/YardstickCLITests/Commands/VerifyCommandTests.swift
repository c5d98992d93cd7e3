import Foundation
import Testing
import YardstickTestSupport

/// `yardstick verify` and `audit show` against a row changed behind the tool's back.
struct VerifyCommandTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                             folder.file("y.db"), sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func passesAFreshDatabaseAndNamesAChangedScore() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let answers = try folder.write("call.json", Answers.callReview)
        #expect(try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers]).status == 0)
        let clean = try yardstick.run(["verify"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput == "OK: 10 journal entries, 1 audit (+0 drafts), 2 aggregate rows, 8 definition versions checked; history chain intact, every content hash, score and aggregate matches.\n")

        try sqlite("UPDATE audit SET score = 99.5 WHERE id = 1")
        let shown = try yardstick.run(["audit", "show", "1"])
        #expect(shown.standardOutput.contains("Score: 99.5"))
        #expect(shown.standardOutput.contains("WARNING: the stored result differs from re-evaluating the stored answers — run 'yardstick verify'"))
        #expect(shown.standardOutput.contains("score: stored 99.5, re-evaluation 91.3043"))
        let failed = try yardstick.run(["verify"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("yardstick: verify: audit 1: its row no longer matches its content hash"))
        #expect(failed.standardError.contains("yardstick: verify: audit 1: re-scoring the stored answers gives a different score: stored 99.5, re-evaluation 91.3043"))
        let report = try JSONSerialization.jsonObject(with: Data(try yardstick.run(["verify", "--json"]).standardOutput.utf8)) as? [String: Any]
        #expect(report?["ok"] as? Bool == false)
        #expect((report?["problems"] as? [[String: Any]])?.contains { $0["subject"] as? String == "audit 1" } == true)
    }
}
