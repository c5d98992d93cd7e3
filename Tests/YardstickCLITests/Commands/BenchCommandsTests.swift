import Foundation
import Testing
import YardstickTestSupport

/// The benchmark commands run the real import on a generated workload and check the result.
struct BenchCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func generatesTheReferenceWorkloadThatChecksCleanAndImportsWithoutAProblem() throws {
        let generated = try yardstick.run(["bench", "generate", "--workload", "reference", "--audits", "500", "--out", folder.path])
        #expect(generated.status == 0, "\(generated.standardError)")
        for file in ["standard.xml", "form.xml", "policy.xml", "roster.csv", "audits.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.file(file)), "\(file)")
        }
        let check = try yardstick.run(["check", folder.file("standard.xml"), folder.file("form.xml"), folder.file("policy.xml")])
        #expect(check.status == 0 && check.standardOutput.contains("0 errors, 0 warnings"), "\(check.standardOutput)\(check.standardError)")
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["load", folder.file("standard.xml"), folder.file("form.xml"), folder.file("policy.xml")]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        let imported = try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "reference", "--json"])
        #expect(imported.standardOutput.contains("\"imported\": 500"), "\(imported.standardOutput)\(imported.standardError)")
        let again = try yardstick.run(["audit", "import", folder.file("audits.csv"), "--form", "reference", "--json"])
        #expect(again.standardOutput.contains("\"unchanged\": 500"), "re-importing is a no-op: \(again.standardOutput)")
        #expect(try yardstick.run(["verify"]).status == 0)
        let rules = try yardstick.run(["forms", "show", "call-review", "--json"]).standardOutput
        #expect(rules.contains("\"evaluator\": \"native\"") && !rules.contains("\"evaluator\": \"libxml2\""), "every bundled rule is native")
    }

    @Test func runsJobAAndVerifiesTheResult() throws {
        let result = try yardstick.run(["bench", "run", "--audits", "300", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\"job\": \"A\"") && result.standardOutput.contains("\"audits\": 300"))
        #expect(result.standardOutput.contains("\"job\": \"B\"") && result.standardOutput.contains("\"agents\": 2000"), "job B pays every agent of the roster")
        #expect(result.standardOutput.contains("\"verified\": true"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("\"job\": \"C\"") && result.standardOutput.contains("\"from\": \"2024-11\""), "job C reports the 24 months")
        #expect(try yardstick.run(["bench", "run", "--workload", "nope"]).status == 2)
        #expect(try yardstick.run(["bench", "generate", "--workload", "reference", "--form", "call-review", "--out", folder.path]).status == 2,
                "the reference workload has its own form")
    }
}
