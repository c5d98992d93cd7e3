import Foundation

/// Runs the real `yardstick` binary, as a user would, and captures what it prints.
public struct BinaryRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public let databasePath: String
    public let workingDirectory: String

    public init(databasePath: String, workingDirectory: String = Repository.root) {
        self.databasePath = databasePath
        self.workingDirectory = workingDirectory
    }

    /// The built executable: beside the test bundle, else in .build/debug.
    public static let executable: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [runner.appendingPathComponent("yardstick").path, runner.deletingLastPathComponent().appendingPathComponent("yardstick").path,
                          Repository.path(".build/debug/yardstick")]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return Repository.path(".build/debug/yardstick")
    }()

    /// Runs `yardstick --db <database> arguments…` with a fixed clock, no colour and `input` on stdin.
    public func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["--db", databasePath, "--actor", "tester"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["YARDSTICK_TEST_NOW"] = "2026-11-23T09:00:00Z"
        environment["USER"] = "tester"
        environment.removeValue(forKey: "YARDSTICK_DB")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty command cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs without `--db`, for commands that take no database (`--help`, `--version`).
    public static func runPlain(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
