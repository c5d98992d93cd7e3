import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick coach effect PLAN` and `coach effect --all`.
enum CoachEffectCommand: Command {
    static let spec = CommandSpec(
        path: ["coach", "effect"], abstract: "Did the coaching work? Each item's misses before the plan and since, with Fisher's exact test",
        arguments: [ArgumentSpec(name: "PLAN", help: "The plan's number (or --all)", optional: true)],
        options: [.flag("--all", "Every saved plan (with --from: made on or after that day), and which training modules worked"),
                  .value("--from", "DATE", "With --all: plans made on or after DATE"), .json],
        discussion: """
        Before: the subject's audits in the plan's window. After: the audits since the day after the plan
        was made. A miss is "not met", or for a scale a level below three quarters of its range. The
        p-value is Fisher's exact test, two-sided, of misses against meets before and after; below 0.05
        the change is unlikely to be chance. The target counts as met once there are at least the
        plan's follow-up audits and the share met reaches it.
        """,
        examples: ["yardstick coach effect 4", "yardstick coach effect --all --from 2026-01-01"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let service = CoachingService(context: try context.app(.read))
        if arguments.has("--all") {
            guard arguments.positionals.isEmpty else { throw UsageError("give PLAN or --all, not both", command: spec) }
            var from: ISODate?
            if let text = arguments.value("--from") {
                guard let date = ISODate(text) else { throw UsageError("--from takes a date YYYY-MM-DD", command: spec) }
                from = date
            }
            try all(service: service, from: from, context: context, json: arguments.has("--json"))
            return
        }
        guard let text = arguments.positionals.first else { throw UsageError("give PLAN or --all", command: spec) }
        let id = try CoachShowCommand.planID(text, spec: spec)
        let result = try service.effect(id)
        if arguments.has("--json") {
            context.console.print(CoachingJSON.effect(result.effect, planID: id).rendered())
            return
        }
        let plan = result.plan.plan
        context.console.print("Plan #\(id) — \(plan.subject == .team ? "team \(plan.subjectID)" : "\(plan.subjectID) \(plan.subjectName)"): "
            + "before = audits \(plan.from) – \(plan.to); after = "
            + (result.until < result.since ? "none yet (the plan was made on \(plan.createdOn))" : "audits \(result.since) – \(result.until)"))
        if !result.effect.dueReached {
            context.console.print("The plan is due on \(plan.dueOn): the figures so far are shown; targets are judged after the due date.")
        }
        guard !result.effect.items.isEmpty else {
            context.console.print("The plan has no items of its own to measure" + (result.plan.workshopPlanID.map { "; see plan #\($0) for the workshop" } ?? "") + ".")
            return
        }
        context.console.print(table(result.effect.items.map { (String(id), $0, result.effect.dueReached, result.plan.plan.dueOn) }).rendered(), terminator: "")
        context.console.print(legend)
    }

    static let legend = "A miss: not met, or a scale below 3/4 of its range; the failure rate is the plan's (for a scale 1 − the mean fraction).\n"
        + "p: Fisher's exact test, two-sided, of misses against meets before and after; below 0.05 the change is likely real, not chance."

    static func table(_ rows: [(String, CoachingEffect.Item, Bool, String)]) -> TextTable {
        var table = TextTable(headers: ["PLAN", "ITEM", "CRITERION", "BEFORE", "AFTER", "CHANGE", "P", "VERDICT", "TARGET"],
                              alignments: [.right, .right, .left, .left, .left, .right, .right, .left, .left])
        for (plan, item, dueReached, dueOn) in rows {
            func share(_ rate: CriterionRate) -> String {
                rate.assessed == 0 ? "none" : "\(rate.misses)/\(rate.assessed) missed, failure rate \(formatFixed(100 * (rate.rate ?? 0), 0)) %"
            }
            let change = item.difference.map { ($0 > 0 ? "+" : ($0 < 0 ? "−" : "")) + formatFixed(abs($0), 1) + " pts" } ?? "—"
            let measured = item.after.assessed > 0 && item.before.assessed > 0
            let p = measured ? (item.pValue < 0.001 ? "< 0.001" : formatFixed(item.pValue, 3)) : "—"
            let verdict = measured ? (item.isLikelyReal ? "likely real (p < 0.05)" : "could be chance") : "—"
            let target: String
            if let met = item.targetMet {
                target = (met ? "met" : "not met") + " (≥ \(item.targetShare) % of the first \(item.followUpAudits))"
            } else if !item.enoughFollowUps {
                target = "not enough audits since the plan (\(item.after.assessed) of \(item.followUpAudits))"
            } else {
                target = dueReached ? "—" : "judged after the due date (\(dueOn))"
            }
            table.append([plan, String(item.ordinal), item.criterionID, share(item.before), share(item.after), change, p, verdict, target])
        }
        return table
    }

    static func all(service: CoachingService, from: ISODate?, context: CommandContext, json: Bool) throws {
        let measured = try service.effects(madeFrom: from)
        let rows = measured.flatMap { entry in entry.effect.items.map { (String(entry.plan.id), $0, entry.effect.dueReached, entry.plan.plan.dueOn) } }
        let effects = measured.map { CoachingJSON.effect($0.effect, planID: $0.plan.id) }
        let modules = CoachingModuleSummary.summarise(measured.flatMap { entry in entry.effect.items.map { ($0, entry.plan.done[$0.ordinal] != nil) } })
        if json {
            context.console.print(JSONValue.object([
                ("plans", .array(effects)),
                ("training", .array(modules.map { .object([("module", .string($0.module)), ("items", .integer(Int64($0.items))), ("done", .integer(Int64($0.done))),
                                                           ("measured", .integer(Int64($0.measured))), ("improved", .integer(Int64($0.improved))),
                                                           ("significant", .integer(Int64($0.significant))), ("targets_met", .integer(Int64($0.targetsMet)))]) })),
            ]).rendered())
            return
        }
        guard !rows.isEmpty else {
            context.console.print("No saved plan items to measure" + (from.map { " among plans made since \($0)" } ?? "") + ".")
            return
        }
        context.console.print(table(rows).rendered(), terminator: "")
        var summary = TextTable(headers: ["TRAINING", "ITEMS", "DONE", "MEASURED", "IMPROVED", "P < 0.05", "TARGET MET"],
                                alignments: [.left, .right, .right, .right, .right, .right, .right])
        for module in modules {
            summary.append([module.module, String(module.items), String(module.done), String(module.measured), String(module.improved),
                            String(module.significant), String(module.targetsMet)])
        }
        context.console.print(legend)
        context.console.print("\nBy training module (done: marked done by the trainer; measured: with all its follow-up audits; improved: fewer misses after):")
        context.console.print(summary.rendered(), terminator: "")
    }
}
