import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick audit new`: fill in a form interactively, or from an answers file.
enum AuditNewCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "new"], abstract: "Fill in a form about one agent (interactively, or from --answers FILE.json)",
        options: [
            .value("--form", "FORM", "The form's id (required)"), .value("--agent", "AGENT", "The audited agent's id"),
            .value("--location", "LOCATION", "The store or site (for visits; or instead of an agent)"),
            .value("--auditor", "NAME", "Who audits (default: your login name)"),
            .value("--answers", "FILE", "A JSON object with the answers (keys as in 'audit import' columns); submits at once"),
            .value("--attach", "PATH", "Evidence file to store with the audit (repeatable)", repeats: true), .json,
        ],
        discussion: """
        Interactive: context fields first, then one question at a time with its guidance (?), back, na,
        skip, comment and attach PATH (evidence). Every answer is saved to the draft as it is given; if the terminal closes,
        continue with 'yardstick audit resume ID'. Without a terminal on stdin, --answers is required.
        """,
        examples: ["yardstick audit new --form call-review --agent A1001",
                   "yardstick audit new --form store-visit --location berlin-mitte --agent S3001 --answers visit.json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard let formID = arguments.value("--form") else { throw UsageError("--form is required", command: spec) }
        let agentID = arguments.value("--agent"), locationID = arguments.value("--location")
        guard agentID != nil || locationID != nil else { throw UsageError("name the audited --agent (or --location)", command: spec) }
        let answersFile = arguments.value("--answers")
        if answersFile == nil && !context.console.standardInputIsTerminal {
            throw UsageError("stdin is not a terminal, so nothing can be asked; give the answers with --answers FILE.json (or use 'yardstick audit import')", command: spec)
        }
        let app = try context.app(.write)
        let auditor = arguments.value("--auditor") ?? context.actor.name
        let service = AuditService(app)
        let definitions = try app.definitions.latest(formID: formID)
        try service.checkAudited(agentID: agentID, locationID: locationID)
        let evidence = try arguments.values("--attach").map { try EvidenceStore.read($0) }
        let evidenceStore = EvidenceStore(databasePath: context.databasePath)
        if let answersFile {
            let reporter = context.reporter
            guard let id = try service.submitAnswersFile(answersFile, definitions: definitions, agentID: agentID, locationID: locationID,
                                                         auditor: auditor, evidence: evidence, evidenceStore: evidenceStore, reporter: reporter) else {
                context.console.reportError("nothing was stored: the answers in \(answersFile) have problems (listed above)")
                throw ReportedFailure()
            }
            try AuditShowCommand.render(id: id, service: service, json: arguments.has("--json"), console: context.console)
            return
        }
        let id = try service.createDraft(definitions, agentID: agentID, locationID: locationID, auditor: auditor, evidence: evidence,
                                         evidenceStore: evidenceStore)
        context.console.print("Draft #\(id): \(definitions.form.title) · \(agentID.map { "agent \($0)" } ?? "location \(locationID ?? "")") · auditor \(auditor)")
        context.console.print("Every answer is saved as you go; if you stop, continue with 'yardstick audit resume \(id)'. Type ? for help.")
        try FillCommand.fill(id: id, session: FormSession(engine: definitions.engine), definitions: definitions, service: service, context: context)
    }
}

/// `yardstick audit resume ID`.
enum AuditResumeCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "resume"], abstract: "Continue filling in a draft where it stopped",
        arguments: [ArgumentSpec(name: "ID", help: "The draft's number")],
        examples: ["yardstick audit resume 12"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        guard context.console.standardInputIsTerminal else {
            throw UsageError("stdin is not a terminal, so nothing can be asked; complete the draft with 'yardstick audit submit \(id)' once it is complete", command: spec)
        }
        let app = try context.app(.write)
        let service = AuditService(app)
        let audit = try service.stored(id)
        guard audit.status == .draft else { throw InputError("audit \(id) is \(audit.status.rawValue), not a draft; see 'yardstick audit show \(id)'") }
        let definitions = try app.definitions.of(audit)
        let answers = try definitions.decode(audit)
        context.console.print("Resuming draft #\(id) (\(answers.count) answers so far).")
        let session = FormSession(engine: definitions.engine, answers: answers, comments: audit.comments, position: audit.draftPosition)
        try FillCommand.fill(id: id, session: session, definitions: definitions, service: service, context: context)
    }
}

/// `yardstick audit submit ID`: submits a complete draft without asking anything.
enum AuditSubmitCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "submit"], abstract: "Submit a complete draft, or resubmit a returned audit after amending it",
        arguments: [ArgumentSpec(name: "ID", help: "The draft's number")],
        options: [.value("--reason", "TEXT", "Why a returned audit goes back unchanged (required then)"), .json],
        examples: ["yardstick audit submit 12", "yardstick audit submit 14 --reason 'The hold time was right; see the recording at 2:10'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        let service = AuditService(try context.app(.write))
        if try service.stored(id).status == .returned {
            try service.resubmit(id, reason: arguments.value("--reason"))
        } else {
            try service.submitDraft(id)
        }
        try AuditShowCommand.render(id: id, service: service, json: arguments.has("--json"), console: context.console)
    }
}

/// `yardstick audit delete ID`: only drafts.
enum AuditDeleteCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "delete"], abstract: "Delete a draft (submitted audits are never deleted)",
        arguments: [ArgumentSpec(name: "ID", help: "The draft's number")],
        examples: ["yardstick audit delete 12"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try AuditNumber.parse(arguments.positionals[0])
        try AuditService(try context.app(.write)).deleteDraft(id)
        context.console.print("Deleted draft #\(id).")
    }
}

/// `yardstick audit show ID`.
enum AuditShowCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "show"], abstract: "Explain an audit criterion by criterion: answers, points, N/A reasons, critical effects",
        arguments: [ArgumentSpec(name: "ID", help: "The audit's number (or its external id)")], options: [.json],
        examples: ["yardstick audit show 42", "yardstick audit show 42 --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let service = AuditService(try context.app(.read))
        try render(id: try service.resolve(arguments.positionals[0]), service: service, json: arguments.has("--json"), console: context.console)
    }

    static func render(id: Int64, service: AuditService, json: Bool, console: Console) throws {
        let report = try service.explain(id)
        console.print(json ? report.json().rendered() : report.text(), terminator: json ? "\n" : "")
    }
}

/// `yardstick audit list`.
enum AuditListCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "list"], abstract: "List audits, newest first",
        options: [
            .value("--agent", "AGENT", "Only this agent"), .value("--team", "TEAM", "Only this team"),
            .value("--location", "LOCATION", "Only this location"), .value("--form", "FORM", "Only this form"),
            .value("--from", "DATE", "Occurred on or after"), .value("--to", "DATE", "Occurred on or before"),
            .value("--status", "STATUS", "draft, submitted, returned, released or final"),
            .flag("--flagged", "Only reports whose answers raised a consistency flag (for the editor)"),
            .value("--limit", "N", "At most N audits (default 50)"), .flag("--all", "Every matching audit"), .json,
        ],
        examples: ["yardstick audit list --agent A1001", "yardstick audit list --team oslo-phone --from 2026-01-01 --json",
                   "yardstick audit list --flagged --status submitted"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var filter = AuditFilter()
        filter.agentID = arguments.value("--agent")
        filter.teamID = arguments.value("--team")
        filter.locationID = arguments.value("--location")
        filter.formID = arguments.value("--form")
        for option in ["--from", "--to"] {
            if let value = arguments.value(option), ISODate(value) == nil { throw UsageError("\(option) '\(value)' is not a date (YYYY-MM-DD)", command: spec) }
        }
        filter.from = arguments.value("--from")
        filter.to = arguments.value("--to")
        if let status = arguments.value("--status") {
            guard let parsed = AuditStatus(rawValue: status) else {
                throw UsageError("--status '\(status)' is none of \(AuditStatus.allCases.map(\.rawValue).joined(separator: ", "))", command: spec)
            }
            filter.status = parsed
        }
        if let limit = arguments.value("--limit") {
            guard let number = Int(limit), number > 0 else { throw UsageError("--limit takes a positive number", command: spec) }
            filter.limit = number
        }
        if arguments.has("--all") { filter.limit = Int(Int32.max) }
        filter.flagged = arguments.has("--flagged")
        let repository = try context.app(.read).store.audits
        let audits = try repository.list(filter)
        let total = audits.count < filter.limit ? audits.count : try repository.count(filter)
        if arguments.has("--json") {
            if total > audits.count {
                context.console.reportWarning("the list holds the newest \(audits.count) of \(total) matching audits; use --all, --limit N or filters")
            }
            context.console.print(JSONValue.array(audits.map { audit in
                .object([
                    ("id", .integer(audit.id)), ("external_id", .optional(audit.externalID)), ("form", .string(audit.formID)),
                    ("agent", .optional(audit.agentID)), ("location", .optional(audit.locationID)), ("auditor", .string(audit.auditor)),
                    ("occurred_on", .string(audit.occurredOn)), ("status", .string(audit.status.rawValue)),
                    ("score", audit.score.map(JSONValue.number) ?? .null), ("band", .optional(audit.band)), ("outcome", .optional(audit.outcome)),
                    ("flags", .array(audit.flags.map { .string($0) })), ("calibration_session", audit.calibrationSessionID.map { .integer($0) } ?? .null),
                ])
            }).rendered())
            return
        }
        guard !audits.isEmpty else {
            context.console.print("No audits match.")
            return
        }
        var table = TextTable(headers: ["ID", "DATE", "FORM", "AGENT", "LOCATION", "AUDITOR", "STATUS", "SCORE", "BAND", "OUTCOME"],
                              alignments: [.right, .left, .left, .left, .left, .left, .left, .right, .left, .left])
        for audit in audits {
            // ⚑ marks a report held for the editor by a consistency flag; "(cal. N)" a calibration audit.
            let status = audit.status.rawValue + (audit.flags.isEmpty ? "" : " ⚑") + (audit.calibrationSessionID.map { " (cal. \($0))" } ?? "")
            table.append([String(audit.id), audit.occurredOn, audit.formID, audit.agentID ?? "", audit.locationID ?? "", audit.auditor,
                          status, audit.score.map { formatNumber($0) } ?? "", audit.band ?? "", audit.outcome ?? ""])
        }
        context.console.print(table.rendered(), terminator: "")
        if total > audits.count {
            context.console.print("Showing the newest \(audits.count) of \(total) audits — use --all, --limit N or filters to see more.")
        } else {
            context.console.print(counted(audits.count, "audit"))
        }
    }
}

/// Audit numbers as typed on the command line.
/// A record's number as typed: `17` or `#17`.
enum RecordNumber {
    static func parse(_ text: String, noun: String, spec: CommandSpec) throws -> Int64 {
        guard let value = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), value > 0 else {
            throw UsageError("'\(text)' is not a \(noun) number", command: spec)
        }
        return value
    }
}

enum AuditNumber {
    static func parse(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError("'\(text)' is not an audit number") }
        return id
    }
}
