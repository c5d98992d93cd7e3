import Foundation
import YardstickCore
import YardstickStore

/// `yardstick demo`: a deterministic, realistic demo over a fresh database, through the real use cases.
public enum DemoBuilder {
    /// What the demo built, for the front end to tell.
    public struct Result {
        public var definitionFiles: Int
        public var agents: Int
        public var teams: Int
        public var imported: Int
        public var figures: [AuditReadModel.FormFigures]
        public var weakest: [AuditReadModel.AgentMean]
        /// A released call review below 85 without a critical failure: a good one to explain.
        public var example: Int64?
        /// Customer survey responses imported through 'feedback import'.
        public var feedback: Int
        /// The contact-centre incentive run for the last demo month.
        public var incentives: IncentiveRunResult
        /// The saved coaching plans: a team's (with its agents') and one agent's of another team.
        public var coaching: [StoredCoachingPlan]
        /// A closed calibration session of the four auditors over the example call, and its results.
        public var calibration: CalibrationResults?
        /// A dispute of the coached agent, overturned after the incentive run (so its diff shows it).
        public var dispute: DisputeService.Decided?
    }

    /// The demo's auditors, who also calibrate; the last is the session's expert.
    public static let auditors = ["m.lund", "a.weber", "s.holm", "k.berg"]

    /// The team and the agent the demo makes coaching plans for.
    public static let coachedTeam = "oslo-phone"
    public static let coachedAgent = "A3002"

    /// The demo's months, as `year × 100 + month`, and the pay period the demo runs.
    public static let months = [202605, 202606, 202607, 202608, 202609, 202610]
    public static let incentivePolicy = "contact-centre-monthly"
    public static let incentivePeriod = "2026-10"

    /// Builds the whole demo in one transaction: a failure half-way leaves the database as it was.
    public static func build(audits total: Int, context: AppContext, reporter: ProblemReporter) throws -> Result {
        try context.store.database.transaction { try fill(audits: total, context: context, reporter: reporter) }
    }

