import Foundation
import Testing
import YardstickTestSupport

/// `init`, `check`, `load`, `standards` and `forms`, run as the real binary against a real database file.
struct DefinitionCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func checksTheBundledContentCleanly() throws {
        let result = try yardstick.run(["check", "standards", "forms"])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == "OK: 8 files checked (1 training catalogue, 2 standards, 4 forms, 1 incentive policy); 0 errors, 0 warnings\n")
    }

    @Test func reportsThreeMistakesAtTheirLinesAndExitsOne() throws {
        var text = try String(contentsOfFile: Repository.path("forms/call-review.xml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "<question id=\"empathy\" type=\"scale\"", with: "<question id=\"empathy\" type=\"yes-no\"")
        text = text.replacingOccurrences(of: "relevant=\"held = 'yes'\" required=\"true\"", with: "relevant=\"helld = 'yes'\" required=\"true\"")
        text = text.replacingOccurrences(of: "met=\"longest_hold &lt;= 60\"", with: "met=\"longest_hold &lt;= = 60\"")
        let bad = try folder.write("bad-form.xml", text)
        let result = try yardstick.run(["check", bad, "standards"])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "\(bad):35:28: error: question 'empathy' is of type yes-no but criterion 'EMPATHY' is rated on the scale 0-4; use type=\"scale\"")
        #expect(lines[1].hasPrefix("\(bad):43:49: error: relevant expression \"helld = 'yes'\" names 'helld'"))
        #expect(lines[2].hasPrefix("\(bad):48:57: error: met expression \"longest_hold <= = 60\" does not compile"))
    }

    @Test func givesCheckResultsAsJSON() throws {
        let result = try yardstick.run(["check", "--json", "forms/call-review.xml", "standards"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == true)
        #expect((object?["files"] as? [Any])?.count == 5)
    }

    @Test func loadsOnceThenReportsNothingNewThenKeepsTheOldVersionOfAChangedFile() throws {
        let first = try yardstick.run(["init"])
        #expect(first.status == 0)
        #expect(first.standardOutput.contains("Loaded 8 new versions; 0 unchanged."))
        let second = try yardstick.run(["load", "standards", "forms"])
        #expect(second.status == 0)
        #expect(second.standardOutput.hasSuffix("Nothing new: 8 files already loaded with the same content.\n"))

        let original = try String(contentsOfFile: Repository.path("standards/contact-centre.xml"), encoding: .utf8)
        let changed = original
            .replacingOccurrences(of: "id=\"HOLD-60S\" weight=\"3\"", with: "id=\"HOLD-60S\" weight=\"4\"")
            .replacingOccurrences(of: "version=\"2026.1\"", with: "version=\"2026.2\"")
        #expect(changed != original)
        let path = try folder.write("contact-centre.xml", changed)
        let third = try yardstick.run(["load", path])
        #expect(third.status == 0)
        #expect(third.standardOutput.contains("new version  standard contact-centre 2026.2 #9, replaces #2 2026.1"))

        let versions = try yardstick.run(["standards", "list", "--all-versions", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(versions.standardOutput.utf8)) as? [[String: Any]] ?? []
        #expect(rows.filter { $0["id"] as? String == "contact-centre" }.compactMap { $0["version"] as? String } == ["2026.1", "2026.2"])
        let old = try yardstick.run(["standards", "show", "contact-centre", "--version-id", "2", "--json"])
        #expect(old.standardOutput.contains("\"version\": \"2026.1\""))
        let newest = try yardstick.run(["standards", "show", "contact-centre", "--json"])
        #expect(newest.standardOutput.contains("\"version\": \"2026.2\""))
    }

    @Test func loadsNothingWhenAnyFileIsInvalid() throws {
        let bad = try folder.write("bad.xml", "<standard format=\"1\" id=\"x\" version=\"1\" title=\"X\"><bands/></standard>")
        let result = try yardstick.run(["load", "standards", bad])
        #expect(result.status == 1)
        #expect(result.standardError.contains("nothing was loaded"))
        let list = try yardstick.run(["standards", "list", "--json"])
        #expect(list.standardOutput == "[]\n")
    }

    @Test func showsTheCallReviewAsTheAuditorSeesIt() throws {
        _ = try yardstick.run(["init"])
        let result = try yardstick.run(["forms", "show", "call-review"])
        #expect(result.status == 0)
        try Golden.check(result.standardOutput, named: "forms-show-call-review.txt")
    }

    @Test func showsTheStoreVisitFormFromItsFileWithoutADatabase() throws {
        let result = try yardstick.run(["forms", "show", "forms/store-visit.xml"])
        #expect(result.status == 1)  // its standard is neither registered nor given
        _ = try yardstick.run(["load", "standards"])
        let registered = try yardstick.run(["forms", "show", "forms/store-visit.xml"])
        #expect(registered.status == 0)
        try Golden.check(registered.standardOutput, named: "forms-show-store-visit.txt")
    }

    @Test func showsAStandardWithGuidanceAndTraining() throws {
        _ = try yardstick.run(["init"])
        let result = try yardstick.run(["standards", "show", "contact-centre"])
        #expect(result.status == 0)
        try Golden.check(result.standardOutput, named: "standards-show-contact-centre.txt")
        let json = try yardstick.run(["forms", "show", "call-review", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(object?["id"] as? String == "call-review")
    }

    @Test func explainsAMissingDatabase() throws {
        let result = try yardstick.run(["forms", "list"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no database at \(folder.file("y.db")); run 'yardstick init' first"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("y.db")))
    }

    @Test func answersInitAndAFailingLoadInJSON() throws {
        let initialised = try yardstick.run(["init", "--json"])
        #expect(initialised.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(initialised.standardOutput.utf8)) as? [String: Any]
        #expect(object?["created"] as? Bool == true)
        #expect((object?["definitions"] as? [[String: Any]])?.count == 8)
        let bad = try folder.write("bad.xml", "<form format=\"1\"/>")
        let failed = try yardstick.run(["load", bad, "--json"])
        #expect(failed.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(failed.standardOutput.utf8)) as? [String: Any]
        #expect(report?["loaded"] as? Bool == false)
        #expect((report?["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int == 1)
    }

    @Test func warnsAtCheckAboutAChangedFileUnderAnUnchangedVersion() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        let changed = try String(contentsOfFile: Repository.path("standards/contact-centre.xml"), encoding: .utf8)
            .replacingOccurrences(of: "id=\"HOLD-60S\" weight=\"3\"", with: "id=\"HOLD-60S\" weight=\"6\"")
        let file = try folder.write("cc.xml", changed)
        let result = try yardstick.run(["check", file])
        #expect(result.status == 0)
        #expect(result.standardError.contains("warning: the content differs from the registered standard 'contact-centre' 2026.1 (#2) but version=\"2026.1\" did not change"),
                "\(result.standardError)")
    }

    @Test func showsTheIncentivePolicyAndTheTrainingCatalogue() throws {
        _ = try yardstick.run(["init"])
        let policy = try yardstick.run(["standards", "show", "contact-centre-monthly"])
        #expect(policy.status == 0)
        try Golden.check(policy.standardOutput, named: "standards-show-policy.txt")
        let training = try yardstick.run(["standards", "show", "training", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(training.standardOutput.utf8)) as? [String: Any]
        #expect((object?["modules"] as? [[String: Any]])?.count == 20)
    }

    @Test func warnsAboutARuleThatCanNeverApplyAndRefusesADeadComparison() throws {
        var text = try String(contentsOfFile: Repository.path("forms/call-review.xml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "relevant=\"held = 'yes'\" required=\"true\"", with: "relevant=\"held = 'yes' and held = 'no'\" required=\"true\"")
        text = text.replacingOccurrences(of: "relevant=\"transferred = 'yes'\"", with: "relevant=\"transferred = 'Yes'\"")
        let bad = try folder.write("dead.xml", text)
        let result = try yardstick.run(["check", bad, "standards"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(bad):43:49: warning: relevant expression \"held = 'yes' and held = 'no'\" is false whatever the answers to held; the rule can never apply"),
                "\(result.standardError)")
        #expect(result.standardError.contains("compares the yes-no answer 'transferred' with 'Yes'; a yes-no answer is 'yes', 'no' or 'na'"))
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
