import Foundation
import Testing
import YardstickTestSupport

/// Reports through the real binary over the demo database: every report and format, bad input.
struct ReportCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func everyReportRendersInEveryFormat() throws {
        #expect(try yardstick.run(["demo"]).status == 0)
        for kind in ["team", "location", "form", "criteria", "auditors", "trend"] {
            let text = try yardstick.run(["report", kind, "--period", "2026-10"])
            #expect(text.status == 0, "\(kind): \(text.standardError)")
            #expect(!text.standardOutput.contains("\u{1B}["), "no colour into a pipe")
            let json = try yardstick.run(["report", kind, "--period", "2026-10", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
            #expect(object?["report"] as? String == kind)
            let csv = try yardstick.run(["report", kind, "--period", "2026-10", "--csv"])
            #expect(csv.status == 0 && csv.standardOutput.contains("\r\n"))
            let page = folder.file("\(kind).html")
            let html = try yardstick.run(["report", kind, "--period", "2026-10", "--html", "-o", page])
            #expect(html.status == 0 && html.standardError.hasPrefix("Wrote the \(kind) report"))
            let content = try String(contentsOfFile: page, encoding: .utf8)
            #expect(content.hasPrefix("<!DOCTYPE html>") && content.contains("<svg") && !content.contains("<script"))
            #expect(!content.contains("src=\"http") && !content.contains("href=\"http"), "no external requests")
        }
        let agent = try yardstick.run(["report", "agent", "A3002", "--period", "2026-10"])
        #expect(agent.status == 0 && agent.standardOutput.contains("Points lost") && agent.standardOutput.contains("Strengths and weaknesses"))
        let teams = try yardstick.run(["report", "team", "--period", "2026-10", "--csv"]).standardOutput
        #expect(teams.hasPrefix("period,team,name,audits,mean_score,"))
        #expect(teams.split(separator: "\r\n").count == 5, "four teams: \(teams)")
        #expect(try yardstick.run(["verify"]).status == 0)
    }

    @Test func badInputIsNamedAndAnEmptyPeriodIsNotAnError() throws {
        #expect(try yardstick.run(["demo"]).status == 0)
        let team = try yardstick.run(["report", "team", "--team", "no-such-team"])
        #expect(team.status == 1 && team.standardError.contains("no team 'no-such-team' (known: berlin-store, hamburg-store, oslo-chat"), "\(team.standardError)")
        let form = try yardstick.run(["report", "form", "--form", "nope"])
        #expect(form.status == 1 && form.standardError.contains("no form 'nope'"))
        let agent = try yardstick.run(["report", "agent", "Z9"])
        #expect(agent.status == 1 && agent.standardError.contains("no agent 'Z9'"))
        let backwards = try yardstick.run(["report", "team", "--from", "2026-10-31", "--to", "2026-10-01"])
        #expect(backwards.status == 2 && backwards.standardError.contains("--from 2026-10-31 is after --to 2026-10-01"))
        let by = try yardstick.run(["report", "trend", "--by", "day"])
        #expect(by.status == 2 && by.standardError.contains("--by takes month, week or quarter, not 'day'"))
        #expect(try yardstick.run(["report", "criteria", "--by", "month"]).status == 2)
        #expect(try yardstick.run(["report", "team", "--period", "2026-13"]).status == 2)
        #expect(try yardstick.run(["report", "team", "--json", "--csv"]).status == 2)
        let empty = try yardstick.run(["report", "team", "--period", "2020-01"])
        #expect(empty.status == 0 && empty.standardOutput.contains("No audits in 2020-01 for all teams."))
        let emptyCSV = try yardstick.run(["report", "team", "--period", "2020-01", "--csv"])
        #expect(emptyCSV.status == 0 && emptyCSV.standardOutput.split(separator: "\r\n").count == 1, "the header alone")
    }
}