    private static func fill(audits total: Int, context: AppContext, reporter: ProblemReporter) throws -> Result {
        let folders = BundledContent.folders()
        guard folders.count == 2 else {
            throw InputError("the demo needs the bundled standards and forms: run it from the project folder, or install yardstick with scripts/install.sh")
        }
        let store = context.store
        guard try store.audits.isEmpty() else {
            throw InputError("\(store.path) already holds audits; the demo needs a fresh database (e.g. --db demo.db)")
        }
        let report = try DefinitionWorkflow.load(try DefinitionWorkflow.collect(folders), context: context)
        guard !report.diagnostics.hasErrors else {
            for diagnostic in report.diagnostics { reporter.report(diagnostic) }
            throw InputError("the bundled standards and forms do not check; see above")
        }
        let agents = DemoRoster.agents(perTeam: 8)
        _ = try store.database.transaction { try store.agents.upsert(agents, at: context.now) }

        let folder = NSTemporaryDirectory() + "yardstick-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan: [(form: String, channel: String, share: Double)] = [("call-review", "phone", 0.5), ("chat-review", "chat", 0.2),
                                                                      ("email-review", "email", 0.12), ("store-visit", "store", 0.18)]
        var imported = 0
        var counts = plan.map { Int(Double(total) * $0.share) }
        counts[0] += total - counts.reduce(0, +)
        for (index, entry) in plan.enumerated() {
            let definitions = try context.definitions.latest(formID: entry.form)
            let teamIDs = Set(DemoRoster.teams.filter { $0.channel == entry.channel }.map(\.id))
            let pool = agents.filter { teamIDs.contains($0.teamID) }.map(\.id)
            let path = folder + "/\(entry.form).csv"
            _ = try AuditCSVFile.write(to: path, count: counts[index], definitions: definitions, agents: pool,
                                       auditors: auditors, months: 6, seed: UInt64(20 + index), invalidRows: [])
            let importer = AuditImport(path: path, formID: entry.form, skipInvalid: false, context: context, reporter: reporter)
            importer.sourceLabel = "generated demo data (seed \(20 + index))"
            let summary = try importer.run()
            guard summary.rejected == 0 else { throw InputError("the demo data for \(entry.form) did not validate") }
            imported += summary.imported
        }
        let channels = Dictionary(DemoRoster.teams.map { ($0.id, $0.channel) }, uniquingKeysWith: { first, _ in first })
        let surveyed = agents.filter { channels[$0.teamID] != "store" }
        let feedbackPath = folder + "/feedback.csv"
        try Data(FeedbackGenerator.csv(agents: surveyed, channelOfTeam: channels, months: months, seed: 30).utf8)
            .write(to: URL(fileURLWithPath: feedbackPath))
        let feedback = try FeedbackService(context: context).importFile(feedbackPath)
        guard feedback.stored, feedback.problems.isEmpty else { throw InputError("the demo feedback did not validate") }
        let run = try IncentiveService(context: context).run(policyID: incentivePolicy, period: incentivePeriod)
        // The coaching window is the last 90 days of the demo's data, whatever today's date.
        let coaching = CoachingService(context: context)
        guard let windowEnd = ISODate(year: 2026, month: 10, day: 31) else { throw InputError("the demo's coaching window is not a date") }
        let due = try coaching.today().adding(days: 30)
        func request(_ scope: CoachingRequest.Scope) -> CoachingRequest {
            CoachingRequest(scope: scope, from: windowEnd.adding(days: -89), to: windowEnd, dueOn: due, options: CoachingPlanner.Options())
        }
        let plans = try coaching.save(try coaching.plans(request(.team(coachedTeam))) + coaching.plans(request(.agent(coachedAgent)))).saved
        let example = try store.readModel.recentAudit(formID: "call-review", below: 85)
        return Result(definitionFiles: report.outcomes.count, agents: agents.count, teams: DemoRoster.teams.count, imported: imported,
                      figures: try store.readModel.figuresByForm(), weakest: try store.readModel.lowestMeans(minimumAudits: 5, limit: 3),
                      example: example, feedback: feedback.added, incentives: run, coaching: plans,
                      calibration: try example.map { try calibrate($0, context: context) }, dispute: try dispute(context: context))
    }

    /// The four auditors score the example call blind, each with a small difference of their own;
    /// k.berg is the expert. The session is closed so its results can be shown.
    private static func calibrate(_ auditID: Int64, context: AppContext) throws -> CalibrationResults {
        let store = context.store, service = AuditService(context), calibration = CalibrationService(context: context)
        let audit = try service.stored(auditID)
        let definitions = try context.definitions.of(audit)
        let answers = try definitions.decode(audit)
        guard let agentID = audit.agentID else { throw InputError("the demo's example call has no agent") }
        let session = try calibration.open(.init(formID: definitions.form.id, interaction: "demo call of audit \(auditID)", auditors: auditors,
                                                 expert: auditors.last, title: "Call review calibration, October", agentID: agentID))
        let differences: [String: [(String, String)]] = ["m.lund": [("empathy", "2")], "a.weber": [("summary", "no")], "s.holm": [("proactive", "yes"), ("empathy", "4")]]
        for auditor in auditors {
            let draft = try calibration.startDraft(session.id, auditor: auditor, evidenceStore: EvidenceStore(databasePath: store.path)).audit
            try store.audits.saveDraft(id: draft, answers: definitions.encode(answers), comments: audit.comments, position: 0,
                                       occurredOn: ISODate(audit.occurredOn), at: context.now)
            if let changes = differences[auditor] { try service.amendDraft(draft, answers: changes, comments: []) }
            _ = try service.submitDraft(draft)
        }
        _ = try calibration.close(session.id)
        return try calibration.results(session.id)
    }

    /// The coached agent disputes a failed identity check of October; the QA lead overturns it.
    private static func dispute(context: AppContext) throws -> DisputeService.Decided? {
        guard let from = ISODate(year: 2026, month: 10, day: 1), let to = ISODate(year: 2026, month: 10, day: 31) else { return nil }
        for audit in try context.store.audits.agentAudits(from: from, to: to) where audit.agentID == coachedAgent && audit.counts {
            let definitions = try context.definitions.of(audit)
            guard definitions.form.id == "call-review", try definitions.decodeResults(audit)?["VERIFY-IDENTITY"] == .met(false) else { continue }
            let service = DisputeService(context: context)
            let opened = try service.open(auditID: audit.id, criterionID: "VERIFY-IDENTITY",
                                          reason: "I checked the date of birth before the account was discussed", by: coachedAgent)
            return try service.decide(opened.dispute.id, .overturn, answers: [("identity_verified", "yes")],
                                      reason: "The recording shows the date-of-birth check before the account was discussed")
        }
        return nil
    }
}
