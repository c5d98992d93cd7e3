import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// One `yardstick noun verb`: declares its spec, then validates arguments, calls one use case and renders.
protocol Command {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws
}

/// What every command gets: the console, the environment, the database path, the clock and the actor.
struct CommandContext {
    let console: Console
    let environment: [String: String]
    let databasePath: String
    let clock: Clock
    /// Who is acting, for the history: `--actor`, else the OS login; the login is recorded too.
    let actor: Actor

    /// The current time as ISO-8601 UTC.
    var now: String { clock.now() }

    /// The use cases' context over the database, opened for `access`.
    func app(_ access: Store.Access) throws -> AppContext {
        let context = AppContext(store: try Store(path: databasePath, access: access, at: clock.now()), clock: clock, actor: actor)
        if access != .read {
            // A change beside a long import waits for it, and says so, rather than failing after ten seconds.
            let console = console, path = databasePath
            context.waitForOtherWriters {
                console.error("yardstick: waiting for another process that is writing to \(path) (an import?); this goes on as soon as it is done…")
            }
        }
        return context
    }

    /// The context when a database exists (commands that can work without one, e.g. `check FILE`).
    func existingApp() throws -> AppContext? {
        FileManager.default.fileExists(atPath: databasePath) ? try app(.read) : nil
    }

    /// Problems a use case reports, printed as they come (`path:line:col: error: …`).
    var reporter: ConsoleReporter { ConsoleReporter(console: console) }
}

/// Prints a use case's problems to stderr and, on a terminal, a progress line.
final class ConsoleReporter: ProblemReporter {
    let console: Console
    private var progressShown = false

    init(console: Console) { self.console = console }

    func report(_ diagnostic: Diagnostic) {
        clearProgress()
        DiagnosticPrinter.print([diagnostic], to: console)
    }

    func progress(rows: Int) {
        guard console.standardErrorIsTerminal else { return }
        progressShown = true
        FileHandle.standardError.write(Data("\r  \(rows) rows read…".utf8))
    }

    func clearProgress() {
        guard progressShown else { return }
        progressShown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// A check that failed after its diagnostics were printed (exit 1, no further message).
struct ReportedFailure: Error {}
