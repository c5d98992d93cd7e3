import Foundation
import Testing
import YardstickTestSupport

/// Filling, importing, reviewing, amending and rescoring audits with the real binary on real files.
struct AuditCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    static let callAnswers = Answers.callReview

    func setUp() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func storesAnAuditFromAnAnswersFileAndExplainsIt() throws {
        try setUp()
        let answers = try folder.write("call.json", Self.callAnswers)
        let result = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--auditor", "qa.lead", "--answers", answers])
        #expect(result.status == 0, "\(result.standardError)")
        try Golden.check(result.standardOutput.replacingOccurrences(of: answers, with: "call.json"), named: "audit-show-call.txt")
        let shown = try json(try yardstick.run(["audit", "show", "1", "--json"]).standardOutput)
        for key in ["id", "external_id", "form", "agent", "auditor", "occurred_on", "status", "score", "band", "outcome", "critical_fail",
                    "categories", "criteria", "history"] {
            #expect(shown.keys.contains(key), "missing \(key)")
        }
        #expect(abs((shown["score"] as? Double ?? 0) - 100.0 * 42 / 46) < 1e-9)
        let criteria = shown["criteria"] as? [[String: Any]] ?? []
        #expect(criteria.first { $0["id"] as? String == "HOLD-60S" }?["result"] as? String == "not met")
    }

    @Test func refusesAnIncompleteAnswersFileWithEveryProblem() throws {
        try setUp()
        let answers = try folder.write("bad.json", #"{"call_id": "C1", "occurred_on": "2026-02-30", "held": "no", "longest_hold": "0:30", "respect": "na"}"#)
        let result = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers])
        #expect(result.status == 1)
        for expected in ["'occurred_on': '2026-02-30' is not a date", "'respect': N/A is not allowed for CONDUCT-RESPECT",
                         "'longest_hold': must be empty: the question is hidden by its skip rule", "'greeting': an answer is required"] {
            #expect(result.standardError.contains(expected), "missing: \(expected)")
        }
        #expect(try yardstick.run(["audit", "list", "--json"]).standardOutput == "[]\n")
    }

    @Test func refusesToAskWhenStdinIsNotATerminal() throws {
        try setUp()
        let result = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001"], input: "")
        #expect(result.status == 2)
        #expect(result.standardError.contains("stdin is not a terminal"))
        #expect(result.standardError.contains("--answers FILE.json"))
    }

    @Test func importsAllOrNothingNamesEveryBadRowAndIsIdempotent() throws {
        try setUp()
        #expect(try yardstick.run(["bench", "generate", "--audits", "200", "--agents", "30", "--teams", "3", "--out", folder.path]).status == 0)
        #expect(try yardstick.run(["agents", "import", folder.file("roster.csv")]).status == 0)
        var lines = try String(contentsOfFile: folder.file("audits.csv"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let empathy = try #require(header.firstIndex(of: "empathy")), agent = try #require(header.firstIndex(of: "agent"))
        func replace(line: Int, column: Int, with value: String) {
            var cells = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[column] = value
            lines[line] = cells.joined(separator: ",")
        }
        replace(line: 20, column: empathy, with: "9")
        replace(line: 150, column: agent, with: "NOBODY")
        let broken = try folder.write("broken.csv", lines.joined(separator: "\n"))

        let strict = try yardstick.run(["audit", "import", broken, "--form", "call-review"])
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("broken.csv:21:\(empathy + 1): error: column 'empathy': '9' is not a whole number from 0 to 4"))
        #expect(strict.standardError.contains("broken.csv:151:\(agent + 1): error: column 'agent': no agent 'NOBODY'"))
        #expect(strict.standardOutput.contains("Nothing imported: 2 invalid rows"))
        #expect(try yardstick.run(["audit", "list", "--json"]).standardOutput == "[]\n")

        let lenient = try yardstick.run(["audit", "import", broken, "--form", "call-review", "--skip-invalid"])
        #expect(lenient.standardOutput == "Imported 198 audits; 0 unchanged (already stored); 2 rejected.\n")
        let again = try yardstick.run(["audit", "import", broken, "--form", "call-review", "--skip-invalid", "--json"])
        let counts = try json(again.standardOutput)
        #expect(counts["imported"] as? Int == 0)
        #expect(counts["unchanged"] as? Int == 198)
        try expectAggregatesMatchAudits()
    }

    @Test func reviewsAmendsAndRescoresWithHistoryAndExactAggregates() throws {
        try setUp()
        let answers = try folder.write("call.json", Self.callAnswers)
        _ = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers])
        let amended = try yardstick.run(["audit", "amend", "1", "--answer", "longest_hold=0:55", "--reason", "Timer included the IVR message"])
        #expect(amended.standardOutput == "Amended audit #1: score 91.3 → 97.8, band Excellent → Excellent.\n")
        try expectAggregatesMatchAudits()
        let missingReason = try yardstick.run(["audit", "amend", "1", "--answer", "held=no"])
        #expect(missingReason.status == 2)

        let changed = try String(contentsOfFile: Repository.path("standards/contact-centre.xml"), encoding: .utf8)
            .replacingOccurrences(of: "id=\"HOLD-60S\" weight=\"3\"", with: "id=\"HOLD-60S\" weight=\"6\"")
            .replacingOccurrences(of: "version=\"2026.1\"", with: "version=\"2026.2\"")
        _ = try yardstick.run(["load", try folder.write("cc.xml", changed)])
        let unknown = try yardstick.run(["audit", "rescore", "1", "--standard-version", "2031.9"])
        #expect(unknown.standardError.contains("standard 'contact-centre' has no version labelled '2031.9'"))
        let rescored = try yardstick.run(["audit", "rescore", "1", "--standard-version", "2026.2"])
        #expect(rescored.standardOutput == "Re-scored audit #1 under standard version #9: 97.8 → 98.\n")  // 48 of 49 = 97.96
        try expectAggregatesMatchAudits()
        let history = try yardstick.run(["audit", "show", "1"]).standardOutput
        #expect(history.contains("amended (longest_hold 1:15 → 0:55; score 91.3 → 97.8) — Timer included the IVR message"))
        #expect(history.contains("rescored (standard version #2 → #9; score 97.8 → 98)"))
    }

    @Test func holdsReviewRequiredAuditsUntilReleased() throws {
        try setUp()
        let visit = try folder.write("visit.json", """
        {"occurred_on": "2026-04-01", "visit_time": "10:15", "visit_purpose": "enquiry", "greeted": "yes", "greeting_wait": "0:20",
         "smile": "yes", "staff_available": "yes", "clean": "yes", "price_tags": "yes", "comfort": "yes", "appearance": "yes",
         "needs": 3, "product_knowledge": 3, "asked_campaign_product": "no", "felt_important": "yes", "respect": "yes", "honesty": "yes",
         "farewell": "yes"}
        """)
        let created = try yardstick.run(["audit", "new", "--form", "store-visit", "--agent", "S3001", "--location", "berlin-mitte", "--answers", visit, "--json"])
        #expect(try json(created.standardOutput)["status"] as? String == "submitted")
        #expect(try yardstick.run(["audit", "review", "1", "--return", "Scenario text missing"]).status == 0)
        let unchanged = try yardstick.run(["audit", "submit", "1"])
        #expect(unchanged.status == 1)
        #expect(unchanged.standardError.contains("was returned and nothing changed since; amend it first, or resubmit it as it is with --reason"))
        #expect(try yardstick.run(["audit", "amend", "1", "--answer", "smile=no", "--reason", "Re-listened"]).status == 0)
        #expect(try yardstick.run(["audit", "submit", "1"]).status == 0)
        #expect(try yardstick.run(["audit", "review", "1", "--release"]).standardOutput == "Released audit #1; it now counts.\n")
        #expect(try yardstick.run(["audit", "review", "1", "--release"]).status == 1)
        try expectAggregatesMatchAudits()
        let listed = try yardstick.run(["audit", "list", "--status", "released", "--location", "berlin-mitte"])
        #expect(listed.standardOutput.contains("store-visit"))
    }

    @Test func keepsDraftsDeletableAndSubmittedAuditsNot() throws {
        try setUp()
        let answers = try folder.write("call.json", Self.callAnswers)
        _ = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers])
        let refused = try yardstick.run(["audit", "delete", "1"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("only drafts can be deleted"))
    }

    @Test func runsTheDemo() throws {
        let result = try yardstick.run(["demo", "--audits", "120"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("3. Imported 120 audits"))
        #expect(result.standardOutput.contains("The score explained"))
        #expect(try yardstick.run(["demo"]).status == 1)  // not over an existing demo
        try expectAggregatesMatchAudits()
    }

    /// The running aggregates equal a recomputation from the counted audits.
    func expectAggregatesMatchAudits() throws {
        let query = """
        SELECT (SELECT coalesce(sum(audits), 0) FROM month_stats), (SELECT coalesce(sum(score_micros_sum), 0) FROM month_stats),
               (SELECT count(*) FROM audit WHERE status IN ('released', 'final') AND calibration_session_id IS NULL AND score IS NOT NULL),
               (SELECT coalesce(sum(CAST(round(score * 1000000) AS INTEGER)), 0) FROM audit
                WHERE status IN ('released', 'final') AND calibration_session_id IS NULL)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone())", folder.file("y.db"), query]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = output.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        #expect(numbers.count == 4)
        if numbers.count == 4 {
            #expect(numbers[0] == numbers[2], "audit counts: aggregates \(numbers[0]) vs audits \(numbers[2])")
            #expect(numbers[1] == numbers[3], "score sums: aggregates \(numbers[1]) vs audits \(numbers[3])")
        }
    }
}

extension AuditCommandsTests {
    @Test func storesEvidenceByContentHashBesideTheDatabase() throws {
        try setUp()
        let answers = try folder.write("call.json", Self.callAnswers)
        let evidence = try folder.write("evidence/notes.txt", "Customer was on hold twice.")
        let result = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers, "--attach", evidence, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let attachments = try json(result.standardOutput)["attachments"] as? [[String: Any]] ?? []
        #expect(attachments.first?["name"] as? String == "notes.txt")
        let sha = attachments.first?["sha256"] as? String ?? ""
        #expect(sha.count == 64)
        let stored = folder.file("y.db.evidence/\(sha.prefix(2))/\(sha)")
        #expect(try String(contentsOfFile: stored, encoding: .utf8) == "Customer was on hold twice.")
    }

    @Test func importsJSONLines() throws {
        try setUp()
        let object = try json(Self.callAnswers)
        var line = object
        line["agent"] = "A1002"
        line["auditor"] = "qa.lead"
        line["external_id"] = "J-1"
        let data = try JSONSerialization.data(withJSONObject: line)
        let file = try folder.write("audits.jsonl", String(decoding: data, as: UTF8.self) + "\n\n" + "{\"agent\": \"A1002\"}\n")
        let result = try yardstick.run(["audit", "import", file, "--form", "call-review", "--skip-invalid"])
        #expect(result.standardOutput == "Imported 1 audit; 0 unchanged (already stored); 1 rejected.\n")
        #expect(result.status == 0, "every valid row was stored; the invalid one was reported")
        #expect(result.standardError.contains("audits.jsonl:3:"))
    }
}

extension AuditCommandsTests {
    @Test func generatesTheSameBytesOnEveryRun() throws {
        try setUp()
        for run in ["a", "b"] {
            #expect(try yardstick.run(["bench", "generate", "--audits", "300", "--agents", "20", "--out", folder.file(run)]).status == 0)
        }
        let first = try Repository.bytes(folder.file("a/audits.csv")), second = try Repository.bytes(folder.file("b/audits.csv"))
        #expect(first.count > 10_000)
        #expect(first == second)
    }
}
