import Foundation
import YardstickCore

/// `yardstick bench run`: jobs A, B and C of the benchmark through the real commands — a fresh database
/// in a temporary folder, the workload's definitions and roster loaded, then the timed `audit import`
/// in its own process (wall time and that process's own peak memory, from `wait4`), `verify`, the
/// timed incentive month (`incentives run` writing its payroll CSV) and the timed 24-month team
/// report (`report team --by month --csv`).
public struct BenchmarkRunner {
    public enum Workload: String, Sendable, CaseIterable {
        case reference
        case callReview = "call-review"
    }

    public struct Result: Sendable {
        public var workload: Workload
        public var audits: Int
        public var fileBytes: Int
        public var seconds: Double
        public var peakKiB: Int
        public var verified: Bool
        public var verifyOutput: String
        /// Job B, on the reference workload (its policy pays every team; the bundled one only the contact-centre teams).
        public var incentiveMonth: IncentiveMonth?
        /// Job C, on the reference workload.
        public var history: HistoryReport?

        public var auditsPerSecond: Double { seconds > 0 ? Double(audits) / seconds : 0 }
    }

    /// Job B: one month of the workload's incentive policy, run and exported as payroll CSV.
    public struct IncentiveMonth: Sendable {
        public var policy: String
        public var period: String
        public var agents: Int
        public var audits: Int
        public var seconds: Double
        public var peakKiB: Int
    }

    /// Job C: per team and month over the generated months, mean score and every criterion's failure rate, as CSV.
    public struct HistoryReport: Sendable {
        public var from: String
        public var to: String
        /// Team × month rows of the CSV.
        public var rows: Int
        public var seconds: Double
        public var peakKiB: Int
    }

    /// The months job C covers: the 24 generated ones.
    public static let historyMonths = ("2024-11", "2026-10")

    /// The month job B pays: the last of the generated months.
    public static let incentivePeriod = "2026-10"

    /// The yardstick executable the jobs run (this process's own).
    let executable: String
    /// The bundled standards and forms (for the call-review workload), as absolute paths.
    let bundledFolders: [String]

