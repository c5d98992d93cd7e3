/// A believable roster: contact-centre teams in Oslo, Stockholm and Berlin, and store staff at
/// three stores, with names from the countries the source articles come from.
public enum DemoRoster {
    public struct Team: Sendable {
        public var id: String
        public var channel: String
        public var location: String
    }

    public static let teams: [Team] = [
        Team(id: "oslo-phone", channel: "phone", location: "oslo-hq"),
        Team(id: "oslo-chat", channel: "chat", location: "oslo-hq"),
        Team(id: "stockholm-phone", channel: "phone", location: "stockholm-hub"),
        Team(id: "stockholm-email", channel: "email", location: "stockholm-hub"),
        Team(id: "berlin-store", channel: "store", location: "berlin-mitte"),
        Team(id: "hamburg-store", channel: "store", location: "hamburg-altona"),
    ]

    static let firstNames = ["Kari", "Ola", "Ingrid", "Lars", "Sofie", "Anna", "Erik", "Maja", "Johan", "Elin", "Julia", "Jonas",
                             "Lea", "Finn", "Nora", "Magnus", "Sara", "Henrik", "Liv", "Emil", "Frida", "Lukas", "Hanna", "Tobias"]
    static let lastNames = ["Nordmann", "Hansen", "Berg", "Johansen", "Nilsen", "Svensson", "Lindqvist", "Karlsson", "Schmidt",
                            "Müller", "Wagner", "Dahl", "Haugen", "Larsson", "Fischer", "Becker", "Olsen", "Eriksson", "Weber", "Strand"]

    /// `perTeam` agents for each team (or `totalAgents` spread over `teamCount` generated teams for benchmarks).
    public static func agents(perTeam: Int, seed: UInt64 = 7) -> [Agent] {
        var random = SeededRandom(seed: seed)
        var agents: [Agent] = []
        for (teamIndex, team) in teams.enumerated() {
            for index in 0..<perTeam {
                let name = random.pick(firstNames) + " " + random.pick(lastNames)
                let id = (team.channel == "store" ? "S" : "A") + String(teamIndex + 1) + String(format3(index + 1))
                let year = 2015 + random.integer(in: 0...10)
                agents.append(Agent(id: id, name: name, teamID: team.id, locationID: team.location,
                                    email: id.lowercased() + "@example.com",
                                    hiredOn: ISODate(year: year, month: random.integer(in: 1...12), day: random.integer(in: 1...28))))
            }
        }
        return agents
    }

    /// A large roster for benchmarks: `count` agents in `teamCount` phone teams.
    public static func benchmarkAgents(count: Int, teamCount: Int) -> [Agent] {
        (0..<count).map { index in
            let team = "team-\(format3(index % teamCount + 1))"
            return Agent(id: "B\(format5(index + 1))", name: "Agent \(index + 1)", teamID: team, locationID: nil)
        }
    }

    static func format3(_ value: Int) -> String { String(repeating: "0", count: max(0, 3 - String(value).count)) + String(value) }
    static func format5(_ value: Int) -> String { String(repeating: "0", count: max(0, 5 - String(value).count)) + String(value) }

    /// The roster as CSV, in the format `agents import` reads.
    public static func csv(_ agents: [Agent]) -> String {
        var out = "id,name,team,location,email,hired_on,active\n"
        for agent in agents {
            out += [agent.id, agent.name, agent.teamID, agent.locationID ?? "", agent.email ?? "", agent.hiredOn?.description ?? "", "true"]
                .joined(separator: ",") + "\n"
        }
        return out
    }
}
