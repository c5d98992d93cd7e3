import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick coach plan`.
enum CoachPlanCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "plan"], abstract: "Generate coaching plans from the audits: weak criteria with evidence, training, targets",
        options: [
            .value("--agent", "AGENT", "A plan for this agent"), .value("--team", "TEAM", "A team plan (shared weaknesses as workshops) and its agents' plans"),
            .value("--below", "BAND", "Plans for every agent whose mean over the window is below this band (e.g. Good)"),
            .value("--window", "DAYS", "The window before today, e.g. 90d (default 90d)"), .value("--from", "DATE", "First day of the window, YYYY-MM-DD"),
            .value("--to", "DATE", "Last day of the window (default today)"), .value("--min-assessed", "K", "Assessments a criterion needs (default 3)"),
            .value("--top", "N", "Items per agent (default 3)"), .value("--due", "DATE", "Due date (default 30 days from today)"),
            .value("--follow-ups", "N", "Follow-up audits per item (default 5)"),
            .value("--workshop-agents", "N", "Agents sharing a weakness before it becomes a team workshop (default 3)"),
            .value("--workshop-share", "PERCENT", "…and at least this percentage of the team (default 30)"),
            .flag("--save", "Save the plans for tracking (in the history)"), .value("--format", "markdown|html", "Output (default markdown)"),
            .value("--output", "FILE", "Write to FILE (-o)"), .json,
        ],
        discussion: """
        For each agent, every criterion assessed at least K times in the window gets a failure rate (the
        not-met share; for a scale 1 − the mean fraction of the scale), compared with the team's.
        Priority is weight × failure rate, critical criteria first; the top N become items with the audits
        behind them, the linked training, a target, the due date and follow-up audits. Criteria assessed
        fewer than K times are listed as not enough evidence yet.
        """,
        examples: ["yardstick coach plan --agent A1001", "yardstick coach plan --team oslo-phone --save",
                   "yardstick coach plan --below Good --window 60d --format html -o plans.html"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let scopes = [arguments.value("--agent").map(CoachingRequest.Scope.agent), arguments.value("--team").map(CoachingRequest.Scope.team),
                      arguments.value("--below").map(CoachingRequest.Scope.below)].compactMap { $0 }
        guard scopes.count == 1, let scope = scopes.first else { throw UsageError("give one of --agent AGENT, --team TEAM or --below BAND", command: spec) }
        let save = arguments.has("--save")
        let app = try context.app(save ? .write : .read)
        let service = CoachingService(context: app)
        let today = try service.today()
        var options = CoachingPlanner.Options()
        options.minimumAssessed = try positive(arguments, "--min-assessed", upTo: 1000) ?? options.minimumAssessed
        options.top = try positive(arguments, "--top", upTo: 100) ?? options.top
        options.followUpAudits = try positive(arguments, "--follow-ups", upTo: 1000) ?? options.followUpAudits
        options.workshopMinimumAgents = try positive(arguments, "--workshop-agents", upTo: 10_000) ?? options.workshopMinimumAgents
        options.workshopMinimumPercent = try positive(arguments, "--workshop-share", upTo: 100) ?? options.workshopMinimumPercent
        let from: ISODate, to: ISODate
        if let given = try date(arguments, "--from") {
            guard arguments.value("--window") == nil else { throw UsageError("give either --window or --from, not both", command: spec) }
            (from, to) = (given, try date(arguments, "--to") ?? today)
        } else {
            let text = arguments.value("--window") ?? "90d"
            guard text.hasSuffix("d"), let days = Int(text.dropLast()), (1...3660).contains(days) else {
                throw UsageError("--window takes a number of days such as 90d, not '\(text)'", command: spec)
            }
            (from, to) = try service.window(days: days, endingOn: try date(arguments, "--to"))
        }
        guard !(to < from) else { throw UsageError("the window ends (\(to)) before it starts (\(from))", command: spec) }
        let due = try date(arguments, "--due") ?? service.defaultDue()
        let format = arguments.value("--format") ?? "markdown"
        guard ["markdown", "md", "html"].contains(format) else { throw UsageError("--format takes markdown or html, not '\(format)'", command: spec) }

        let plans = try service.plans(CoachingRequest(scope: scope, from: from, to: to, dueOn: due, options: options))
        guard !plans.isEmpty else {
            context.console.print("No agent is below that band from \(from) to \(to); nothing to plan.")
            return
        }
        guard save else {
            try CoachShowCommand.emit(plans.map { CoachingPlanView(plan: $0) }, arguments: arguments, format: format, context: context)
            return
        }
        // With -o, the file is written before the plans are committed: a file that cannot be written saves nothing.
        let result = try service.save(plans) { saved in
            if arguments.value("--output") != nil { try CoachShowCommand.emit(saved.map(CoachShowCommand.view), arguments: arguments, format: format, context: context) }
        }
        if arguments.value("--output") == nil {
            try CoachShowCommand.emit(result.saved.map(CoachShowCommand.view) + result.notSaved.map { CoachingPlanView(plan: $0) },
                                      arguments: arguments, format: format, context: context)
        }
        var said = "Saved \(counted(result.saved.count, "plan"))" + (result.saved.isEmpty ? "" : ": " + result.saved.map { "#\($0.id)" }.joined(separator: ", "))
        if !result.notSaved.isEmpty {
            said += "; \(counted(result.notSaved.count, "plan")) with nothing of its own to track not saved (\(result.notSaved.map(\.subjectID).joined(separator: ", ")))"
        }
        context.console.error(said + (result.saved.isEmpty ? "." : "; track them with 'yardstick coach done PLAN ITEM'."))
    }

    static func positive(_ arguments: ParsedArguments, _ option: String, upTo maximum: Int) throws -> Int? {
        guard let text = arguments.value(option) else { return nil }
        guard let value = Int(text), (1...maximum).contains(value) else {
            throw UsageError("\(option) takes a whole number from 1 to \(maximum), not '\(text)'", command: spec)
        }
        return value
    }

    static func date(_ arguments: ParsedArguments, _ option: String) throws -> ISODate? {
        guard let text = arguments.value(option) else { return nil }
        guard let date = ISODate(text) else { throw UsageError("\(option) takes a date YYYY-MM-DD, not '\(text)'", command: spec) }
        return date
    }
}

/// `yardstick coach list`.
enum CoachListCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "list"], abstract: "List saved coaching plans, newest first",
        options: [.value("--agent", "AGENT", "Only this agent's plans"), .value("--team", "TEAM", "Only this team's plans (and its agents')"),
                  .value("--status", "open|done|cancelled", "Only plans with this status"), .json],
        examples: ["yardstick coach list --team oslo-phone --status open"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var status: StoredCoachingPlan.Status?
        if let text = arguments.value("--status") {
            guard let value = StoredCoachingPlan.Status(rawValue: text) else { throw UsageError("--status is open, done or cancelled", command: spec) }
            status = value
        }
        let plans = try CoachingService(context: try context.app(.read)).list(agent: arguments.value("--agent"), team: arguments.value("--team"), status: status)
        if arguments.has("--json") {
            context.console.print(JSONValue.array(plans.map { CoachingJSON.plan(CoachShowCommand.view($0)) }).rendered())
            return
        }
        guard !plans.isEmpty else {
            let filtered = arguments.value("--agent") != nil || arguments.value("--team") != nil || status != nil
            context.console.print(filtered ? "No saved coaching plans match these filters." : "No saved coaching plans yet; make one with 'yardstick coach plan --team TEAM --save'.")
            return
        }
        var table = TextTable(headers: ["PLAN", "FOR", "TEAM", "ITEMS", "DONE", "DUE", "STATUS"], alignments: [.right, .left, .left, .right, .right, .left, .left])
        for stored in plans {
            let plan = stored.plan
            let tracked = plan.items.filter { $0.kind != .seeWorkshop }
            table.append([String(stored.id), plan.subject == .team ? "team \(plan.subjectID)" : "\(plan.subjectID) \(plan.subjectName)", plan.teamID,
                          String(tracked.count), String(stored.done.count), plan.dueOn, stored.status.rawValue])
        }
        context.console.print(table.rendered(), terminator: "")
    }
}

/// `yardstick coach show PLAN`.
enum CoachShowCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "show"], abstract: "Show a saved coaching plan (Markdown, printable HTML or JSON)",
        arguments: [ArgumentSpec(name: "PLAN", help: "The plan's number")],
        options: [.value("--format", "markdown|html", "Output (default markdown)"), .value("--output", "FILE", "Write to FILE (-o)"), .json],
        examples: ["yardstick coach show 4", "yardstick coach show 4 --format html -o session.html"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try planID(arguments.positionals[0], spec: spec)
        let format = arguments.value("--format") ?? "markdown"
        guard ["markdown", "md", "html"].contains(format) else { throw UsageError("--format takes markdown or html, not '\(format)'", command: spec) }
        let stored = try CoachingService(context: try context.app(.read)).show(id)
        try emit([view(stored)], arguments: arguments, format: format, context: context)
    }

    static func planID(_ text: String, spec: CommandSpec) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError("PLAN is a plan number such as 4, not '\(text)'", command: spec) }
        return id
    }

    static func view(_ stored: StoredCoachingPlan) -> CoachingPlanView {
        CoachingPlanView(plan: stored.plan, id: stored.id, status: stored.status.rawValue, cancelReason: stored.cancelReason,
                         done: stored.done.mapValues { CoachingPlanView.Done(at: $0.at, by: $0.by, note: $0.note) }, workshopPlanID: stored.workshopPlanID)
    }

    static func emit(_ views: [CoachingPlanView], arguments: ParsedArguments, format: String, context: CommandContext) throws {
        let text: String
        if arguments.has("--json") {
            text = JSONValue.array(views.map(CoachingJSON.plan)).rendered() + "\n"
        } else if format == "html" {
            text = CoachingHTML.page(views, title: views.count == 1 ? "Coaching plan — \(views[0].plan.subjectID)" : "Coaching plans")
        } else {
            text = CoachingMarkdown.render(views)
        }
        if let path = arguments.value("--output") {
            try OutputFile.write(text, to: path)
            context.console.error("Wrote \(counted(views.count, "plan")) to \(path).")
        } else {
            context.console.print(text, terminator: "")
        }
    }
}

/// `yardstick coach done PLAN ITEM`.
enum CoachDoneCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "done"], abstract: "Mark an item of a coaching plan done",
        arguments: [ArgumentSpec(name: "PLAN", help: "The plan's number"), ArgumentSpec(name: "ITEM", help: "The item's number in the plan")],
        options: [.value("--note", "TEXT", "What was done, for the history"), .json],
        examples: ["yardstick coach done 4 1 --note 'Shadowed two calls, role-played hold etiquette'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try CoachShowCommand.planID(arguments.positionals[0], spec: spec)
        guard let ordinal = Int(arguments.positionals[1]), ordinal > 0 else { throw UsageError("ITEM is an item number such as 1", command: spec) }
        let stored = try CoachingService(context: try context.app(.write)).done(id, item: ordinal, note: arguments.value("--note"))
        if arguments.has("--json") {
            context.console.print(CoachingJSON.plan(CoachShowCommand.view(stored)).rendered())
        } else {
            let open = stored.plan.items.filter { $0.kind != .seeWorkshop && stored.done[$0.ordinal] == nil }.count
            context.console.print("Item \(ordinal) of plan #\(id) is done; " + (stored.status == .done ? "the plan is complete." : "\(counted(open, "item")) still open."))
        }
    }
}

/// `yardstick coach cancel PLAN --reason TEXT`.
enum CoachCancelCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "cancel"], abstract: "Cancel a coaching plan",
        arguments: [ArgumentSpec(name: "PLAN", help: "The plan's number")], options: [.value("--reason", "TEXT", "Why (required, for the history)"), .json],
        examples: ["yardstick coach cancel 4 --reason 'Agent moved to the back office'"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let id = try CoachShowCommand.planID(arguments.positionals[0], spec: spec)
        guard let reason = arguments.value("--reason"), !reason.trimmingWhitespace().isEmpty else {
            throw UsageError("--reason TEXT is required: the history says why a plan was cancelled", command: spec)
        }
        let stored = try CoachingService(context: try context.app(.write)).cancel(id, reason: reason)
        if arguments.has("--json") {
            context.console.print(CoachingJSON.plan(CoachShowCommand.view(stored)).rendered())
        } else {
            context.console.print("Cancelled plan #\(id).")
        }
    }
}
