import YardstickApp
import YardstickCore

/// `yardstick report agent|team|location|form|criteria|auditors|trend`: one spec builder and one
/// run for all seven; each report differs in its use case's document, not in its command line.
enum ReportCommands {
    static let formats = "--json, --csv or --html"

    static func spec(_ kind: ReportRequest.Kind, abstract: String, discussion: String, examples: [String]) -> CommandSpec {
        var options: [OptionSpec] = [
            .value("--period", "PERIOD", "A month YYYY-MM, quarter YYYY-Qn, ISO week YYYY-Www or year YYYY (default: the last full month\(kind == .trend ? "; for a trend the last 12" : ""))"),
            .value("--from", "DATE", "First day, YYYY-MM-DD (or a month YYYY-MM: its first day)"),
            .value("--to", "DATE", "Last day, YYYY-MM-DD (or a month YYYY-MM: its last day)"),
        ]
        if kind != .agent { options.append(.value("--team", "TEAM", "Only audits that counted for this team")) }
        if kind != .agent { options.append(.value("--agent", "AGENT", "Only audits of this agent")) }
        options += [
            .value("--location", "LOCATION", "Only audits that counted for this location"), .value("--form", "FORM", "Only audits filled on this form"),
            .value("--standard", "STANDARD", "The standard to report on (needed when the period's audits use several)"),
        ]
        if [.team, .location, .form, .trend].contains(kind) {
            options.append(.value("--by", "month|week|quarter", kind == .trend ? "The trend's step (default month)" : "One row per group and month, week or quarter"))
        }
        options += [
            .json, .flag("--csv", "Print the report's table as CSV (spreadsheet-safe)"), .flag("--html", "Write a self-contained HTML page with charts"),
            .value("--output", "FILE", "Write to FILE (-o; default: standard output)"), .flag("--excel", "With --csv: start with a byte-order mark for Excel"),
        ]
        return CommandSpec(
            path: ["report", kind.rawValue], abstract: abstract,
            arguments: kind == .agent ? [ArgumentSpec(name: "AGENT", help: "The agent's id")] : [],
            options: options,
            discussion: discussion + """


            Teams and locations are the ones an audit counted for when it was recorded (a transfer
            never moves old audits); location-only mystery shops count in location reports. Deltas (Δ)
            compare with the period of the same length just before. A period without audits prints
            the empty report with a note and exits 0. Colour only on a terminal, never with NO_COLOR.
            """,
            examples: examples)
    }

    static func run(_ kind: ReportRequest.Kind, spec: CommandSpec, _ arguments: ParsedArguments, _ context: CommandContext) throws {
        let chosen = ["--json", "--csv", "--html"].filter { arguments.has($0) }
        guard chosen.count <= 1 else { throw UsageError("choose one of \(formats), not \(chosen.joined(separator: " and "))", command: spec) }
        if arguments.has("--excel") && !arguments.has("--csv") { throw UsageError("--excel applies to --csv only", command: spec) }
        var request = ReportRequest(kind: kind, window: try window(arguments, spec: spec), team: arguments.value("--team"),
                                    agent: kind == .agent ? arguments.positionals.first : arguments.value("--agent"),
                                    location: arguments.value("--location"), form: arguments.value("--form"), standard: arguments.value("--standard"))
        if let by = arguments.value("--by") {
            guard let granularity = ReportGranularity(rawValue: by) else {
                throw UsageError("--by takes month, week or quarter, not '\(by)'", command: spec)
            }
            request.granularity = granularity
        }
        let document = try ReportService(context: try context.app(.read)).run(request)
        try emit(document, arguments: arguments, context: context, what: "\(kind.rawValue) report")
    }

    /// Writes `document` in the format the arguments ask for, to stdout or `-o FILE`.
    static func emit(_ document: ReportDocument, arguments: ParsedArguments, context: CommandContext, what: String) throws {
        let text: String, format: String
        if arguments.has("--json") {
            (text, format) = (ReportJSON.render(document) + "\n", "JSON")
        } else if arguments.has("--csv") {
            (text, format) = (ReportCSV.render(document, excel: arguments.has("--excel")), "CSV")
        } else if arguments.has("--html") {
            (text, format) = (ReportHTML.page(document, generatedAt: context.now), "HTML")
        } else {
            let colour = arguments.value("--output") == nil && context.console.standardOutputTakesColour
            (text, format) = (ReportText.render(document, colour: colour, width: context.console.width), "text")
            if arguments.value("--output") == nil {
                context.console.print(text, terminator: "", keeping: colour ? ReportText.colourSequences : [])
                return
            }
        }
        if let path = arguments.value("--output") {
            try OutputFile.write(text, to: path)
            context.console.error("Wrote the \(what) (\(document.facts.first?.value ?? "")) as \(format) to \(path).")
        } else {
            context.console.print(text, terminator: "")
        }
    }

