import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick calibration open --form F --interaction REF --auditors a,b,c [--expert x] [--title T] --agent A`.
enum CalibrationOpenCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "open"], abstract: "Open a blind calibration session: several auditors score the same interaction",
        options: [
            .value("--form", "FORM", "The form every participant fills"), .value("--interaction", "REF", "The call, chat or visit scored (e.g. its recording id)"),
            .value("--auditors", "A,B,…", "The participants, comma-separated"), .value("--expert", "NAME", "A participant whose answers are the reference"),
            .value("--agent", "AGENT", "Whom the interaction was with (this or --location is required)"), .value("--location", "LOCATION", "Or where it was"),
            .value("--title", "TEXT", "A title (default: the form and the interaction)"), .json,
        ],
        discussion: """
        Calibration audits never count toward any agent's score, aggregate, incentive or coaching plan.
        Nobody sees another participant's answers until the session is closed.
        """,
        examples: ["yardstick calibration open --form call-review --interaction REC-2211 --auditors m.lund,k.berg,s.holm,a.weber --expert k.berg --agent A1001"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        guard let form = arguments.value("--form"), let interaction = arguments.value("--interaction"), let auditors = arguments.value("--auditors") else {
            throw UsageError("--form, --interaction and --auditors are required", command: spec)
        }
        let session = try CalibrationService(context: try context.app(.write)).open(CalibrationService.OpenRequest(
            formID: form, interaction: interaction, auditors: auditors.split(separator: ",").map(String.init), expert: arguments.value("--expert"),
            title: arguments.value("--title"), agentID: arguments.value("--agent"), locationID: arguments.value("--location")))
        if arguments.has("--json") {
            context.console.print(CalibrationListCommand.json(session, submitted: 0).rendered())
        } else {
            context.console.print("Opened calibration session #\(session.id) (\(session.title)) for \(session.auditors.joined(separator: ", "))"
                + (session.expert.map { "; expert \($0)" } ?? "") + ". Each participant runs 'yardstick calibration join \(session.id) --auditor NAME'.")
        }
    }
}

/// `yardstick calibration join SESSION [--auditor NAME] [--answers FILE]`.
enum CalibrationJoinCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "join"], abstract: "Fill in the session's form as one participant (interactively, or from --answers)",
        arguments: [ArgumentSpec(name: "SESSION", help: "The session's number")],
        options: [
            .value("--auditor", "NAME", "The participant (default: --actor, else your login)"),
            .value("--answers", "FILE", "A JSON object with the answers; submits at once"),
        ],
        examples: ["yardstick calibration join 2 --auditor s.holm", "yardstick calibration join 2 --auditor m.lund --answers m.lund.json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try CalibrationStatusCommand.number(arguments.positionals[0], spec: spec)
        let answers = arguments.value("--answers")
        if answers == nil && !context.console.standardInputIsTerminal {
            throw UsageError("stdin is not a terminal, so nothing can be asked; give the answers with --answers FILE.json", command: spec)
        }
        let app = try context.app(.write)
        let calibration = CalibrationService(context: app)
        let auditor = arguments.value("--auditor") ?? context.actor.name
        let evidenceStore = EvidenceStore(databasePath: context.databasePath)
        if let answers {
            guard let audit = try calibration.join(id, auditor: auditor, answersFile: answers, evidenceStore: evidenceStore, reporter: context.reporter) else {
                context.console.reportError("nothing was stored: the answers in \(answers) have problems (listed above)")
                throw ReportedFailure()
            }
            context.console.print("Submitted \(auditor)'s answers for calibration session #\(id) (audit #\(audit)); they are shown when the session is closed.")
            return
        }
        let service = AuditService(app)
        let (audit, resumed, definitions) = try calibration.startDraft(id, auditor: auditor, evidenceStore: evidenceStore)
        var formSession = FormSession(engine: definitions.engine)
        if resumed {
            let stored = try service.stored(audit)
            formSession = FormSession(engine: definitions.engine, answers: try definitions.decode(stored), comments: stored.comments, position: stored.draftPosition)
            context.console.print("Resuming \(auditor)'s draft #\(audit) for calibration session #\(id).")
        } else {
            context.console.print("Calibration session #\(id) · draft #\(audit) · auditor \(auditor). Every answer is saved as you go.")
        }
        try FillCommand.fill(id: audit, session: formSession, definitions: definitions, service: service, context: context)
    }
}

/// `yardstick calibration status SESSION`.
enum CalibrationStatusCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "status"], abstract: "Who has submitted (never anyone's answers before the session is closed)",
        arguments: [ArgumentSpec(name: "SESSION", help: "The session's number")], options: [.json],
        examples: ["yardstick calibration status 2"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let status = try CalibrationService(context: try context.app(.read)).status(try number(arguments.positionals[0], spec: spec))
        print(status, context: context, json: arguments.has("--json"))
    }

    static func print(_ status: CalibrationService.Status, context: CommandContext, json: Bool) {
        if json {
            context.console.print(JSONValue.object([
                ("session", .integer(status.session.id)), ("open", .bool(status.session.isOpen)),
                ("participants", .array(status.progress.map { .object([("auditor", .string($0.auditor)), ("state", .string($0.state))]) })),
            ]).rendered())
            return
        }
        context.console.print("Calibration session #\(status.session.id) (\(status.session.title)) — \(status.session.isOpen ? "open" : "closed \(status.session.closedAt ?? "")")")
        for entry in status.progress { context.console.print("  \(entry.auditor): \(entry.state)") }
    }

    static func number(_ text: String, spec: CommandSpec) throws -> Int64 { try RecordNumber.parse(text, noun: "session", spec: spec) }
}

/// `yardstick calibration close SESSION`.
enum CalibrationCloseCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "close"], abstract: "Close a session (at least two submissions); its results and answers become visible",
        arguments: [ArgumentSpec(name: "SESSION", help: "The session's number")], options: [.json],
        examples: ["yardstick calibration close 2"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let status = try CalibrationService(context: try context.app(.write)).close(try CalibrationStatusCommand.number(arguments.positionals[0], spec: spec))
        CalibrationStatusCommand.print(status, context: context, json: arguments.has("--json"))
    }
}

/// `yardstick calibration results SESSION [--json|--csv|--html -o FILE]`.
enum CalibrationResultsCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "results"], abstract: "Agreement of a closed session: answers side by side, Fleiss' κ, Krippendorff's α, deviations",
        arguments: [ArgumentSpec(name: "SESSION", help: "The session's number")],
        options: [.json, .flag("--csv", "The criteria side by side as CSV"), .flag("--html", "A self-contained HTML page"),
                  .value("--output", "FILE", "Write to FILE (-o)")],
        discussion: """
        Per criterion each auditor's answer, the share of agreeing pairs and the reference: the expert's answer
        when an expert was named, else the consensus (majority for yes-no, median for scales). Fleiss' κ over the
        yes-no criteria every auditor assessed; Krippendorff's α nominal over the yes-no criteria and interval over
        the scales (missing answers allowed); the spread of the scores; each auditor's score against the reference
        score and the number of answers that differ from the reference.
        """,
        examples: ["yardstick calibration results 2", "yardstick calibration results 2 --html -o calibration-2.html"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let results = try CalibrationService(context: try context.app(.read)).results(try CalibrationStatusCommand.number(arguments.positionals[0], spec: spec))
        try ReportCommands.emit(results.document, arguments: arguments, context: context, what: "calibration results")
    }
}

/// `yardstick calibration list [--trend]`.
enum CalibrationListCommand: Command {
    static let spec = CommandSpec(
        path: ["calibration", "list"], abstract: "Calibration sessions; with --trend each auditor's deviation over the closed sessions",
        options: [.flag("--trend", "Each auditor against the reference, session by session (who needs re-training)"), .json,
                  .flag("--csv", "With --trend: the table as CSV"), .flag("--html", "With --trend: a self-contained HTML page"),
                  .value("--output", "FILE", "With --trend: write to FILE (-o)")],
        examples: ["yardstick calibration list", "yardstick calibration list --trend"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let service = CalibrationService(context: try context.app(.read))
        if arguments.has("--trend") {
            try ReportCommands.emit(try service.trend(), arguments: arguments, context: context, what: "calibration trend")
            return
        }
        let sessions = try service.list()
        if arguments.has("--json") {
            context.console.print(JSONValue.array(sessions.map { json($0.session, submitted: $0.submitted) }).rendered())
            return
        }
        guard !sessions.isEmpty else {
            context.console.print("No calibration sessions; open one with 'yardstick calibration open'.")
            return
        }
        var table = TextTable(headers: ["SESSION", "TITLE", "INTERACTION", "OPENED", "STATUS", "SUBMITTED", "EXPERT"],
                              alignments: [.right, .left, .left, .left, .left, .right, .left])
        for (session, submitted) in sessions {
            table.append([String(session.id), session.title, session.interaction, String(session.openedAt.prefix(10)),
                          session.isOpen ? "open" : "closed", "\(submitted) of \(session.auditors.count)", session.expert ?? "—"])
        }
        context.console.print(table.rendered(), terminator: "")
    }

    static func json(_ session: StoredCalibrationSession, submitted: Int) -> JSONValue {
        .object([
            ("session", .integer(session.id)), ("title", .string(session.title)), ("interaction", .string(session.interaction)),
            ("auditors", .array(session.auditors.map { .string($0) })), ("expert", .optional(session.expert)), ("agent", .optional(session.agentID)),
            ("location", .optional(session.locationID)), ("opened_at", .string(session.openedAt)), ("closed_at", .optional(session.closedAt)),
            ("submitted", .integer(Int64(submitted))),
        ])
    }
}
