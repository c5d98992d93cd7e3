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
        #expect(planned.standardOutput.contains("Covered by the team workshop in plan #11"))
        #expect(planned.standardError.contains("Saved 9 plans: #11, #12, #13, #14, #15, #16, #17, #18, #19"), "\(planned.standardError)")
        let listed = try yardstick.run(["coach", "list", "--team", "stockholm-email"]).standardOutput
        #expect(listed.contains("team stockholm-email") && listed.components(separatedBy: "\n").count == 12, "\(listed)")

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
        #expect(covered.status == 1 && covered.standardError.contains("is covered by the team workshop in plan 11; mark it done there"), "\(covered.standardError)")
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
        #expect(try yardstick.run(["coach", "show", "11", "--format", "html", "-o", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script") && html.contains("Notes from the session"))
        #expect(try yardstick.run(["coach", "cancel", "13", "--reason", "Moved to the back office"]).standardOutput == "Cancelled plan #13.\n")
        #expect(try yardstick.run(["coach", "cancel", "13", "--reason", "again"]).status == 1)
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
        #expect(try yardstick.run(["coach", "list"]).standardOutput.components(separatedBy: "\n").count == 13, "the demo saved 10 plans")
        for (arguments, message) in cases {
            let result = try yardstick.run(["coach", "plan"] + arguments + ["--save"])
            #expect(result.status == 1 && result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
        #expect(try yardstick.run(["coach", "list"]).standardOutput.components(separatedBy: "\n").count == 13, "nothing was saved beyond the demo's 10 plans")
        #expect(try yardstick.run(["coach", "plan"]).status == 2)
        #expect(try yardstick.run(["coach", "plan", "--agent", "A1001", "--window", "ninety"]).status == 2)
        #expect(try yardstick.run(["coach", "show", "77"]).standardError.contains("no coaching plan 77; see 'yardstick coach list'"))
        let below = try yardstick.run(["coach", "plan", "--below", "Excellent", "--top", "1"])
        #expect(below.status == 0 && below.standardOutput.contains("# Coaching plan — Agent "), "\(below.standardError)")
    }
}
