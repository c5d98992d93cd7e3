import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick incentives run --policy ID --period P`.
enum IncentivesRunCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "run"], abstract: "Apply an incentive policy to a pay period and store the run",
        options: [
            .value("--policy", "ID", "The incentive policy's id (required)"),
            .value("--period", "PERIOD", "YYYY-MM for a monthly policy, YYYY-Qn for a quarterly one (required)"),
            .value("--output", "FILE", "Also write the run's export to FILE (-o), as 'incentives export' would; prints a summary line instead of the table"),
            .value("--format", "csv|json|html", "The export's format with --output (default csv)"),
            .flag("--excel", "With --output as CSV: start with a byte-order mark for Excel"), .json,
        ],
        discussion: """
        Every active agent in the policy's teams gets a row (one who left only with audits in the
        period): counted audits, mean score, critical failures, customer reviews, eligibility, tier,
        events, caps and the total, with an explanation of each rule that fired. A run for a period
        that already has a finalised run is a correction run; the finalised one never changes.
        """,
        examples: ["yardstick incentives run --policy contact-centre-monthly --period 2026-10",
                   "yardstick incentives run --policy contact-centre-monthly --period 2026-10 -o payroll-2026-10.csv --excel"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard let policyID = arguments.value("--policy"), let period = arguments.value("--period") else {
            throw UsageError("give --policy ID and --period \(PayPeriod.acceptedForms)", command: spec)
        }
        let format = try IncentivesExportCommand.format(arguments, spec: spec)
        if arguments.value("--output") == nil && (arguments.value("--format") != nil || arguments.has("--excel")) {
            throw UsageError("--format and --excel describe the file written with --output FILE", command: spec)
        }
        let output = arguments.value("--output"), excel = arguments.has("--excel")
        // The file is written before the run commits: a file that cannot be written stores no run.
        let result = try IncentiveService(context: try context.app(.write)).run(policyID: policyID, period: period) { result in
            if let output { try OutputFile.write(IncentivesExportCommand.rendered(result, format: format, excel: excel), to: output) }
        }
        for team in result.unknownTeams {
            context.console.reportWarning("policy '\(result.policy.id)' names team '\(team)', which no agent belongs to")
        }
        if let output {
            let calculator = IncentiveCalculator(policy: result.policy, period: result.period), totals = result.totals
            context.console.print("Incentive run #\(result.run.id) (\(result.policy.id), \(result.period)\(result.run.correctionOf.map { ", a correction run of finalised #\($0)" } ?? "")): "
                + "\(counted(totals.agents, "agent")), \(totals.eligible) eligible, net \(calculator.signed(totals.net)) \(result.policy.currency); \(format) written to \(output).")
            return
        }
        if arguments.has("--json") {
            context.console.print(IncentivesShowCommand.json(result).rendered())
            return
        }
        IncentivesShowCommand.render(result, agent: nil, context: context)
    }
}

/// `yardstick incentives list`.
enum IncentivesListCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "list"], abstract: "List incentive runs, newest first", options: [.json],
        examples: ["yardstick incentives list"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let runs = try IncentiveService(context: try context.app(.read)).runs()
        if arguments.has("--json") {
            context.console.print(JSONValue.array(runs.map { run in
                .object([
                    ("run", .integer(run.id)), ("policy", .string(run.policyID)), ("period", .string(run.period)),
                    ("created_at", .string(run.createdAt)), ("created_by", .string(run.createdBy)), ("finalised_at", .optional(run.finalisedAt)),
                    ("finalised_by", .optional(run.finalisedBy)), ("correction_of", run.correctionOf.map { .integer($0) } ?? .null),
                    ("fingerprint", .string(run.fingerprint)),
                ])
            }).rendered())
            return
        }
        guard !runs.isEmpty else {
            context.console.print("No incentive runs yet; start one with 'yardstick incentives run --policy ID --period YYYY-MM'.")
            return
        }
        var table = TextTable(headers: ["RUN", "POLICY", "PERIOD", "COMPUTED", "BY", "STATUS"], alignments: [.right, .left, .left, .left, .left, .left])
        for run in runs {
            let status = run.finalisedAt.map { "finalised \($0) by \(run.finalisedBy ?? "?")" }
                ?? (run.correctionOf.map { "correction of #\($0)" } ?? "open")
            table.append([String(run.id), run.policyID, run.period, run.createdAt, run.createdBy, status])
        }
        context.console.print(table.rendered(), terminator: "")
    }
}

/// `yardstick incentives show RUN`.
enum IncentivesShowCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "show"], abstract: "Show an incentive run: every agent's amount and why",
        arguments: [ArgumentSpec(name: "RUN", help: "The run's number (see 'yardstick incentives list')")],
        options: [.value("--agent", "AGENT", "Only this agent, with the audits and responses behind the amount"), .json],
        examples: ["yardstick incentives show 3", "yardstick incentives show 3 --agent A1001"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try runID(arguments.positionals[0], spec: spec)
        var result = try IncentiveService(context: try context.app(.read)).show(id)
        if let agent = arguments.value("--agent") {
            result.lines = result.lines.filter { $0.agentID == agent }
            guard !result.lines.isEmpty else { throw InputError("run \(id) has no row for agent '\(agent)'") }
        }
        if arguments.has("--json") {
            context.console.print(json(result, evidence: arguments.value("--agent") != nil).rendered())
            return
        }
        render(result, agent: arguments.value("--agent"), context: context)
    }

    static func runID(_ text: String, spec: CommandSpec) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError("RUN is a run number such as 3, not '\(text)'", command: spec) }
        return id
    }

    static func json(_ result: IncentiveRunResult, evidence: Bool = false) -> JSONValue {
        var value = IncentiveExport.json(result.lines, policy: result.policy, period: result.period,
                                         run: (result.run.id, result.run.fingerprint, result.run.finalisedAt, result.run.correctionOf))
        guard evidence, case var .object(fields) = value else { return value }
        fields.append(("evidence", .array(result.lines.map { line in
            .object([
                ("agent", .string(line.agentID)),
                ("audits", .array(line.auditRefs.map { audit in
                    .object([("id", .integer(audit.id)), ("occurred_on", .string(audit.occurredOn)), ("score", audit.score.map { .number($0) } ?? .null),
                             ("critical_fail", .bool(audit.criticalFail)), ("content_hash", .string(audit.contentHash))])
                })),
                ("feedback", .array(line.feedbackRefs.map { response in
                    .object([("id", .integer(response.id)), ("occurred_on", .string(response.occurredOn)),
                             ("nps", response.nps.map { .integer(Int64($0)) } ?? .null), ("csat", response.csat.map { .integer(Int64($0)) } ?? .null)])
                })),
            ])
        })))
        value = .object(fields)
        return value
    }

    static func render(_ result: IncentiveRunResult, agent: String?, context: CommandContext) {
        let run = result.run, console = context.console
        let calculator = IncentiveCalculator(policy: result.policy, period: result.period)
        var header = "Incentive run #\(run.id): \(result.policy.title) (\(result.policy.id) \(result.policy.version)), period \(run.period)"
        if let corrected = run.correctionOf { header += " — a correction run: #\(corrected) is finalised for this period" }
        console.print(header)
        console.print(run.finalisedAt.map { "Finalised \($0) by \(run.finalisedBy ?? "?")" + (run.finaliseReason.map { ": \($0)" } ?? "") + "." }
                      ?? "Not finalised; freeze it for payroll with 'yardstick incentives finalise \(run.id) --reason TEXT'.")
        var table = TextTable(headers: ["AGENT", "NAME", "TEAM", "AUDITS", "MEAN", "TOTAL", "EXPLANATION"],
                              alignments: [.left, .left, .left, .right, .right, .right, .left])
        for line in result.lines {
            table.append([line.agentID, line.name, line.team, String(line.audits), calculator.displayMean(of: line),
                          calculator.signed(line.total), line.explanation])
        }
        console.print(table.rendered(), terminator: "")
        if agent != nil, let line = result.lines.first {
            console.print("")
            console.print("Audits behind the amount:")
            for audit in line.auditRefs {
                console.print("  audit \(audit.id)  \(audit.occurredOn)  score \(audit.score.map { formatFixed($0, 1) } ?? "N/A")\(audit.criticalFail ? "  critical failure" : "")")
            }
            if line.auditRefs.isEmpty { console.print("  none") }
            console.print("Customer responses:")
            for response in line.feedbackRefs {
                let values = [response.nps.map { "NPS \($0)" }, response.csat.map { "CSAT \($0)" }].compactMap { $0 }.joined(separator: ", ")
                console.print("  response \(response.id)  \(response.occurredOn)  \(values)")
            }
            if line.feedbackRefs.isEmpty { console.print("  none") }
            return
        }
        let totals = result.totals
        console.print("\(counted(totals.agents, "agent")), \(totals.eligible) eligible; net \(calculator.signed(totals.net)) \(result.policy.currency).")
    }
}

/// `yardstick incentives finalise RUN --reason TEXT`.
enum IncentivesFinaliseCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "finalise"], abstract: "Freeze an incentive run for payroll",
        arguments: [ArgumentSpec(name: "RUN", help: "The run's number")],
        options: [.value("--reason", "TEXT", "Why, for the history (required)"), .json],
        discussion: """
        A finalised run never changes, and a policy has one finalised run per period. Later changes
        to audits or feedback show up in 'yardstick incentives diff RUN'.
        """,
        examples: ["yardstick incentives finalise 3 --reason 'October payroll, approved by HR'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try IncentivesShowCommand.runID(arguments.positionals[0], spec: spec)
        guard let reason = arguments.value("--reason"), !reason.trimmingWhitespace().isEmpty else {
            throw UsageError("--reason TEXT is required: the history says why a run was frozen", command: spec)
        }
        let run = try IncentiveService(context: try context.app(.write)).finalise(id, reason: reason)
        if arguments.has("--json") {
            context.console.print(JSONValue.object([("run", .integer(run.id)), ("finalised_at", .optional(run.finalisedAt)),
                                                    ("finalised_by", .optional(run.finalisedBy)), ("fingerprint", .string(run.fingerprint))]).rendered())
        } else {
            context.console.print("Finalised run #\(run.id) (\(run.policyID), \(run.period)) for payroll; inputs fingerprint \(run.fingerprint.prefix(16))….")
        }
    }
}

/// `yardstick incentives diff RUN [RUN2]`.
enum IncentivesDiffCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "diff"], abstract: "What would change in a run if it were computed now, or between two runs",
        arguments: [ArgumentSpec(name: "RUN", help: "The run's number"), ArgumentSpec(name: "RUN2", help: "Another run to compare with", optional: true)],
        options: [.json],
        discussion: "Lists each agent whose amount differs: old → new, and which audits or responses changed and how. Exit 0 either way.",
        examples: ["yardstick incentives diff 3", "yardstick incentives diff 3 5"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let first = try IncentivesShowCommand.runID(arguments.positionals[0], spec: spec)
        let service = IncentiveService(context: try context.app(.read))
        let comparison: IncentiveComparison, old: IncentiveRunResult, against: String, newer: Int64?
        if arguments.positionals.count > 1 {
            let second = try IncentivesShowCommand.runID(arguments.positionals[1], spec: spec)
            let result = try service.diff(first, second)
            (comparison, old, against, newer) = (result.comparison, result.old, "run #\(second)", second)
        } else {
            let result = try service.diffWithNow(first)
            (comparison, old, against, newer) = (result.comparison, result.stored, "the audits and feedback stored now", nil)
        }
        let calculator = IncentiveCalculator(policy: old.policy, period: old.period)
        func amount(_ value: Int64?) -> String { value.map(calculator.signed) ?? "no row" }
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("run", .integer(first)), ("against", .string(against)),
                ("changes", .array(comparison.changes.map { change in
                    .object([("agent", .string(change.agentID)), ("name", .string(change.name)),
                             ("old_total", .optional(change.oldTotal.map { Money(minorUnits: $0, digits: old.policy.minorUnitDigits).decimalString })),
                             ("new_total", .optional(change.newTotal.map { Money(minorUnits: $0, digits: old.policy.minorUnitDigits).decimalString })),
                             ("old_explanation", .optional(change.oldExplanation)), ("new_explanation", .optional(change.newExplanation)),
                             ("evidence", .array(change.evidence.map { .string($0) }))])
                })),
                ("unchanged_amounts_with_changed_evidence", .integer(Int64(comparison.unchangedAmounts))),
            ]).rendered())
            return
        }
        context.console.print("Run #\(first) (\(old.policy.id), \(old.period)\(old.run.isFinalised ? ", finalised" : "")) compared with \(against):")
        guard !comparison.changes.isEmpty else {
            context.console.print("No amount changes." + (comparison.unchangedAmounts > 0 ? " \(counted(comparison.unchangedAmounts, "agent")) had evidence change without a different amount." : ""))
            return
        }
        for change in comparison.changes {
            context.console.print("  \(change.agentID) \(change.name): \(amount(change.oldTotal)) → \(amount(change.newTotal)) \(old.policy.currency)")
            for item in change.evidence { context.console.print("    · \(item)") }
            if let now = change.newExplanation { context.console.print("    \(newer.map { "in run #\($0)" } ?? "now"): \(now)") }
        }
        let verb = newer == nil ? "would change" : (comparison.changes.count == 1 ? "differs" : "differ")
        context.console.print("\(counted(comparison.changes.count, "agent")) \(verb); net difference \(calculator.signed(comparison.netDifference)) \(old.policy.currency).")
    }
}

/// `yardstick incentives export RUN --format csv|json|html`.
enum IncentivesExportCommand: Command {
    static let spec = CommandSpec(
        path: ["incentives", "export"], abstract: "Export an incentive run for payroll: CSV, JSON or a printable HTML page",
        arguments: [ArgumentSpec(name: "RUN", help: "The run's number")],
        options: [
            .value("--format", "csv|json|html", "Output format (default csv)"), .value("--output", "FILE", "Write to FILE (-o; default: standard output)"),
            .flag("--excel", "Start the CSV with a byte-order mark so Excel reads it as UTF-8"),
        ],
        discussion: """
        CSV columns: \(IncentiveExport.csvColumns.joined(separator: ",")).
        RFC 4180 with CRLF; amounts are plain decimals (-100.00 stays a number); text cells that a
        spreadsheet would run as a formula start with an apostrophe. The same run exports byte for byte the same.
        """,
        examples: ["yardstick incentives export 3 -o payroll-2026-10.csv --excel", "yardstick incentives export 3 --format html -o 2026-10.html"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try IncentivesShowCommand.runID(arguments.positionals[0], spec: spec)
        let format = try format(arguments, spec: spec)
        let result = try IncentiveService(context: try context.app(.read)).show(id)
        let text = rendered(result, format: format, excel: arguments.has("--excel"))
        if let path = arguments.value("--output") {
            try OutputFile.write(text, to: path)
            context.console.error("Wrote run #\(id) as \(format) to \(path) (\(counted(result.lines.count, "agent"))).")
        } else {
            context.console.print(text, terminator: "")
        }
    }

    /// The export format asked for (csv unless --format says otherwise).
    static func format(_ arguments: ParsedArguments, spec: CommandSpec) throws -> String {
        let format = arguments.value("--format") ?? "csv"
        guard ["csv", "json", "html"].contains(format) else { throw UsageError("--format takes csv, json or html, not '\(format)'", command: spec) }
        if arguments.has("--excel") && format != "csv" { throw UsageError("--excel applies to --format csv only", command: spec) }
        return format
    }

    /// A run rendered as `format`.
    static func rendered(_ result: IncentiveRunResult, format: String, excel: Bool) -> String {
        switch format {
        case "json": return IncentivesShowCommand.json(result).rendered() + "\n"
        case "html":
            let run = result.run
            return IncentiveHTML.page(result.lines, policy: result.policy, period: result.period,
                                      run: .init(id: run.id, fingerprint: run.fingerprint, createdAt: run.createdAt, createdBy: run.createdBy,
                                                 finalisedAt: run.finalisedAt, finalisedBy: run.finalisedBy, correctionOf: run.correctionOf))
        default: return IncentiveExport.csv(result.lines, policy: result.policy, period: result.period, excel: excel)
        }
    }


}