    public init() {
        executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let cwd = FileManager.default.currentDirectoryPath
        bundledFolders = BundledContent.folders().map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }
    }

    /// Runs job A for `audits` audits of `workload`; `progress` hears each step.
    public func run(_ workload: Workload, audits: Int, progress: (String) -> Void) throws -> Result {
        let folder = NSTemporaryDirectory() + "yardstick-bench-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/bench.db"
        progress("creating \(database)")
        try yardstick(["--db", database, "init"], in: folder)
        let formID: String, policyID: String?
        var bytes = 0
        switch workload {
        case .reference:
            progress("writing the reference workload (\(audits) audits)")
            bytes = try WorkloadFiles.writeReference(ReferenceWorkload(audits: audits), to: folder)
            try yardstick(["--db", database, "load", folder + "/standard.xml", folder + "/form.xml", folder + "/policy.xml"], in: folder)
            formID = "reference"
            policyID = "reference-monthly"
        case .callReview:
            guard !bundledFolders.isEmpty else {
                throw InputError("the call-review workload needs the bundled standards and forms; run this from the project folder or an installed copy")
            }
            try yardstick(["--db", database, "load"] + bundledFolders, in: folder)
            progress("writing \(audits) call reviews")
            try yardstick(["--db", database, "bench", "generate", "--audits", String(audits), "--out", folder], in: folder)
            bytes = FileInput.size(of: folder + "/audits.csv") ?? 0
            formID = "call-review"
            policyID = nil
        }
        try yardstick(["--db", database, "agents", "import", folder + "/roster.csv"], in: folder)
        progress("job A: importing \(folder)/audits.csv")
        let started = Date()
        let imported = try yardstick(["--db", database, "audit", "import", folder + "/audits.csv", "--form", formID], in: folder)
        let seconds = Date().timeIntervalSince(started)
        progress("verifying the result")
        let verified: Bool, verifyOutput: String
        do {
            verifyOutput = try yardstick(["--db", database, "verify"], in: folder).output.trimmingWhitespace()
            verified = true
        } catch let error as InputError {
            verifyOutput = error.message
            verified = false
        }
        var incentiveMonth: IncentiveMonth?
        if let policyID {
            progress("job B: incentive month \(Self.incentivePeriod) of \(policyID), with its payroll CSV")
            let exportPath = folder + "/payroll.csv"
            let monthStarted = Date()
            let ran = try yardstick(["--db", database, "incentives", "run", "--policy", policyID, "--period", Self.incentivePeriod, "-o", exportPath], in: folder)
            let monthSeconds = Date().timeIntervalSince(monthStarted)
            let month = try Self.payrollFigures(exportPath)
            incentiveMonth = IncentiveMonth(policy: policyID, period: Self.incentivePeriod, agents: month.agents, audits: month.audits,
                                            seconds: monthSeconds, peakKiB: ran.peakKiB)
        }
        var history: HistoryReport?
        if workload == .reference {
            let (from, to) = Self.historyMonths
            progress("job C: team × month report \(from) – \(to), as CSV")
            let reportPath = folder + "/teams.csv"
            let reportStarted = Date()
            let ran = try yardstick(["--db", database, "report", "team", "--from", from, "--to", to, "--by", "month", "--csv", "-o", reportPath], in: folder)
            let reportSeconds = Date().timeIntervalSince(reportStarted)
            var rows = -1
            try CSVInput.stream(reportPath, options: CSVOptions(separator: UInt8(ascii: ","))) { _ in rows += 1 }
            history = HistoryReport(from: from, to: to, rows: max(0, rows), seconds: reportSeconds, peakKiB: ran.peakKiB)
        }
        return Result(workload: workload, audits: audits, fileBytes: bytes, seconds: seconds, peakKiB: imported.peakKiB,
                      verified: verified, verifyOutput: verifyOutput, incentiveMonth: incentiveMonth, history: history)
    }

    /// Agents (rows) and audits (the sum of the `audits` column) of a payroll CSV.
    static func payrollFigures(_ path: String) throws -> (agents: Int, audits: Int) {
        var agents = 0, audits = 0
        var auditsColumn: Int?
        try CSVInput.stream(path, options: CSVOptions(separator: UInt8(ascii: ","))) { record in
            guard let column = auditsColumn else {
                auditsColumn = record.fields.firstIndex(of: "audits")
                return
            }
            agents += 1
            audits += column < record.fields.count ? Int(record.fields[column]) ?? 0 : 0
        }
        return (agents, audits)
    }

    /// Runs this yardstick with `arguments` in `folder`; its standard output and its own peak
    /// memory, or an error with what it printed.
    @discardableResult
    private func yardstick(_ arguments: [String], in folder: String) throws -> (output: String, peakKiB: Int) {
        // Output goes to files, so a child that prints a lot can never block on a full pipe.
        let outputPath = folder + "/.stdout", errorPath = folder + "/.stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        // The child starts in `folder` (where `init` looks for ./standards): the runner is single-threaded here.
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(folder) else { throw InputError("cannot enter \(folder)") }
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        _ = FileManager.default.changeCurrentDirectoryPath(previous)
        guard status == 0 else { throw InputError("could not start \(executable): \(String(cString: strerror(status)))") }
        var exit: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exit, 0, &usage) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let problems = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        // A normal exit has the low seven bits clear; its code is in the next eight.
        guard exit & 0x7f == 0, (exit >> 8) & 0xff == 0 else {
            let said = (problems + "\n" + output).trimmingWhitespace()
            throw InputError("'yardstick \(arguments.joined(separator: " "))' failed (status \(exit)): \(said)")
        }
        return (output, Int(usage.ru_maxrss))
    }
}
