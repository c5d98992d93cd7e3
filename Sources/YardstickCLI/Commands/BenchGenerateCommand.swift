import Foundation
import YardstickCore
import YardstickApp

/// `yardstick bench generate`: a deterministic roster and audit CSV of any size, for import tests and benchmarks.
enum BenchGenerateCommand: Command {
    static let spec = CommandSpec(
        path: ["bench", "generate"], abstract: "Write a deterministic benchmark workload (roster.csv, audits.csv; the reference one also its definitions)",
        options: [
            .value("--workload", "NAME", "reference (the benchmark: standard.xml, form.xml, policy.xml, roster.csv, audits.csv) or call-review (default)"),
            .value("--audits", "N", "Number of audits (default 10000; the reference workload 200000)"), .value("--agents", "N", "Number of agents (default 2000)"),
            .value("--teams", "N", "Number of teams (default 40)"), .value("--auditors", "N", "Number of auditors (default 60)"),
            .value("--months", "N", "Months of history ending 2026-10 (default 24)"), .value("--form", "FORM", "Registered form for the call-review workload (default call-review)"),
            .value("--seed", "N", "Random seed (default 1)"), .value("--out", "DIR", "Folder for the files (default .)"),
        ],
        discussion: """
        The reference workload is the benchmark's: a 40-criterion standard, a form with questions q01…q40, the
        tiered incentive policy, 2,000 agents in 40 teams and 200,000 audits over 24 months (--audits and --seed change it).
        The call-review workload fills the bundled call-review form (or --form) and needs a database with it registered
        ('yardstick init'). The same options always give the same bytes.
        """,
        examples: ["yardstick bench generate --workload reference --out /tmp/bench", "yardstick bench generate --audits 200000 --out /tmp/bench"])

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
        switch arguments.value("--workload") ?? "call-review" {
        case "reference":
            guard arguments.value("--form") == nil else {
                throw UsageError("--form is for the call-review workload; the reference workload writes its own form", command: spec)
            }
            let workload = ReferenceWorkload(audits: arguments.value("--audits") == nil ? 200_000 : audits, agents: agentCount, teams: teams,
                                             auditors: auditors, months: months, seed: UInt64(seed))
            let started = Date()
            let bytes = try WorkloadFiles.writeReference(workload, to: folder)
            context.console.print("Wrote the reference workload to \(folder): standard.xml, form.xml, policy.xml, roster.csv (\(counted(workload.agents, "agent"))) and audits.csv (\(counted(workload.audits, "audit")), \(bytes / 1_048_576) MiB) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
            return
        case "call-review":
            break
        case let other:
            throw UsageError("--workload is reference or call-review, not '\(other)'", command: spec)
        }
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
