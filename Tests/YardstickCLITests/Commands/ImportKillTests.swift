import Foundation
import Testing
import YardstickTestSupport

/// PRODUCT.md §11: killing an import at any moment (`kill -9`) leaves a database that passes
/// `PRAGMA integrity_check` and `yardstick verify`, with no half-written audit; running the import
/// again finishes the job exactly once.
struct ImportKillTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    /// How many audits the database holds, from `verify` (which also runs `PRAGMA integrity_check`):
    /// nil when it finds a problem.
    func storedAudits() throws -> Int? {
        let verified = try yardstick.run(["verify"])
        guard verified.status == 0 else { return nil }
        let words = verified.standardOutput.split(separator: " ")
        guard let position = words.firstIndex(of: "audits"), position > 0 else { return nil }
        return Int(words[position - 1])
    }

    @Test func aKilledImportLeavesAllOrNothingAndTheRerunFinishesOnce() throws {
        let rows = 12_000
        #expect(try yardstick.run(["bench", "generate", "--workload", "reference", "--audits", String(rows), "--out", folder.path]).status == 0)
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["load", folder.file("standard.xml"), folder.file("form.xml"), folder.file("policy.xml")]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        // Kills early (reading), later (writing) and after the end: each leaves 0 or all audits.
        var seen = Set<Int>()
        for delay in [0.25, 0.9, 1.5, 1.8, 2.1] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.executable)
            process.arguments = ["--db", folder.file("y.db"), "--actor", "tester", "audit", "import", folder.file("audits.csv"), "--form", "reference"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            var environment = ProcessInfo.processInfo.environment
            environment["YARDSTICK_TEST_NOW"] = "2026-11-23T09:00:00Z"
            process.environment = environment
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let stored = try storedAudits()
            #expect(stored == 0 || stored == rows, "after a kill at \(delay) s: \(stored.map(String.init) ?? "verify failed")")
            if let stored { seen.insert(stored) }
            if stored == rows { break }
        }
        let again = try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "reference", "--json"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try storedAudits() == rows, "the rerun finishes the job exactly once (\(seen.sorted()))")
    }

    /// The staged audits go to a temporary file past about a mebibyte: a temporary folder that
    /// cannot take it is named, with what to do, and nothing is stored.
    @Test func aTemporaryFolderThatCannotTakeTheStageIsNamedAndNothingChanges() throws {
        #expect(try yardstick.run(["bench", "generate", "--workload", "reference", "--audits", "6000", "--out", folder.path]).status == 0)
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["load", folder.file("standard.xml"), folder.file("form.xml"), folder.file("policy.xml")]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        let missing = folder.file("no-such-folder")
        let failed = try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "reference"], environment: ["TMPDIR": missing])
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("the import's temporary file could not be created in '\(missing)'"), "\(failed.standardError)")
        #expect(failed.standardError.contains("set TMPDIR to a writable folder"))
        #expect(try storedAudits() == 0)
        #expect(try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "reference"]).status == 0)
        #expect(try storedAudits() == 6000)
    }
}
