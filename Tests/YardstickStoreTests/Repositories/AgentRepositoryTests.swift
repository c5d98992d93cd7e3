import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickStore

struct AgentRepositoryTests {
    let folder = TemporaryFolder()

    @Test func addsUpdatesAndRecognisesUnchangedAgents() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let kari = Agent(id: "A1", name: "Kari", teamID: "oslo", locationID: "store-1")
        let ola = Agent(id: "A2", name: "Ola", teamID: "bergen")
        let first = try store.agents.upsert([kari, ola], at: "t1")
        #expect((first.added, first.updated, first.unchanged) == (2, 0, 0))
        var moved = kari
        moved.teamID = "bergen"
        let second = try store.agents.upsert([moved, ola], at: "t2")
        #expect((second.added, second.updated, second.unchanged) == (0, 1, 1))
        #expect(try store.agents.agent(id: "A1")?.teamID == "bergen")
        #expect(try store.database.queryFirst("SELECT count(*) FROM team")?.int(0) == 2)
    }

    @Test func filtersByTeamAndHidesInactiveAgents() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        _ = try store.agents.upsert([
            Agent(id: "A1", name: "Kari", teamID: "oslo"), Agent(id: "A2", name: "Ola", teamID: "bergen"),
            Agent(id: "A3", name: "Per", teamID: "oslo", isActive: false),
        ], at: "t")
        #expect(try store.agents.list(AgentFilter(team: "oslo")).map(\.id) == ["A1"])
        #expect(try store.agents.list(AgentFilter(team: "oslo", includeInactive: true)).map(\.id) == ["A1", "A3"])
        #expect(try store.agents.list().map(\.id) == ["A2", "A1"])
    }
}
