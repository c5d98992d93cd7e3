import YardstickApp
import YardstickCore

/// `yardstick audit review ID --release | --return REASON`.
enum AuditReviewCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "review"], abstract: "Release a submitted audit so it counts, or return it to the auditor with a reason",
        arguments: [ArgumentSpec(name: "ID", help: "The audit's number")],
        options: [.flag("--release", "The audit is right: it counts from now on"), .value("--return", "REASON", "Send it back, saying what to fix"), .json],
        examples: ["yardstick audit review 42 --release", "yardstick audit review 43 --return 'Hold time missing from the notes'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        let release = arguments.has("--release")
        let reason = arguments.value("--return")
        guard release != (reason != nil) else { throw UsageError("give exactly one of --release or --return REASON", command: spec) }
        if let reason, reason.trimmingWhitespace().isEmpty { throw UsageError("--return needs a reason the auditor can act on", command: spec) }
        let status = try AuditService(try context.app(.write)).review(id, release: release, reason: reason).audit.status
        if arguments.has("--json") {
            context.console.print(JSONValue.object([("id", .integer(id)), ("status", .string(status.rawValue))]).rendered())
        } else {
            context.console.print(release ? "Released audit #\(id); it now counts." : "Returned audit #\(id) to its auditor: \(reason ?? "")")
        }
    }
}

/// `yardstick audit amend ID --answer q=v … --reason TEXT`.
enum AuditAmendCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "amend"], abstract: "Change answers of a submitted audit; re-scores it and records old and new in the history",
        arguments: [ArgumentSpec(name: "ID", help: "The audit's number")],
        options: [
            .value("--answer", "FIELD=VALUE", "New answer (empty VALUE clears it); repeatable", repeats: true),
            .value("--comment", "FIELD=TEXT", "New comment; repeatable", repeats: true),
            .value("--reason", "TEXT", "Why (required; shown in the history)"), .json,
        ],
        examples: ["yardstick audit amend 42 --answer longest_hold=0:55 --reason 'Hold timer included the IVR message'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        guard let reason = arguments.value("--reason"), !reason.trimmingWhitespace().isEmpty else {
            throw UsageError("--reason is required: amendments are part of the audit's history", command: spec)
        }
        func pairs(_ option: String) throws -> [(String, String)] {
            try arguments.values(option).map { item in
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    throw UsageError("\(option) takes FIELD=VALUE, not '\(item)'", command: spec)
                }
                return (String(item[..<equals]), String(item[item.index(after: equals)...]))
            }
        }
        let answers = try pairs("--answer"), comments = try pairs("--comment")
        guard !answers.isEmpty || !comments.isEmpty else { throw UsageError("nothing to amend: give --answer or --comment", command: spec) }
        let service = AuditService(try context.app(.write))
        guard let outcome = try service.amend(id, answers: answers, comments: comments, reason: reason) else {
            if arguments.has("--json") {
                try AuditShowCommand.render(id: id, service: service, json: true, console: context.console)
            } else {
                context.console.print("Changed draft #\(id); it is scored when submitted ('yardstick audit resume \(id)' or 'yardstick audit submit \(id)').")
            }
            return
        }
        if arguments.has("--json") {
            try AuditShowCommand.render(id: id, service: service, json: true, console: context.console)
        } else {
            context.console.print("Amended audit #\(id): score \(outcome.oldScore.map { formatNumber($0) } ?? "N/A") → \(outcome.newScore.map { formatNumber($0) } ?? "N/A"), band \(outcome.oldBand ?? "—") → \(outcome.newBand ?? "—").")
        }
    }
}

/// `yardstick audit rescore ID --standard-version N`.
enum AuditRescoreCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "rescore"], abstract: "Re-score an audit's answers under another stored version of its standard (recorded)",
        arguments: [ArgumentSpec(name: "ID", help: "The audit's number")],
        options: [.value("--standard-version", "N|LABEL", "The version's number or label from 'standards list --all-versions' (required)"),
                  .value("--reason", "TEXT", "Why (shown in the history)"), .json],
        examples: ["yardstick audit rescore 42 --standard-version 9 --reason 'HOLD-60S weight raised in 2026.2'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        guard let version = arguments.value("--standard-version"), !version.isEmpty else {
            throw UsageError("--standard-version is required: a version number or label from 'yardstick standards list --all-versions'", command: spec)
        }
        let service = AuditService(try context.app(.write))
        let outcome = try service.rescore(id, standardVersion: version, reason: arguments.value("--reason"))
        if arguments.has("--json") {
            try AuditShowCommand.render(id: id, service: service, json: true, console: context.console)
        } else {
            context.console.print("Re-scored audit #\(id) under standard version #\(outcome.audit.standardVersionID): \(outcome.oldScore.map { formatNumber($0) } ?? "N/A") → \(outcome.newScore.map { formatNumber($0) } ?? "N/A").")
        }
    }
}
