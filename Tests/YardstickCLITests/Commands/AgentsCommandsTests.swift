import Foundation
import Testing
import YardstickTestSupport

struct AgentsCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func importsTheSampleRosterAndReimportsItUnchanged() throws {
        let first = try yardstick.run(["agents", "import", "examples/roster.csv"])
        #expect(first.status == 0)
        #expect(first.standardOutput == "Imported 10 agents from examples/roster.csv: 10 new, 0 updated, 0 unchanged.\n")
        let again = try yardstick.run(["agents", "import", "examples/roster.csv"])
        #expect(again.standardOutput == "Imported 10 agents from examples/roster.csv: 0 new, 0 updated, 10 unchanged.\n")
        let list = try yardstick.run(["agents", "list", "--team", "oslo-chat"])
        try Golden.check(list.standardOutput, named: "agents-list-oslo-chat.txt")
        let show = try yardstick.run(["agents", "show", "A1005", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == "Nilsen, Sofie")
    }

    @Test func rejectsARosterWithAShortRowAndImportsNothing() throws {
        let roster = try folder.write("roster.csv", "id,name,team,location\nA1,Kari,oslo,hq\nA2,Ola\nA3,Per,bergen,\n")
        let result = try yardstick.run(["agents", "import", roster])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(roster):3:3: error: row 3 has 2 fields, expected 4 (id,name,team,location)"))
        #expect(result.standardError.contains("nothing was imported"))
        let list = try yardstick.run(["agents", "list", "--json"])
        #expect(list.standardOutput == "[]\n")
    }

    @Test func addsOneAgentAndRefusesBadValuesAsUsageErrors() throws {
        let added = try yardstick.run(["agents", "add", "A9", "--name", "Kari", "--team", "oslo", "--hired-on", "2024-02-29"])
        #expect(added.status == 0)
        #expect(added.standardOutput == "Added agent A9 (Kari, team oslo).\n")
        let bad = try yardstick.run(["agents", "add", "A10", "--name", "Ola", "--team", "oslo", "--hired-on", "2023-02-29"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("--hired-on: '2023-02-29' is not a date; expected YYYY-MM-DD"))
        let missing = try yardstick.run(["agents", "add", "A11", "--name", "Per"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("--team: empty"))
    }

    @Test func saysWhenAnAgentDoesNotExist() throws {
        _ = try yardstick.run(["init"])
        let result = try yardstick.run(["agents", "show", "NOPE"])
        #expect(result.status == 1)
        #expect(result.standardError == "yardstick: error: no agent 'NOPE'; see 'yardstick agents list'\n")
    }
}
