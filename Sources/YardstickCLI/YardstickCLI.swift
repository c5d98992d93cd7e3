import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// The command-line front end: finds the command, runs it, and maps every error to a message and an exit code.
public enum YardstickCLI {
    public static let version = "0.1.0"

    // Immutable after start-up; metatypes of a non-Sendable protocol cannot be declared Sendable.
    nonisolated(unsafe) static let commands: [any Command.Type] = [
        InitCommand.self, CheckCommand.self, LoadCommand.self,
        StandardsListCommand.self, StandardsShowCommand.self, StandardsCheckCommand.self,
        FormsListCommand.self, FormsShowCommand.self, FormsCheckCommand.self,
        AgentsImportCommand.self, AgentsAddCommand.self, AgentsListCommand.self, AgentsShowCommand.self,
        AuditNewCommand.self, AuditResumeCommand.self, AuditSubmitCommand.self, AuditImportCommand.self, AuditListCommand.self,
        AuditShowCommand.self, AuditDeleteCommand.self, AuditReviewCommand.self, AuditAmendCommand.self,
        AuditRescoreCommand.self, FeedbackImportCommand.self, FeedbackSummaryCommand.self,
        IncentivesRunCommand.self, IncentivesListCommand.self, IncentivesShowCommand.self, IncentivesFinaliseCommand.self,
        IncentivesDiffCommand.self, IncentivesExportCommand.self, CoachPlanCommand.self, CoachListCommand.self, CoachShowCommand.self,
        CoachDoneCommand.self, CoachCancelCommand.self, CoachEffectCommand.self,
        ReportAgentCommand.self, ReportTeamCommand.self, ReportLocationCommand.self, ReportFormCommand.self, ReportCriteriaCommand.self,
        ReportAuditorsCommand.self, ReportTrendCommand.self, StatsAgreementCommand.self,
        DisputeOpenCommand.self, DisputeListCommand.self, DisputeShowCommand.self, DisputeDecideCommand.self,
        CalibrationOpenCommand.self, CalibrationJoinCommand.self, CalibrationStatusCommand.self, CalibrationCloseCommand.self,
        CalibrationResultsCommand.self, CalibrationListCommand.self, SettingsCommand.self, VerifyCommand.self, DemoCommand.self, BenchGenerateCommand.self, BenchRunCommand.self,
    ]

    /// Runs the process's command line and exits with its status.
    public static func main() -> Never {
        let status = run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        exit(status)
    }

