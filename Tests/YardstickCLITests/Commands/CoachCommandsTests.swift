import Foundation
import Testing
import YardstickTestSupport

/// A trainer's round through the real binary over the demo database: plans, tracking, effect, bad input.
struct CoachCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func plansATeamSavesTracksAndMeasures() throws {
        #expect(try yardstick.run(["demo"]).status == 0)
        let planned = try yardstick.run(["coach", "plan", "--team", "stockholm-email", "--save"])
        #expect(planned.status == 0, "\(planned.standardError)")
        #expect(planned.standardOutput.hasPrefix("# Coaching plan — Team stockholm-email\n"))
        #expect(planned.standardOutput.contains("- Team workshop for "))
        // The team plan is saved first; agents whose items all go to the workshop (or who lack evidence) have nothing of their own to track.
        let saved = planned.standardError.split(separator: "#").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        let teamPlan = try #require(saved.first)
        #expect(planned.standardOutput.contains("Covered by the team workshop in plan #\(teamPlan)"))
        #expect(planned.standardError.hasPrefix("Saved \(saved.count) plans: #\(teamPlan), ") && planned.standardError.contains("with nothing of its own to track not saved ("),
                "\(planned.standardError)")
        let listed = try yardstick.run(["coach", "list", "--team", "stockholm-email"]).standardOutput
        #expect(listed.contains("team stockholm-email") && listed.components(separatedBy: "\n").count == saved.count + 3, "\(listed)")

        // An agent plan with an item of its own and one covered by the team workshop.
        let plans = try JSONSerialization.jsonObject(with: Data(try yardstick.run(["coach", "list", "--team", "stockholm-email", "--json"]).standardOutput.utf8)) as? [[String: Any]] ?? []
        func kinds(_ plan: [String: Any]) -> [String] { (plan["items"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String } }
        let chosen = try #require(plans.first { kinds($0).contains("individual") && kinds($0).contains("see-workshop") })
        let id = String(try #require(chosen["plan"] as? Int))
        let items = chosen["items"] as? [[String: Any]] ?? []
        let own = try #require(items.first { $0["kind"] as? String == "individual" }?["ordinal"] as? Int)
        let pointer = try #require(items.first { $0["kind"] as? String == "see-workshop" }?["ordinal"] as? Int)
        let missing = try yardstick.run(["coach", "done", id, "99"])
        #expect(missing.status == 1 && missing.standardError.contains("plan \(id) has no item 99; its items are "), "\(missing.standardError)")
        let covered = try yardstick.run(["coach", "done", id, String(pointer)])
        #expect(covered.status == 1 && covered.standardError.contains("is covered by the team workshop in plan \(teamPlan); mark it done there"), "\(covered.standardError)")
        #expect(try yardstick.run(["coach", "done", id, String(own), "--note", "Shadowed two calls"]).standardOutput.contains("Item \(own) of plan #\(id) is done"))
        let again = try yardstick.run(["coach", "done", id, String(own)])
        #expect(again.status == 1 && (again.standardError.contains("is already done") || again.standardError.contains("plan \(id) is done; only open plans are tracked")),
                "\(again.standardError)")

        let effect = try yardstick.run(["coach", "effect", id])
        #expect(effect.status == 0 && effect.standardOutput.contains("p: Fisher's exact test, two-sided"), "\(effect.standardOutput)")
        #expect(effect.standardOutput.contains("not enough audits since the plan (0 of 5)"))
        let all = try yardstick.run(["coach", "effect", "--all"])
        #expect(all.status == 0 && all.standardOutput.contains("By training module"))

        let page = folder.file("plan.html")
        #expect(try yardstick.run(["coach", "show", String(teamPlan), "--format", "html", "-o", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script") && html.contains("Notes from the session"))
        #expect(try yardstick.run(["coach", "cancel", String(saved[1]), "--reason", "Moved to the back office"]).standardOutput == "Cancelled plan #\(saved[1]).\n")
        #expect(try yardstick.run(["coach", "cancel", String(saved[1]), "--reason", "again"]).status == 1)
        #expect(try yardstick.run(["coach", "list", "--status", "cancelled"]).standardOutput.contains("cancelled"))
        #expect(try yardstick.run(["verify"]).status == 0)
    }

    @Test func badRequestsSayWhatIsWrongAndSaveNothing() throws {
        #expect(try yardstick.run(["demo"]).status == 0)
        #expect(try yardstick.run(["agents", "add", "A9999", "--name", "Left Us", "--team", "oslo-phone", "--inactive"]).status == 0)
        let cases: [([String], String)] = [
            (["--agent", "NOBODY"], "no agent 'NOBODY'; see 'yardstick agents list'"),
            (["--agent", "A9999"], "agent A9999 (Left Us) is marked inactive; coaching plans are for current staff"),
            (["--team", "nosuch"], "no active agents in team 'nosuch'; teams: "),
            (["--below", "Superb"], "no band 'Superb' in the standards audited from "),
            (["--agent", "A1001", "--from", "2025-01-01", "--to", "2025-01-31"], "no counted audits from 2025-01-01 to 2025-01-31 for this request"),
        ]
        let before = try yardstick.run(["coach", "list"]).standardOutput
        for (arguments, message) in cases {
            let result = try yardstick.run(["coach", "plan"] + arguments + ["--save"])
            #expect(result.status == 1 && result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
        #expect(try yardstick.run(["coach", "list"]).standardOutput == before, "nothing was saved")
        let past = try yardstick.run(["coach", "plan", "--agent", "A1001", "--due", "2020-01-01", "--save"])
        #expect(past.status == 1 && past.standardError.contains("the due date 2020-01-01 is not after today (2026-11-23)"), "\(past.standardError)")
        #expect(try yardstick.run(["coach", "plan", "--team", "oslo-phone", "--follow-ups", "9223372036854775807"]).status == 2)
        let unwritable = try yardstick.run(["coach", "plan", "--agent", "A1001", "--save", "-o", folder.file("missing/dir/plan.md")])
        #expect(unwritable.status == 1 && unwritable.standardError.contains("cannot write"))
        #expect(try yardstick.run(["coach", "list"]).standardOutput == before, "a plan whose file could not be written is not saved")
        #expect(try yardstick.run(["coach", "plan"]).status == 2)
        #expect(try yardstick.run(["coach", "plan", "--agent", "A1001", "--window", "ninety"]).status == 2)
        #expect(try yardstick.run(["coach", "show", "77"]).standardError.contains("no coaching plan 77; see 'yardstick coach list'"))
        let below = try yardstick.run(["coach", "plan", "--below", "Excellent", "--top", "1"])
        #expect(below.status == 0 && below.standardOutput.contains("# Coaching plan — Agent "), "\(below.standardError)")
    }
}

/// `verify` over coaching plans: a plan's content or tracking changed behind the tool's back is named.
struct CoachVerifyTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", folder.file("y.db"), sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func namesAnEditedTargetAndAForgedDoneMark() throws {
        #expect(try yardstick.run(["demo"]).status == 0)
        #expect(try yardstick.run(["verify"]).standardOutput.contains(" coaching plans"))
        try sqlite("UPDATE coaching_plan SET content = replace(content, 'floor 90', 'floor 10') WHERE id = 1; UPDATE coaching_item SET done_at = '2026-11-01T00:00:00Z', done_by = 'x' WHERE plan_id = 2 AND ordinal = (SELECT min(ordinal) FROM coaching_item WHERE plan_id = 2)")
        let result = try yardstick.run(["verify"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("coaching plan 1: its content no longer matches the hash its history recorded"), "\(result.standardError)")
        #expect(result.standardError.contains("coaching plan 2: items marked done ("), "\(result.standardError)")
    }
}
