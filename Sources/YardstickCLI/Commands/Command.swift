import Foundation
import YardstickStore

/// One `yardstick noun verb`: declares its spec, then validates arguments, calls one workflow and renders.
protocol Command {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws
}

/// What every command gets: the console, the environment, the database path, the clock and the actor.
struct CommandContext {
    let console: Console
    let environment: [String: String]
    let databasePath: String
    /// The current time as ISO-8601 UTC; `YARDSTICK_NOW` fixes it for reproducible demos and tests.
    let now: String
    /// Who is acting, for the history: the login name unless given.
    let actor: String

    func openStore(create: Bool) throws -> Store {
        try Store(path: databasePath, create: create)
    }

    /// Opens the database for reading, or returns nil when there is none (commands that can work without one).
    func existingStore() throws -> Store? {
        FileManager.default.fileExists(atPath: databasePath) ? try Store(path: databasePath, create: false) : nil
    }
}

/// Bad input in the command's arguments or files (exit 1); the diagnostics are already printed when `printed`.
struct InputError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A check that failed after its diagnostics were printed (exit 1, no further message).
struct ReportedFailure: Error {}