    /// Runs one command line; returns the exit status (0 success, 1 bad input or failed check, 2 usage).
    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let console = Console(environment: environment)
        defer { console.flush() }
        var remaining = arguments
        var databaseOption: String?, actorOption: String?
        var databasePath = environment["YARDSTICK_DB"] ?? "yardstick.db"
        // Global options may stand before the noun.
        while let first = remaining.first, first.hasPrefix("-") {
            if first == "--version" {
                console.print("yardstick \(version)")
                return 0
            } else if first == "--help" || first == "-h" {
                console.print(overview())
                return 0
            } else if first == "--db", remaining.count > 1 {
                databaseOption = remaining[1]
                remaining.removeFirst(2)
            } else if first.hasPrefix("--db=") {
                databaseOption = String(first.dropFirst(5))
                remaining.removeFirst()
            } else if first == "--actor", remaining.count > 1 {
                actorOption = remaining[1]
                remaining.removeFirst(2)
            } else {
                console.reportError("unknown option '\(first)'; see 'yardstick --help'")
                return 2
            }
        }
        guard !remaining.isEmpty else {
            console.print(overview())
            return 0
        }
        guard let (command, consumed) = find(remaining) else {
            let noun = remaining[0]
            let verbs = commands.filter { $0.spec.path.first == noun }
            if !verbs.isEmpty, remaining.count == 1 || remaining[1].hasPrefix("-") {
                console.print(nounHelp(noun, verbs.map { $0.spec }))
                return remaining.count == 1 || remaining.contains("--help") ? 0 : 2
            }
            let attempt = remaining.prefix(2).joined(separator: " ")
            console.reportError(verbs.isEmpty
                ? "unknown command '\(noun)'; see 'yardstick --help'"
                : "unknown command '\(attempt)'; '\(noun)' has \(verbs.map { $0.spec.path.last ?? "" }.joined(separator: ", "))")
            return 2
        }
        let spec = command.spec
        do {
            let parsed = try ParsedArguments.scan(Array(remaining.dropFirst(consumed)), for: spec)
            if parsed.has("--help") {
                console.print(HelpRenderer.help(spec), terminator: "")
                return 0
            }
            let login = Actor.osLogin
            databasePath = parsed.value("--db") ?? databaseOption ?? environment["YARDSTICK_DB"] ?? "yardstick.db"
            let context = CommandContext(
                console: console, environment: environment, databasePath: databasePath, clock: Self.clock(environment),
                actor: Actor(name: parsed.value("--actor") ?? actorOption ?? login, login: login))
            try command.run(parsed, context)
            return 0
        } catch {
            return report(error, console: console, databasePath: databasePath)
        }
    }

    /// The one place that turns an error into output and an exit status.
    static func report(_ error: any Error, console: Console, databasePath: String) -> Int32 {
        switch error {
        case let usage as UsageError:
            console.reportError(usage.message)
            if let spec = usage.command {
                console.error("Usage: \(HelpRenderer.usageLine(spec))")
                console.error("See 'yardstick \(spec.name) --help'.")
            }
            return 2
        case let request as IncentiveRequestError:
            console.reportError(request.description)
            return 2
        case is ReportedFailure:
            return 1
        case let input as InputError:
            console.reportError(input.message)
            return 1
        case let store as StoreError:
            console.reportError(store.description)
            return 1
        case let sqlite as SQLiteError:
            console.reportError(StoreError.explaining(sqlite, path: databasePath).description)
            return 1
        case let codec as CodecError:
            console.reportError("stored data cannot be decoded (\(codec)); run 'yardstick verify'")
            return 1
        case let cocoa as CocoaError:
            console.reportError(cocoa.localizedDescription)
            return 1
        default:
            console.reportError("\(error)")
            return 1
        }
    }

    private static func find(_ arguments: [String]) -> (any Command.Type, Int)? {
        for length in [2, 1] where arguments.count >= length {
            let path = Array(arguments.prefix(length))
            if let command = commands.first(where: { $0.spec.path == path }) { return (command, length) }
        }
        return nil
    }

    static func overview() -> String {
        var out = """
        yardstick \(version) — service quality audits from the terminal

        Usage: yardstick [--db PATH] [--actor NAME] <command> [options]

        Commands:

        """
        let specs = commands.map { $0.spec }
        let width = (specs.map { $0.name.count }.max() ?? 0) + 2
        for spec in specs {
            out += "  " + spec.name + String(repeating: " ", count: width - spec.name.count) + spec.abstract + "\n"
        }
        out += """

        The database is --db PATH, else $YARDSTICK_DB, else ./yardstick.db. --actor NAME records who acts
        (default: your login name; the login is recorded as well).
        Run 'yardstick <command> --help' for a command's options and an example.
        Exit status: 0 success, 1 bad input or a failed check, 2 usage error.
        """
        return out
    }

    static func nounHelp(_ noun: String, _ specs: [CommandSpec]) -> String {
        var out = "Usage: yardstick \(noun) <\(specs.map { $0.path.last ?? "" }.joined(separator: "|"))> [options]\n\n"
        let width = (specs.map { $0.name.count }.max() ?? 0) + 2
        for spec in specs {
            out += "  " + spec.name + String(repeating: " ", count: width - spec.name.count) + spec.abstract + "\n"
        }
        return out
    }

    /// The system clock. Debug builds (the ones the tests run) honour `YARDSTICK_TEST_NOW` so that
    /// recorded histories are reproducible; a release build has no way to change the history's clock.
    static func clock(_ environment: [String: String]) -> Clock {
        #if DEBUG
        if let fixed = environment["YARDSTICK_TEST_NOW"] { return .fixed(fixed) }
        #endif
        return .system
    }
}
