import Foundation
import YardstickCore

/// `yardstick bench run`: job A of PRODUCT.md §10 through the real commands — a fresh database in a
/// temporary folder, the workload's definitions and roster loaded, then the timed `audit import` in
/// its own process (wall time and that process's peak memory), then `verify` on the result.
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

        public var auditsPerSecond: Double { seconds > 0 ? Double(audits) / seconds : 0 }
    }

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
        _ = try yardstick(["--db", database, "init"], in: folder)
        let formID: String
        var bytes = 0
        switch workload {
        case .reference:
            progress("writing the reference workload (\(audits) audits)")
            bytes = try WorkloadFiles.writeReference(ReferenceWorkload(audits: audits), to: folder)
            _ = try yardstick(["--db", database, "load", folder + "/standard.xml", folder + "/form.xml", folder + "/policy.xml"], in: folder)
            formID = "reference"
        case .callReview:
            guard !bundledFolders.isEmpty else {
                throw InputError("the call-review workload needs the bundled standards and forms; run this from the project folder or an installed copy")
            }
            _ = try yardstick(["--db", database, "load"] + bundledFolders, in: folder)
            progress("writing \(audits) call reviews")
            _ = try yardstick(["--db", database, "bench", "generate", "--audits", String(audits), "--out", folder], in: folder)
            bytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/audits.csv")[.size] as? Int) ?? 0
            formID = "call-review"
        }
        _ = try yardstick(["--db", database, "agents", "import", folder + "/roster.csv"], in: folder)
        progress("job A: importing \(folder)/audits.csv")
        let started = Date()
        _ = try yardstick(["--db", database, "audit", "import", folder + "/audits.csv", "--form", formID], in: folder)
        let seconds = Date().timeIntervalSince(started)
        // The import is the largest of the children so far: their peak is its peak.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        progress("verifying the result")
        let verify = try? yardstick(["--db", database, "verify"], in: folder)
        return Result(workload: workload, audits: audits, fileBytes: bytes, seconds: seconds, peakKiB: Int(usage.ru_maxrss),
                      verified: verify != nil, verifyOutput: (verify ?? "verify failed").trimmingWhitespace())
    }

    /// Runs this yardstick with `arguments`; its standard output, or an error with what it said.
    private func yardstick(_ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError("'yardstick \(arguments.joined(separator: " "))' failed (exit \(process.terminationStatus)): \(problems.trimmingWhitespace())")
        }
        return text
    }
}
