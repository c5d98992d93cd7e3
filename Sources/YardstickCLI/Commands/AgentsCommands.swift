import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick agents import FILE.csv`.
enum AgentsImportCommand: Command {
    static let spec = CommandSpec(
        path: ["agents", "import"], abstract: "Import or update agents from a roster CSV",
        arguments: [ArgumentSpec(name: "FILE", help: "CSV with columns id,name,team,location (+ optional email,hired_on,active)")],
        options: CSVArguments.options + [.json],
        discussion: """
        Agents are matched by id: new ids are added, known ones updated. Every row is checked first;
        a single bad row imports nothing and is reported as FILE:ROW:COLUMN (the header is row 1).
        """,
        examples: ["yardstick agents import roster.csv"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let path = arguments.positionals[0]
        let outcome = try RosterWorkflow.importRoster(path: path, csv: try CSVArguments.parse(arguments, spec: spec), context: try context.app(.create))
        guard let counts = outcome.counts else {
            DiagnosticPrinter.print(outcome.problems, to: context.console)
            context.console.reportError("nothing was imported: \(path) has the problems listed above; fix them and import again")
            throw ReportedFailure()
        }
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("added", .integer(Int64(counts.added))), ("updated", .integer(Int64(counts.updated))),
                ("unchanged", .integer(Int64(counts.unchanged))),
            ]).rendered())
        } else {
            let total = counts.added + counts.updated + counts.unchanged
            context.console.print("Imported \(counted(total, "agent")) from \(path): \(counts.added) new, \(counts.updated) updated, \(counts.unchanged) unchanged.")
        }
    }
}

/// `yardstick agents add ID --name … --team …`.
enum AgentsAddCommand: Command {
    static let spec = CommandSpec(
        path: ["agents", "add"], abstract: "Add one agent (or update the agent with that id)",
        arguments: [ArgumentSpec(name: "ID", help: "The agent's id, as used in audits")],
        options: [
            .value("--name", "NAME", "Full name (required)"), .value("--team", "TEAM", "Team id (required)"),
            .value("--location", "LOCATION", "Store, branch or site id"), .value("--email", "EMAIL", "E-mail address"),
            .value("--hired-on", "DATE", "Hiring date, YYYY-MM-DD"), .flag("--inactive", "Mark the agent as having left"), .json,
        ],
        examples: ["yardstick agents add A0042 --name 'Kari Nordmann' --team oslo-phone --location oslo"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var agent = Agent(id: "", name: "", teamID: "")
        let values: [(String, String?)] = [
            ("id", arguments.positionals[0]), ("name", arguments.value("--name")), ("team", arguments.value("--team")),
            ("location", arguments.value("--location")), ("email", arguments.value("--email")),
            ("hired_on", arguments.value("--hired-on")), ("active", arguments.has("--inactive") ? "false" : "true"),
        ]
        for (column, value) in values {
            if let problem = AgentFieldRule.problem(column: column, value: value ?? "", into: &agent) {
                let option = column == "id" ? "ID" : "--" + column.replacingOccurrences(of: "_", with: "-")
                throw UsageError("\(option): \(problem)", command: spec)
            }
        }
        let counts = try RosterWorkflow.add(agent, context: try context.app(.create))
        if arguments.has("--json") {
            context.console.print(AgentsShowCommand.json(agent).rendered())
        } else {
            let verb = counts.added == 1 ? "Added" : (counts.updated == 1 ? "Updated" : "Unchanged:")
            context.console.print("\(verb) agent \(agent.id) (\(agent.name), team \(agent.teamID)).")
        }
    }
}

/// `yardstick agents list`.
enum AgentsListCommand: Command {
    static let spec = CommandSpec(
        path: ["agents", "list"], abstract: "List agents",
        options: [
            .value("--team", "TEAM", "Only this team"), .value("--location", "LOCATION", "Only this location"),
            .flag("--all", "Include agents marked inactive"), .value("--limit", "N", "At most N agents (default 50)"), .json,
        ],
        examples: ["yardstick agents list --team oslo-phone", "yardstick agents list --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.app(.read).store
        var limit = 50
        if let text = arguments.value("--limit") {
            guard let number = Int(text), number > 0 else { throw UsageError("--limit takes a positive number", command: spec) }
            limit = number
        }
        let matching = try store.agents.list(AgentFilter(team: arguments.value("--team"), location: arguments.value("--location"),
                                                         includeInactive: arguments.has("--all")))
        let agents = Array(matching.prefix(limit))
        let leftOut = "showing \(agents.count) of \(matching.count) agents — use --limit N, --team or --location to see others"
        if arguments.has("--json") {
            if matching.count > agents.count { context.console.reportWarning(leftOut) }
            context.console.print(JSONValue.array(agents.map(AgentsShowCommand.json)).rendered())
            return
        }
        guard !agents.isEmpty else {
            context.console.print("No agents match; import a roster with 'yardstick agents import roster.csv'.")
            return
        }
        var table = TextTable(headers: ["ID", "NAME", "TEAM", "LOCATION", "EMAIL", "HIRED", "ACTIVE"])
        for agent in agents {
            table.append([agent.id, agent.name, agent.teamID, agent.locationID ?? "", agent.email ?? "",
                          agent.hiredOn?.description ?? "", agent.isActive ? "yes" : "no"])
        }
        context.console.print(table.rendered(), terminator: "")
        context.console.print(matching.count > agents.count ? leftOut.prefix(1).uppercased() + leftOut.dropFirst() + "." : counted(agents.count, "agent"))
    }
}

/// `yardstick agents show ID`.
enum AgentsShowCommand: Command {
    static let spec = CommandSpec(
        path: ["agents", "show"], abstract: "Show one agent",
        arguments: [ArgumentSpec(name: "ID", help: "The agent's id")], options: [.json],
        examples: ["yardstick agents show A0042"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.app(.read).store
        let id = arguments.positionals[0]
        guard let agent = try store.agents.agent(id: id) else {
            throw InputError("no agent '\(id)'; see 'yardstick agents list'")
        }
        if arguments.has("--json") {
            context.console.print(json(agent).rendered())
            return
        }
        let rows: [(String, String)] = [
            ("Agent", agent.id), ("Name", agent.name), ("Team", agent.teamID), ("Location", agent.locationID ?? "—"),
            ("E-mail", agent.email ?? "—"), ("Hired", agent.hiredOn?.description ?? "—"), ("Active", agent.isActive ? "yes" : "no"),
        ]
        for (label, value) in rows { context.console.print(label.padding(to: 10) + value) }
    }

    static func json(_ agent: Agent) -> JSONValue {
        .object([
            ("id", .string(agent.id)), ("name", .string(agent.name)), ("team", .string(agent.teamID)),
            ("location", .optional(agent.locationID)), ("email", .optional(agent.email)),
            ("hired_on", .optional(agent.hiredOn?.description)), ("active", .bool(agent.isActive)),
        ])
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
