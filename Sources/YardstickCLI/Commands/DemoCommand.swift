import Foundation
import YardstickApp
import YardstickCore

/// `yardstick demo`: a deterministic, realistic demo over a fresh database.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        path: ["demo"], abstract: "Build a realistic demo: the bundled standards and forms, a roster, months of audits, one explained",
        options: [.value("--audits", "N", "Number of audits (default 600)")],
        discussion: """
        Run from the project folder (it registers ./standards and ./forms). Needs a new or empty
        database: pass --db demo.db. The data is the same on every run.
        """,
        examples: ["yardstick --db demo.db demo"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let total = try arguments.value("--audits").map { text -> Int in
            guard let value = Int(text), value >= 20 else { throw UsageError("--audits takes a number of at least 20", command: spec) }
            return value
        } ?? 600
        let console = context.console
        let app = try context.app(.create)
        let demo = try DemoBuilder.build(audits: total, context: app, reporter: context.reporter)
        console.print("1. Registered \(counted(demo.definitionFiles, "definition file")) from ./standards and ./forms.")
        console.print("2. Roster: \(counted(demo.agents, "agent")) in \(demo.teams) teams (phone, chat, e-mail, two stores).")
        console.print("3. Imported \(counted(demo.imported, "audit")) over six months (May–October 2026) through 'audit import'.")
        var table = TextTable(headers: ["FORM", "AUDITS", "MEAN SCORE", "CRITICAL FAILS", "AWAITING REVIEW"], alignments: [.left, .right, .right, .right, .right])
        for row in demo.figures {
            table.append([row.formID, String(row.audits), row.meanScore.map { formatNumber($0) } ?? "—", String(row.criticalFailures), String(row.awaitingReview)])
        }
        console.print("\n" + table.rendered(), terminator: "")
        console.print("\nAgents with the lowest mean score (≥ 5 released audits):")
        for agent in demo.weakest {
            console.print("  \(agent.agentID)  \(agent.name)  (\(agent.teamID))  \(agent.audits) audits, mean \(formatNumber(agent.meanScore))")
        }
        if let example = demo.example {
            console.print("\n4. The score explained, criterion by criterion ('yardstick audit show \(example)'):\n")
            try AuditShowCommand.render(id: example, service: AuditService(app), json: false, console: console)
        }
        let run = demo.incentives
        let calculator = IncentiveCalculator(policy: run.policy, period: run.period)
        console.print("\n5. Customer feedback: \(counted(demo.feedback, "survey response")) imported through 'feedback import'.")
        console.print("\n6. Incentive run #\(run.run.id) for \(run.period) ('yardstick incentives run --policy \(run.policy.id) --period \(run.period)'):")
        let totals = run.totals
        console.print("   \(counted(totals.agents, "agent")) in scope, \(totals.eligible) eligible; net \(calculator.signed(totals.net)) \(run.policy.currency). A few rows:")
        // One row of each kind: a tier reached, a critical failure, a detractor review, an ineligible agent.
        var shown: [IncentiveLine] = []
        for wanted in [{ (line: IncentiveLine) in line.tier != nil && line.tierAmount > 0 }, { $0.eligible && $0.criticalFailures > 0 },
                       { $0.eligible && $0.negativeReviews > 0 }, { !$0.eligible }] as [(IncentiveLine) -> Bool] {
            if let line = run.lines.first(where: { line in wanted(line) && !shown.contains { $0.agentID == line.agentID } }) { shown.append(line) }
        }
        for line in shown { console.print("   \(line.agentID)  \(calculator.signed(line.total).padding(to: 8)) \(line.explanation)") }
        let exportPath = context.databasePath + ".incentives-\(run.period).csv"
        let csv = IncentiveExport.csv(run.lines, policy: run.policy, period: run.period, excel: false)
        do {
            try OutputFile.write(csv, to: exportPath)
            console.print("   Payroll CSV written to \(exportPath) ('yardstick incentives export \(run.run.id) -o FILE').")
        } catch {
            console.reportWarning("the payroll CSV could not be written to \(exportPath): \(error.localizedDescription)")
        }
        if let team = demo.coaching.first(where: { $0.plan.subject == .team }), let agent = demo.coaching.last {
            let workshops = team.plan.items.map(\.criterionID).joined(separator: ", ")
            console.print("\n7. Coaching plans saved ('yardstick coach plan --team \(team.plan.subjectID) --save'): team plan #\(team.id) "
                + (workshops.isEmpty ? "with no shared weakness" : "with workshops on \(workshops)")
                + ", \(counted(demo.coaching.count - 2, "agent plan")) for its agents, and plan #\(agent.id) for \(agent.plan.subjectID) \(agent.plan.subjectName). Its first item:\n")
            let first = CoachingMarkdown.render(CoachShowCommand.view(agent)).components(separatedBy: "\n## ")
            if first.count > 1 { console.print(("## " + first[1]).trimmingCharacters(in: .newlines).split(separator: "\n").map { "   " + $0 }.joined(separator: "\n")) }
        }
        let period = ReportWindow(period: "2026-10")
        let teams = try ReportService(context: app).run(ReportRequest(kind: .team, window: period, standard: "contact-centre"))
            .sections.filter { $0.title == "By team" }
        console.print("\n8. Team report for 2026-10 ('yardstick report team --period 2026-10 --standard contact-centre'):\n")
        if case let .table(table)? = teams.first?.content {
            console.print(ReportText.render(table, colour: false, width: 120).split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
        }
        let teamReport = try ReportService(context: app).run(ReportRequest(kind: .team, window: period, team: DemoBuilder.coachedTeam))
        let reportPath = context.databasePath + ".team-\(DemoBuilder.coachedTeam)-2026-10.html"
        do {
            try OutputFile.write(ReportHTML.page(teamReport, generatedAt: context.now), to: reportPath)
            console.print("   The \(DemoBuilder.coachedTeam) team report with its charts: \(reportPath) ('yardstick report team --team \(DemoBuilder.coachedTeam) --html -o FILE').")
        } catch {
            console.reportWarning("the team report could not be written to \(reportPath): \(error.localizedDescription)")
        }
        if let calibration = demo.calibration {
            console.print("\n9. Calibration session #\(calibration.input.sessionID): the four auditors scored the same call blind, expert \(calibration.input.expert ?? "—") ('yardstick calibration results \(calibration.input.sessionID)'):")
            if case let .table(table)? = calibration.document.sections.first(where: { $0.title == "Auditors" })?.content {
                console.print(ReportText.render(table, colour: false, width: 120).split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
            }
            let kappa = (try? calibration.fleiss.get()).map { formatFixed($0.kappa, 3) } ?? "—"
            let alpha = (try? calibration.alphaNominal.get()).map { formatFixed($0.alpha, 3) } ?? "—"
            console.print("   Fleiss' κ over the yes-no criteria \(kappa), Krippendorff's α (nominal) \(alpha); the calibration audits count for nobody.")
        }
        if let dispute = demo.dispute {
            let change = dispute.amendment.map { " score \($0.oldScore.map { formatNumber($0) } ?? "—") → \($0.newScore.map { formatNumber($0) } ?? "—")" } ?? ""
            console.print("\n10. Dispute #\(dispute.dispute.id): \(dispute.dispute.openedBy) contested \(dispute.dispute.criterionID) of audit \(dispute.dispute.auditID); overturned, the audit amended (\(change.trimmingWhitespace())). 'yardstick incentives diff \(run.run.id)' shows what it changes for payroll.")
        }
        let check = try Verifier(app).run()
        console.print("\n11. 'yardstick verify': \(check.isClean ? "OK" : "FAILED") — history chain, \(counted(check.audits, "content hash", "content hashes")) and re-computed scores, \(counted(check.aggregateRows, "aggregate row")) re-summed, \(counted(check.incentiveRuns, "incentive run")), \(counted(check.coachingPlans, "coaching plan")), \(counted(check.disputes, "dispute")) and \(counted(check.calibrationSessions, "calibration session")) checked against the history.")
        console.print("\nTry: yardstick --db \(context.databasePath) audit list --team oslo-phone · audit new --form call-review --agent A1001 · incentives show \(run.run.id) · coach list · report criteria --period 2026-10 · report agent A3002 --period 2026-10 · calibration list --trend · dispute list · verify")
    }
}
