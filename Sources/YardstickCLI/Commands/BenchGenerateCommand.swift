import Foundation
import YardstickCore
import YardstickApp

/// `yardstick bench generate`: a deterministic roster and audit CSV of any size, for import tests and benchmarks.
enum BenchGenerateCommand: Command {
    static let spec = CommandSpec(
        path: ["bench", "generate"], abstract: "Write a deterministic roster.csv and audits.csv for import tests and benchmarks",
        options: [
            .value("--audits", "N", "Number of audits (default 10000)"), .value("--agents", "N", "Number of agents (default 2000)"),
            .value("--teams", "N", "Number of teams (default 40)"), .value("--auditors", "N", "Number of auditors (default 60)"),
            .value("--months", "N", "Months of history ending 2026-10 (default 24)"), .value("--form", "FORM", "Registered form (default call-review)"),
            .value("--seed", "N", "Random seed (default 1)"), .value("--out", "DIR", "Folder for the two files (default .)"),
        ],
        discussion: "Needs a database with the form registered ('yardstick init'). The same options always give the same bytes.",
        examples: ["yardstick bench generate --audits 200000 --out /tmp/bench"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        func number(_ option: String, _ fallback: Int) throws -> Int {
            guard let text = arguments.value(option) else { return fallback }
            guard let value = Int(text), value > 0 else { throw UsageError("\(option) takes a positive whole number", command: spec) }
            return value
        }
        let audits = try number("--audits", 10_000), agentCount = try number("--agents", 2000), teams = try number("--teams", 40)
        let auditors = try number("--auditors", 60), months = try number("--months", 24), seed = try number("--seed", 1)
        let folder = arguments.value("--out") ?? "."
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let app = try context.app(.read)
        let definitions = try app.definitions.latest(formID: arguments.value("--form") ?? "call-review")
        let agents = DemoRoster.benchmarkAgents(count: agentCount, teamCount: teams)
        try Data(DemoRoster.csv(agents).utf8).write(to: URL(fileURLWithPath: folder + "/roster.csv"))
        let started = Date()
        let written = try AuditCSVFile.write(
            to: folder + "/audits.csv", count: audits, definitions: definitions, agents: agents.map(\.id),
            auditors: (1...auditors).map { "auditor-\($0)" }, months: months, seed: UInt64(seed), invalidRows: [])
        context.console.print("Wrote \(folder)/roster.csv (\(counted(agents.count, "agent"))) and \(folder)/audits.csv (\(counted(audits, "audit")), \(written / 1_048_576) MiB) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}
