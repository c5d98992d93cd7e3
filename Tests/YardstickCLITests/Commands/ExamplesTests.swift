import Testing
import YardstickTestSupport

/// The README's quick start works with the files in examples/ as they ship.
struct ExamplesTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func theQuickStartFilesImportAndScore() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let feedback = try yardstick.run(["feedback", "import", "examples/feedback.csv"])
        #expect(feedback.standardOutput == "Imported 10 responses; 0 unchanged (already stored); 0 rejected.\n", "\(feedback.standardError)")
        let audit = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1002", "--answers", "examples/call-review-answers.json"])
        #expect(audit.status == 0 && audit.standardOutput.contains("Score: 91.3 (42 of 46 points) · band Excellent · outcome PASS"), "\(audit.standardError)")
        let run = try yardstick.run(["incentives", "run", "--policy", "contact-centre-monthly", "--period", "2026-03"])
        #expect(run.status == 0 && run.standardOutput.contains("ineligible: 1 audit in 2026-03, at least 3 needed"), "\(run.standardOutput)")
    }
}
