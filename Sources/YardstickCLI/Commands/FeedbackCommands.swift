import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick feedback import FILE.csv`.
enum FeedbackImportCommand: Command {
    static let spec = CommandSpec(
        path: ["feedback", "import"], abstract: "Import customer survey responses (NPS, CSAT) from a CSV file",
        arguments: [ArgumentSpec(name: "FILE", help: "CSV with columns agent,occurred_on and nps and/or csat (+ optional external_id, comment, channel)")],
        options: CSVArguments.options + [
            .flag("--skip-invalid", "Store the valid rows and list the others (default: one bad row stores nothing)"), .json,
        ],
        discussion: """
        NPS is 0–10 (promoters 9–10, detractors 0–6), CSAT 1–5; a row needs at least one of them.
        With an external_id a re-import is a no-op; the same id with other content is reported and
        nothing is changed for it. Every bad row is reported as FILE:ROW:COLUMN (the header is row 1).
        """,
        examples: ["yardstick feedback import surveys-2026-10.csv", "yardstick feedback import surveys.csv --delimiter ';'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let path = arguments.positionals[0]
        let service = FeedbackService(context: try context.app(.write))
        let outcome = try service.importFile(path, csv: try CSVArguments.parse(arguments, spec: spec), skipInvalid: arguments.has("--skip-invalid"))
        DiagnosticPrinter.print(outcome.problems, to: context.console)
        guard outcome.stored else {
            context.console.reportError("nothing was imported: \(path) has the problems listed above; fix them and import again"
                + (outcome.unreadable ? "" : " (or use --skip-invalid to store the valid rows)"))
            throw ReportedFailure()
        }
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("imported", .integer(Int64(outcome.added))), ("unchanged", .integer(Int64(outcome.unchanged))),
                ("rejected", .integer(Int64(outcome.rejected))),
            ]).rendered())
        } else {
            context.console.print("Imported \(counted(outcome.added, "response")); \(outcome.unchanged) unchanged (already stored); \(outcome.rejected) rejected.")
        }
        // As with audits: rejected rows and nothing stored is a failure, even with --skip-invalid.
        if outcome.rejected > 0 && outcome.added == 0 && outcome.unchanged == 0 { throw ReportedFailure() }
    }
}

/// `yardstick feedback summary`.
enum FeedbackSummaryCommand: Command {
    static let spec = CommandSpec(
        path: ["feedback", "summary"], abstract: "NPS and CSAT per agent or team over a period",
        options: [
            .value("--period", "PERIOD", "A month YYYY-MM or a quarter YYYY-Qn"), .value("--from", "DATE", "First day, YYYY-MM-DD"),
            .value("--to", "DATE", "Last day, YYYY-MM-DD"), .value("--team", "TEAM", "Only this team"), .value("--agent", "AGENT", "Only this agent"),
            .value("--by", "agent|team", "Group by agent (default) or team"), .json,
        ],
        discussion: "NPS = % promoters (9–10) − % detractors (0–6) of the responses with an NPS answer; CSAT is the mean and the share of 4–5.",
        examples: ["yardstick feedback summary --period 2026-10 --by team", "yardstick feedback summary --from 2026-09-01 --to 2026-09-30 --agent A1001"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let (from, to) = try dateRange(arguments)
        guard let grouping = FeedbackService.Grouping(rawValue: arguments.value("--by") ?? "agent") else {
            throw UsageError("--by takes agent or team", command: spec)
        }
        let summaries = try FeedbackService(context: try context.app(.read)).summary(
            from: from, to: to, team: arguments.value("--team"), agent: arguments.value("--agent"), by: grouping)
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("from", .string(from.description)), ("to", .string(to.description)),
                ("groups", .array(summaries.map(json))),
            ]).rendered())
            return
        }
        guard let total = summaries.last, total.responses > 0 else {
            let filter = [arguments.value("--team").map { "team \($0)" }, arguments.value("--agent").map { "agent \($0)" }].compactMap { $0 }
            context.console.print("No responses from \(from) to \(to)" + (filter.isEmpty ? "; import them with 'yardstick feedback import FILE.csv'." : " for \(filter.joined(separator: " and ")) (check the id with 'yardstick agents list')."))
            return
        }
        var table = TextTable(headers: [grouping == .agent ? "AGENT" : "TEAM", "RESPONSES", "NPS", "PROMOTERS", "PASSIVES", "DETRACTORS", "CSAT", "CSAT 4–5"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right, .right])
        for (index, summary) in summaries.enumerated() {
            table.append([index == summaries.count - 1 ? "All" : summary.group, String(summary.responses),
                          summary.nps.map { formatFixed($0, 1) } ?? "—", String(summary.promoters), String(summary.passives), String(summary.detractors),
                          summary.csatMean.map { formatFixed($0, 2) } ?? "—", summary.csatSatisfiedShare.map { formatFixed($0, 1) + " %" } ?? "—"])
        }
        context.console.print("Customer feedback \(from) – \(to)")
        context.console.print(table.rendered(), terminator: "")
        context.console.print("NPS counts the responses with an NPS answer (promoters + passives + detractors); CSAT those with a CSAT answer.")
    }

    static func dateRange(_ arguments: ParsedArguments) throws -> (ISODate, ISODate) {
        if let text = arguments.value("--period") {
            guard arguments.value("--from") == nil && arguments.value("--to") == nil else {
                throw UsageError("give either --period or --from/--to, not both", command: spec)
            }
            guard let period = PayPeriod(text) else { throw UsageError("--period: '\(text)' is not a period; use \(PayPeriod.acceptedForms)", command: spec) }
            return (period.firstDay, period.lastDay)
        }
        guard let fromText = arguments.value("--from"), let toText = arguments.value("--to") else {
            throw UsageError("give --period YYYY-MM (or YYYY-Qn), or both --from and --to", command: spec)
        }
        guard let from = ISODate(fromText) else { throw UsageError("--from: '\(fromText)' is not a date YYYY-MM-DD", command: spec) }
        guard let to = ISODate(toText) else { throw UsageError("--to: '\(toText)' is not a date YYYY-MM-DD", command: spec) }
        guard !(to < from) else { throw UsageError("--to \(to) is before --from \(from)", command: spec) }
        return (from, to)
    }

    static func json(_ summary: FeedbackSummary) -> JSONValue {
        .object([
            ("group", .string(summary.group)), ("responses", .integer(Int64(summary.responses))),
            ("nps", summary.nps.map { .number($0) } ?? .null), ("nps_responses", .integer(Int64(summary.npsResponses))),
            ("promoters", .integer(Int64(summary.promoters))), ("passives", .integer(Int64(summary.passives))),
            ("detractors", .integer(Int64(summary.detractors))), ("csat_mean", summary.csatMean.map { .number($0) } ?? .null),
            ("csat_responses", .integer(Int64(summary.csatResponses))), ("csat_satisfied_share", summary.csatSatisfiedShare.map { .number($0) } ?? .null),
        ])
    }
}