    /// `--period`, or `--from`/`--to` (days or months), or nil for the default window.
    static func window(_ arguments: ParsedArguments, spec: CommandSpec) throws -> ReportWindow? {
        if let text = arguments.value("--period") {
            guard arguments.value("--from") == nil && arguments.value("--to") == nil else {
                throw UsageError("give either --period or --from/--to, not both", command: spec)
            }
            guard let window = ReportWindow(period: text) else {
                throw UsageError("--period: '\(text)' is not a period; use \(ReportWindow.acceptedPeriods)", command: spec)
            }
            return window
        }
        let fromText = arguments.value("--from"), toText = arguments.value("--to")
        guard fromText != nil || toText != nil else { return nil }
        guard let fromText, let toText else { throw UsageError("give both --from and --to (or --period)", command: spec) }
        func day(_ text: String, option: String, last: Bool) throws -> ISODate {
            if let date = ISODate(text) { return date }
            if let month = PayPeriod(text), month.kind == .month { return last ? month.lastDay : month.firstDay }
            throw UsageError("\(option): '\(text)' is not a date YYYY-MM-DD or a month YYYY-MM", command: spec)
        }
        let from = try day(fromText, option: "--from", last: false), to = try day(toText, option: "--to", last: true)
        guard from <= to else { throw UsageError("--from \(from) is after --to \(to)", command: spec) }
        return ReportWindow(from: from, to: to)
    }
}

enum ReportAgentCommand: Command {
    static let spec = ReportCommands.spec(
        .agent, abstract: "One agent's results: audits with the points lost, strengths and weaknesses against the team",
        discussion: "What the agent sees: each audit with its score, band and the criteria that lost points (with the auditor's comments), category and criterion figures against the team, open coaching items and disputes.",
        examples: ["yardstick report agent A1001", "yardstick report agent A1001 --period 2026-Q3 --html -o A1001.html"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.agent, spec: spec, arguments, context) }
}

enum ReportTeamCommand: Command {
    static let spec = ReportCommands.spec(
        .team, abstract: "Teams: audits, mean score, bands, critical failures, categories and criteria",
        discussion: "One row per team (per team and month with --by month), then the scope's categories and criteria. With --csv, every criterion's failure rate is a column (failure:ID, a fraction).",
        examples: ["yardstick report team --period 2026-10", "yardstick report team --team oslo-phone --html -o oslo.html",
                   "yardstick report team --from 2024-11 --to 2026-10 --by month --csv -o teams.csv"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.team, spec: spec, arguments, context) }
}

enum ReportLocationCommand: Command {
    static let spec = ReportCommands.spec(
        .location, abstract: "Locations (stores, branches, sites): mystery shops and agents' audits per location",
        discussion: "One row per location; an agent's audit counts for the agent's location when it was recorded, a mystery shop for the location it names.",
        examples: ["yardstick report location --period 2026-Q4", "yardstick report location --location berlin-mitte --by month"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.location, spec: spec, arguments, context) }
}

enum ReportFormCommand: Command {
    static let spec = ReportCommands.spec(
        .form, abstract: "Forms: the same figures per form (call review, chat review, store visit …)",
        discussion: "One row per form of the standard.",
        examples: ["yardstick report form --period 2026-10", "yardstick report form --form call-review --by week"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.form, spec: spec, arguments, context) }
}

enum ReportCriteriaCommand: Command {
    static let spec = ReportCommands.spec(
        .criteria, abstract: "Criteria ranked by failure rate, and the team × criterion heat map",
        discussion: "Every criterion's failure rate across the scope (not-met share; for scales the share of points missed), ranked, against the period before, with the team where it fails most. The HTML page draws the whole heat map; the terminal shows the most failed criteria.",
        examples: ["yardstick report criteria --period 2026-10", "yardstick report criteria --period 2026-Q4 --html -o criteria.html"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.criteria, spec: spec, arguments, context) }
}

enum ReportAuditorsCommand: Command {
    static let spec = ReportCommands.spec(
        .auditors, abstract: "Auditors: volume, mean score given, returned reports, leniency or severity",
        discussion: "Leniency is the mean difference between an auditor's scores and the mean score other auditors gave the same agent on the same form in the same month (their scores corrected for their own leniency, so one harsh auditor does not make the others look lenient; 0 is the median auditor), with its 95 % Student-t interval; fewer than \(AuditorLeniency.minimumComparable) comparable audits give no estimate. An interval that excludes 0, with a difference of at least \(formatNumber(AuditorLeniency.practicalDifference)) points, marks the auditor harsher or more lenient than the others.",
        examples: ["yardstick report auditors --period 2026-Q4", "yardstick report auditors --from 2026-01 --to 2026-10 --html -o auditors.html"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.auditors, spec: spec, arguments, context) }
}

enum ReportTrendCommand: Command {
    static let spec = ReportCommands.spec(
        .trend, abstract: "The mean score over time, by month, week or quarter, with the band thresholds",
        discussion: "One row per month (or week, quarter) of the window: audits, mean score and its change, critical failures, bands; the criteria that moved most between the first and the last step.",
        examples: ["yardstick report trend", "yardstick report trend --from 2025-11 --to 2026-10 --team oslo-phone --html -o trend.html",
                   "yardstick report trend --period 2026-Q4 --by week"])
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws { try ReportCommands.run(.trend, spec: spec, arguments, context) }
}
