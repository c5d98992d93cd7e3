import Foundation
import YardstickApp
import YardstickCore

/// `yardstick bench run`: jobs A, B and C of the benchmark through the real commands, with their figures.
enum BenchRunCommand: Command {
    static let spec = CommandSpec(
        path: ["bench", "run"], abstract: "Run the benchmark's jobs A (import, score, store), B (an incentive month) and C (a 24-month team report) in a fresh temporary database",
        options: [
            .value("--workload", "NAME", "reference (default; the 40-criterion benchmark workload) or call-review (the bundled form with skip logic and checks)"),
            .value("--audits", "N", "Number of audits (default 200000)"), .json,
        ],
        discussion: """
        Generates the workload in a temporary folder, creates a database there, registers the definitions and the roster,
        then times 'yardstick audit import' in its own process: wall time, audits per second and that process's peak
        memory. Afterwards 'yardstick verify' checks the stored result, and on the reference workload job B runs its
        incentive policy for one month ('incentives run' writing the payroll CSV) and job C the team × month report
        over the 24 generated months ('report team --by month --csv': mean score and every criterion's failure
        rate), each timed the same way. The folder is removed at the end. Compare with pandas, Polars and DuckDB on the same files with scripts/bench/compare.sh.
        """,
        examples: ["yardstick bench run", "yardstick bench run --workload call-review --audits 200000 --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let name = arguments.value("--workload") ?? "reference"
        guard let workload = BenchmarkRunner.Workload(rawValue: name) else {
            throw UsageError("--workload is reference or call-review, not '\(name)'", command: spec)
        }
        var audits = 200_000
        if let text = arguments.value("--audits") {
            guard let value = Int(text), value > 0 else { throw UsageError("--audits takes a positive whole number", command: spec) }
            audits = value
        }
        let json = arguments.has("--json")
        let result = try BenchmarkRunner().run(workload, audits: audits) { step in
            if !json { context.console.error("bench: \(step)") }
        }
        if json {
            let jobB = result.incentiveMonth.map { month in
                JSONValue.object([
                    ("job", .string("B")), ("policy", .string(month.policy)), ("period", .string(month.period)),
                    ("agents", .integer(Int64(month.agents))), ("audits", .integer(Int64(month.audits))), ("seconds", .number(month.seconds)),
                    ("peak_rss_kib", .integer(Int64(month.peakKiB))),
                ])
            }
            let jobC = result.history.map { history in
                JSONValue.object([
                    ("job", .string("C")), ("from", .string(history.from)), ("to", .string(history.to)), ("rows", .integer(Int64(history.rows))),
                    ("seconds", .number(history.seconds)), ("peak_rss_kib", .integer(Int64(history.peakKiB))),
                ])
            }
            context.console.print(JSONValue.array([
                .object([
                    ("job", .string("A")), ("workload", .string(result.workload.rawValue)), ("audits", .integer(Int64(result.audits))),
                    ("file_bytes", .integer(Int64(result.fileBytes))), ("seconds", .number(result.seconds)),
                    ("audits_per_second", .number(result.auditsPerSecond.rounded())), ("peak_rss_kib", .integer(Int64(result.peakKiB))),
                    ("verified", .bool(result.verified)),
                ]),
            ] + (jobB.map { [$0] } ?? []) + (jobC.map { [$0] } ?? [])).rendered())
        } else {
            context.console.print("Job A (\(result.workload.rawValue), \(counted(result.audits, "audit")), \(result.fileBytes / 1_048_576) MiB CSV): "
                + "\(String(format: "%.2f", result.seconds)) s, \(Int(result.auditsPerSecond.rounded())) audits/s, peak RSS \(result.peakKiB / 1024) MiB")
            context.console.print("verify: \(result.verifyOutput)")
            if let month = result.incentiveMonth {
                context.console.print("Job B (\(month.policy), \(month.period): \(counted(month.agents, "agent")), \(counted(month.audits, "audit")), payroll CSV): "
                    + "\(String(format: "%.3f", month.seconds)) s, peak RSS \(month.peakKiB / 1024) MiB")
            }
            if let history = result.history {
                context.console.print("Job C (team × month report \(history.from) – \(history.to): \(counted(history.rows, "row")), 40 failure rates each, CSV): "
                    + "\(String(format: "%.3f", history.seconds)) s, peak RSS \(history.peakKiB / 1024) MiB")
            }
        }
        if !result.verified { throw ReportedFailure() }
    }
}
