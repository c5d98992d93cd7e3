import YardstickApp
import YardstickCore

/// `yardstick audit review ID… --release | --return REASON` (or a filter instead of numbers).
enum AuditReviewCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "review"], abstract: "Release submitted audits so they count, or return them to the auditor with a reason",
        arguments: [ArgumentSpec(name: "ID", help: "The audits' numbers (or use --form / --status)", repeats: true, optional: true)],
        options: [.flag("--release", "The audit is right: it counts from now on"), .value("--return", "REASON", "Send it back, saying what to fix")]
            + AuditTargets.options + [.json],
        examples: ["yardstick audit review 42 --release", "yardstick audit review 43 --return 'Hold time missing from the notes'",
                   "yardstick audit review --form store-visit --status submitted --release"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let release = arguments.has("--release")
        let reason = arguments.value("--return")
        guard release != (reason != nil) else { throw UsageError("give exactly one of --release or --return REASON", command: spec) }
        if let reason, reason.trimmingWhitespace().isEmpty { throw UsageError("--return needs a reason the auditor can act on", command: spec) }
        let app = try context.app(.write)
        let service = AuditService(app)
        let ids = try AuditTargets.resolve(arguments, spec: spec, app: app)
        try AuditTargets.run(ids, json: arguments.has("--json"), console: context.console, verb: release ? "Released" : "Returned") { id in
            let status = try service.review(id, release: release, reason: reason).audit.status
            return (status, release ? "Released audit #\(id); it now counts." : "Returned audit #\(id) to its auditor: \(reason ?? "")")
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
        arguments: [ArgumentSpec(name: "ID", help: "The audits' numbers (or use --form / --status)", repeats: true, optional: true)],
        options: [.value("--standard-version", "N|LABEL", "The version's number or label from 'standards list --all-versions' (required)"),
                  .value("--reason", "TEXT", "Why (shown in the history)")] + AuditTargets.options + [.json],
        examples: ["yardstick audit rescore 42 --standard-version 9 --reason 'HOLD-60S weight raised in 2026.2'",
                   "yardstick audit rescore --form call-review --status released --standard-version 2026.2"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard let version = arguments.value("--standard-version"), !version.isEmpty else {
            throw UsageError("--standard-version is required: a version number or label from 'yardstick standards list --all-versions'", command: spec)
        }
        let app = try context.app(.write)
        let service = AuditService(app)
        let ids = try AuditTargets.resolve(arguments, spec: spec, app: app)
        if ids.count == 1, arguments.has("--json") {
            _ = try service.rescore(ids[0], standardVersion: version, reason: arguments.value("--reason"))
            try AuditShowCommand.render(id: ids[0], service: service, json: true, console: context.console)
            return
        }
        try AuditTargets.run(ids, json: arguments.has("--json"), console: context.console, verb: "Re-scored") { id in
            let outcome = try service.rescore(id, standardVersion: version, reason: arguments.value("--reason"))
            return (outcome.audit.status, "Re-scored audit #\(id) under standard version #\(outcome.audit.standardVersionID): \(outcome.oldScore.map { formatNumber($0) } ?? "N/A") → \(outcome.newScore.map { formatNumber($0) } ?? "N/A").")
        }
    }
}
