import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick dispute open AUDIT --criterion C --reason TEXT [--by NAME]`.
enum DisputeOpenCommand: Command {
    static let spec = CommandSpec(
        path: ["dispute", "open"], abstract: "Contest one criterion of a released audit, within the policy's window and cap",
        arguments: [ArgumentSpec(name: "AUDIT", help: "The audit's number")],
        options: [
            .value("--criterion", "ID", "The criterion contested (see 'yardstick audit show AUDIT')"), .value("--reason", "TEXT", "Why the result is wrong"),
            .value("--by", "NAME", "Who contests it (the agent or team lead; default: --actor, else your login)"), .json,
        ],
        discussion: """
        The window (days after the audit's release) and the most disputes per audit come from the incentive
        policy whose scope holds the audit's team (its <disputes window-days= max-per-audit=> element); without
        one, 14 days and 3. A criterion can be disputed once at a time. Everything is in the history.
        """,
        examples: ["yardstick dispute open 17 --criterion HOLD-60S --reason 'The hold was the IVR message, not me' --by A1001"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let audit = try AuditNumber.parse(arguments.positionals[0])
        guard let criterion = arguments.value("--criterion") else { throw UsageError("--criterion is required", command: spec) }
        guard let reason = arguments.value("--reason") else { throw UsageError("--reason is required: a dispute says why", command: spec) }
        let opened = try DisputeService(context: try context.app(.write)).open(auditID: audit, criterionID: criterion, reason: reason,
                                                                               by: arguments.value("--by"))
        if arguments.has("--json") {
            context.console.print(DisputeShowCommand.json(opened.dispute).rendered())
        } else {
            context.console.print("Opened dispute #\(opened.dispute.id) of audit \(audit), \(criterion) (by \(opened.dispute.openedBy)); "
                + "the window is open until \(opened.windowEnds); \(opened.countForAudit) of \(opened.rules.maximumPerAudit) disputes for this audit (\(opened.rules.source)).")
        }
    }
}

/// `yardstick dispute decide D --uphold|--overturn|--partial [--answer q=v]… --reason TEXT`.
enum DisputeDecideCommand: Command {
    static let spec = CommandSpec(
        path: ["dispute", "decide"], abstract: "Decide a dispute once: uphold the result, or overturn it (fully or partly) with the new answer",
        arguments: [ArgumentSpec(name: "DISPUTE", help: "The dispute's number")],
        options: [
            .flag("--uphold", "The audit's result stands"), .flag("--overturn", "The agent is right: amend the answer"),
            .flag("--partial", "Partly right: amend the answer (e.g. a scale level)"),
            .value("--answer", "QUESTION=VALUE", "The new answer, for --overturn and --partial; repeatable", repeats: true),
            .value("--comment", "QUESTION=TEXT", "A new comment on that answer (empty TEXT clears it); repeatable", repeats: true),
            .value("--reason", "TEXT", "Why, for the agent and the history"), .json,
        ],
        discussion: """
        An overturn or a partial decision amends the audit through the same path as 'audit amend' — re-scored,
        aggregates exact, the history naming the dispute — in one transaction with the decision. Incentive
        diffs then name the dispute behind a changed amount. A decided dispute cannot be decided again.
        """,
        examples: ["yardstick dispute decide 3 --overturn --answer longest_hold=0:45 --reason 'The recording shows 45 s on hold'",
                   "yardstick dispute decide 4 --uphold --reason 'The identity check was skipped, as recorded'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try DisputeShowCommand.number(arguments.positionals[0], spec: spec)
        let chosen: [(String, DisputeService.Decision)] = [("--uphold", .uphold), ("--overturn", .overturn), ("--partial", .partial)].filter { arguments.has($0.0) }
        guard chosen.count == 1, let decision = chosen.first?.1 else {
            throw UsageError("give exactly one of --uphold, --overturn or --partial", command: spec)
        }
        guard let reason = arguments.value("--reason") else { throw UsageError("--reason is required: a decision says why", command: spec) }
        func pairs(_ option: String) throws -> [(String, String)] {
            try arguments.values(option).map { item -> (String, String) in
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    throw UsageError("\(option) takes QUESTION=\(option == "--answer" ? "VALUE" : "TEXT"), not '\(item)'", command: spec)
                }
                return (String(item[..<equals]), String(item[item.index(after: equals)...]))
            }
        }
        let decided = try DisputeService(context: try context.app(.write)).decide(id, decision, answers: try pairs("--answer"), comments: try pairs("--comment"),
                                                                                  reason: reason)
        if arguments.has("--json") {
            context.console.print(DisputeShowCommand.json(decided.dispute).rendered())
            return
        }
        var line = "Dispute #\(id) \(decided.dispute.status)."
        if let change = decided.amendment {
            line += " Audit \(decided.dispute.auditID) amended: score \(change.oldScore.map { formatNumber($0) } ?? "N/A") → \(change.newScore.map { formatNumber($0) } ?? "N/A"), band \(change.oldBand ?? "—") → \(change.newBand ?? "—")."
        } else {
            line += " Audit \(decided.dispute.auditID) stays as it is."
        }
        context.console.print(line)
    }
}

/// `yardstick dispute list [--status S] [--agent A] [--audit N]`.
enum DisputeListCommand: Command {
    static let spec = CommandSpec(
        path: ["dispute", "list"], abstract: "Disputes, oldest first",
        options: [
            .value("--status", "S", "open, upheld, overturned or partial"), .value("--agent", "AGENT", "Only this agent's audits"),
            .value("--audit", "N", "Only this audit"), .json,
        ],
        examples: ["yardstick dispute list --status open", "yardstick dispute list --agent A1001 --json"])

    static let statuses = ["open", "upheld", "overturned", "partial"]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        if let status = arguments.value("--status"), !statuses.contains(status) {
            throw UsageError("--status takes \(statuses.joined(separator: ", ")), not '\(status)'", command: spec)
        }
        let audit = try arguments.value("--audit").map { try AuditNumber.parse($0) }
        let disputes = try DisputeService(context: try context.app(.read)).list(
            DisputeFilter(status: arguments.value("--status"), agentID: arguments.value("--agent"), auditID: audit))
        if arguments.has("--json") {
            context.console.print(JSONValue.array(disputes.map(DisputeShowCommand.json)).rendered())
            return
        }
        guard !disputes.isEmpty else {
            context.console.print("No disputes" + (arguments.value("--status").map { " with status \($0)" } ?? "") + ".")
            return
        }
        var table = TextTable(headers: ["DISPUTE", "AUDIT", "AGENT", "CRITERION", "STATUS", "OPENED", "BY", "REASON"],
                              alignments: [.right, .right, .left, .left, .left, .left, .left, .left])
        for dispute in disputes {
            table.append([String(dispute.id), String(dispute.auditID), dispute.agentID ?? "—", dispute.criterionID, dispute.status,
                          String(dispute.openedAt.prefix(10)), dispute.openedBy, dispute.reason])
        }
        context.console.print(table.rendered(), terminator: "")
    }
}

/// `yardstick dispute show D`.
enum DisputeShowCommand: Command {
    static let spec = CommandSpec(
        path: ["dispute", "show"], abstract: "One dispute: what was contested, why, and the decision",
        arguments: [ArgumentSpec(name: "DISPUTE", help: "The dispute's number")], options: [.json],
        examples: ["yardstick dispute show 3"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let dispute = try DisputeService(context: try context.app(.read)).show(try number(arguments.positionals[0], spec: spec))
        if arguments.has("--json") {
            context.console.print(json(dispute).rendered())
            return
        }
        var lines = ["Dispute #\(dispute.id) — audit \(dispute.auditID)\(dispute.agentID.map { " (agent \($0))" } ?? ""), criterion \(dispute.criterionID)",
                     "  opened \(dispute.openedAt) by \(dispute.openedBy): \(dispute.reason)", "  status: \(dispute.status)"]
        if let decided = dispute.decidedAt {
            lines.append("  decided \(decided) by \(dispute.decidedBy ?? "?"): \(dispute.decisionReason ?? "")")
        }
        if let entry = dispute.amendmentEntry { lines.append("  the audit was amended (history entry \(entry)); see 'yardstick audit show \(dispute.auditID)'") }
        context.console.print(lines.joined(separator: "\n"))
    }

    static func number(_ text: String, spec: CommandSpec) throws -> Int64 { try RecordNumber.parse(text, noun: "dispute", spec: spec) }

    static func json(_ dispute: StoredDispute) -> JSONValue {
        .object([
            ("dispute", .integer(dispute.id)), ("audit", .integer(dispute.auditID)), ("agent", .optional(dispute.agentID)),
            ("criterion", .string(dispute.criterionID)), ("status", .string(dispute.status)), ("opened_at", .string(dispute.openedAt)),
            ("opened_by", .string(dispute.openedBy)), ("reason", .string(dispute.reason)), ("decided_at", .optional(dispute.decidedAt)),
            ("decided_by", .optional(dispute.decidedBy)), ("decision_reason", .optional(dispute.decisionReason)),
            ("amendment_entry", dispute.amendmentEntry.map { .integer($0) } ?? .null),
        ])
    }
}
