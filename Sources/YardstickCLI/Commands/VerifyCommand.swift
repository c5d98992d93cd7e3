import YardstickApp
import YardstickCore

/// `yardstick verify`: the integrity of the database and of every stored score.
enum VerifyCommand: Command {
    static let spec = CommandSpec(
        path: ["verify"], abstract: "Check the history chain, every audit's content hash and score, and every aggregate",
        options: [.json],
        discussion: """
        Walks the hash-chained history; recomputes each audit's content hash and checks it against the
        history; re-scores every audit from its stored answers under its stored form and standard
        versions; re-sums every agent × month aggregate; re-hashes every stored definition file; checks
        every incentive run's lines against the fingerprint its history recorded, and every coaching plan's
        content, done items and status against its history. Exit 0
        when everything matches, 1 with each problem named (audit id, journal entry, aggregate key).
        Read-only: it never changes the database.
        """,
        examples: ["yardstick verify", "yardstick verify --json"])

    /// Problems listed on the terminal; `--json` lists up to `Verifier.problemLimit`.
    static let printedProblems = 100

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let report = try Verifier(try context.app(.read)).run()
        let summary = "\(counted(report.journalEntries, "journal entry", "journal entries")), \(counted(report.audits, "audit")) (+\(counted(report.drafts, "draft"))), \(counted(report.aggregateRows, "aggregate row")), \(counted(report.definitionVersions, "definition version"))"
            + (report.incentiveRuns > 0 ? ", \(counted(report.incentiveRuns, "incentive run"))" : "")
            + (report.coachingPlans > 0 ? ", \(counted(report.coachingPlans, "coaching plan"))" : "")
            + (report.disputes > 0 ? ", \(counted(report.disputes, "dispute"))" : "")
            + (report.calibrationSessions > 0 ? ", \(counted(report.calibrationSessions, "calibration session"))" : "")
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("ok", .bool(report.isClean)), ("journal_entries", .integer(Int64(report.journalEntries))),
                ("audits", .integer(Int64(report.audits))), ("drafts", .integer(Int64(report.drafts))),
                ("aggregate_rows", .integer(Int64(report.aggregateRows))), ("definition_versions", .integer(Int64(report.definitionVersions))),
                ("incentive_runs", .integer(Int64(report.incentiveRuns))), ("coaching_plans", .integer(Int64(report.coachingPlans))),
                ("disputes", .integer(Int64(report.disputes))), ("calibration_sessions", .integer(Int64(report.calibrationSessions))),
                ("problem_count", .integer(Int64(report.problemCount))),
                ("problems", .array(report.problems.map { problem in
                    .object([("area", .string(problem.area.rawValue)), ("subject", .string(problem.subject)), ("message", .string(problem.message))])
                })),
            ]).rendered())
        } else if report.isClean {
            context.console.print("OK: \(summary) checked; history chain intact, every content hash, score and aggregate matches.")
        } else {
            for problem in report.problems.prefix(Self.printedProblems) {
                context.console.error("yardstick: verify: \(problem.subject): \(problem.message)")
            }
            if report.problemCount > Self.printedProblems {
                context.console.error("… and \(report.problemCount - Self.printedProblems) more problems ('yardstick verify --json' lists up to \(Verifier.problemLimit))")
            }
            context.console.print("FAILED: \(counted(report.problemCount, "problem")) in \(summary).")
        }
        if !report.isClean { throw ReportedFailure() }
    }
}
