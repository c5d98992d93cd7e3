import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// Reports over a real database, figures worked out by hand: an agent who moves team mid-month
/// keeps the audits of before with the old team, and a location-only mystery shop counts for
/// its location but for no team.
struct ReportServiceTests {
    static let standard = """
        <standard format="1" id="mini" version="1" title="Mini standard">
          <bands><band label="Excellent" min="90"/><band label="Good" min="60"/><band label="Low" min="0"/></bands>
          <category id="a" title="Category A">
            <criterion id="Q1" weight="2"><title>Asks before a hold</title></criterion>
            <criterion id="S1" weight="1" scale="0-4"><title>Empathy</title>
              <level value="0">None</level><level value="4">Throughout</level></criterion>
          </category>
          <category id="b" title="Category B">
            <criterion id="C1" weight="1"><title>Records the contact</title></criterion>
          </category>
        </standard>
        """
    static let form = """
        <form format="1" id="mini-review" version="1" standard="mini" kind="call-review" channel="phone" title="Mini review">
          <context><field id="occurred_on" type="date" required="true" label="Date"/></context>
          <section id="all" title="All">
            <question id="q1" type="yes-no" criterion="Q1">Asked before the hold?</question>
            <question id="s1" type="scale" criterion="S1">Empathy</question>
            <question id="c1" type="yes-no" criterion="C1">Recorded?</question>
          </section>
        </form>
        """

    let folder = TemporaryFolder()
    let context: AppContext
    var service: ReportService { ReportService(context: context) }

    init() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        context = AppContext(store: store, clock: .fixed("2026-11-23T09:00:00Z"), actor: Actor(name: "qa.lead", login: "tester"))
        let files = [try folder.write("standard.xml", Self.standard), try folder.write("form.xml", Self.form)]
        let report = try DefinitionWorkflow.load(try DefinitionWorkflow.collect(files), context: context)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
        for agent in [Agent(id: "A1", name: "Ann", teamID: "T1", locationID: "L1"), Agent(id: "A2", name: "Bo", teamID: "T2", locationID: "L1"),
                      Agent(id: "A3", name: "Cy", teamID: "T2", locationID: "L2")] {
            _ = try RosterWorkflow.add(agent, context: context)
        }
        // Before the transfer: A1 in T1 at L1.
        try importAudits("before.csv", """
            external_id,agent,location,auditor,occurred_on,q1,s1,c1
            r1,A1,,m.lund,2026-10-03,yes,4,yes
            r2,A1,,k.berg,2026-10-10,no,2,yes
            r3,A2,,m.lund,2026-10-12,yes,3,no
            """)
        // A1 moves to T2 at L2; then one more audit of A1 and a location-only mystery shop at L2.
        _ = try RosterWorkflow.add(Agent(id: "A1", name: "Ann", teamID: "T2", locationID: "L2"), context: context)
        try importAudits("after.csv", """
            external_id,agent,location,auditor,occurred_on,q1,s1,c1
            r4,A1,,k.berg,2026-10-20,yes,0,yes
            r5,,L2,s.holm,2026-10-22,yes,4,na
            """)
    }

    func importAudits(_ name: String, _ text: String) throws {
        let reporter = CollectingReporter()
        let summary = try AuditImport(path: try folder.write(name, text + "\n"), formID: "mini-review", skipInvalid: false, context: context,
                                      reporter: reporter).run()
        #expect(summary.imported > 0 && !summary.rolledBack, "\(name): \(reporter.diagnostics)")
    }

    func csv(_ request: ReportRequest) throws -> [String] {
        ReportCSV.render(try service.run(request)).split(separator: "\r\n").map(String.init)
    }

    @Test func teamsAreTheOnesAtTheTimeOfTheAuditAndAShopCountsForNoTeam() throws {
        let rows = try csv(ReportRequest(kind: .team, window: ReportWindow(period: "2026-10")))
        #expect(rows.first == "period,team,name,audits,mean_score,previous_mean,delta,critical_failures,band:Excellent,band:Good,band:Low,category:a,category:b,failure:Q1,failure:S1,failure:C1")
        // r1 = (2 + 1 + 1) / 4 = 100, r2 = (0 + 0.5 + 1) / 4 = 37.5: mean 68.75. Q1 1 of 2 not met; S1 missed
        // 0 + 2 of 8 points; category A earned 2 + 1.5 of 4 + 2 = 58.33.
        #expect(rows[1] == "2026-10,T1,T1,2,68.75,,,0,1,0,1,58.33,100.00,0.5000,0.2500,0.0000")
        // r3 = (2 + 0.75 + 0) / 4 = 68.75 and r4 (A1, after the move) = (2 + 0 + 1) / 4 = 75: mean 71.875.
        // S1 missed 1 + 4 of 8; category A earned 4 + 0.75 of 4 + 2 = 79.17; C1 1 of 2 not met.
        #expect(rows[2] == "2026-10,T2,T2,2,71.88,,,0,0,2,0,79.17,50.00,0.0000,0.6250,0.5000")
        #expect(rows.count == 3)
    }

    @Test func locationsCountTheShopAndTheAgentsLocationAtTheTime() throws {
        let rows = try csv(ReportRequest(kind: .location, window: ReportWindow(period: "2026-10")))
        // L1: r1, r2, r3 (A1 was at L1 then): (100 + 37.5 + 68.75) / 3 = 68.75.
        #expect(rows[1].hasPrefix("2026-10,L1,L1,3,68.75,"))
        // L2: r4 (A1 after the move) 75 and the shop r5 = (2 + 1) / 3 = 100: mean 87.5; C1 N/A in the shop.
        #expect(rows[2].hasPrefix("2026-10,L2,L2,2,87.50,,,0,1,1,0,"))
        #expect(rows[2].hasSuffix(",0.0000,0.5000,0.0000"))
    }

    @Test func theCriteriaReportRanksOverEveryAuditInScope() throws {
        let document = try service.run(ReportRequest(kind: .criteria, window: ReportWindow(period: "2026-10")))
        let rows = ReportCSV.render(document).split(separator: "\r\n").map(String.init)
        #expect(rows[0] == "rank,criterion,title,category,critical,assessed,failure_rate,previous_failure_rate,delta_pp,team:T1,team:T2")
        // S1 missed 0 + 2 + 1 + 4 + 0 of 20 points = 35 %; C1 1 of 4 (N/A in the shop); Q1 1 of 5.
        #expect(rows[1] == "1,S1,Empathy,Category A,no,5,0.3500,,,0.2500,0.6250")
        #expect(rows[2] == "2,C1,Records the contact,Category B,no,4,0.2500,,,0.0000,0.5000")
        #expect(rows[3] == "3,Q1,Asks before a hold,Category A,no,5,0.2000,,,0.5000,0.0000")
    }

    @Test func aWindowOfDaysReadsTheAuditsAndGivesTheSameFiguresAsTheMonth() throws {
        let month = try csv(ReportRequest(kind: .team, window: ReportWindow(period: "2026-10")))
        let days = try csv(ReportRequest(kind: .team, window: ReportWindow(from: ISODate(year: 2026, month: 10, day: 1)!,
                                                                            to: ISODate(year: 2026, month: 10, day: 30)!)))
        #expect(days.dropFirst().map { $0.split(separator: ",").dropFirst().joined(separator: ",") }
                == month.dropFirst().map { $0.split(separator: ",").dropFirst().joined(separator: ",") })
        // A week: only r4 (2026-10-20) of T2 and nothing of T1.
        let week = try csv(ReportRequest(kind: .team, window: ReportWindow(period: "2026-W43")))
        #expect(week.count == 2 && week[1].hasPrefix("2026-W43,T2,T2,1,75.00,"))
    }

    @Test func theAgentReportShowsTheAuditsWithThePointsLostAndTheFiltersAreChecked() throws {
        let document = try service.run(ReportRequest(kind: .agent, window: ReportWindow(period: "2026-10"), agent: "A1"))
        let text = ReportText.render(document, colour: false, width: 120)
        #expect(text.contains("Q1 not met; S1 2 of 0–4"), "\(text)")
        // A1 moved from T1 to T2 mid-month: compared with both teams its audits counted for (r1–r4).
        #expect(document.facts.first { $0.key == "team" }?.value == "T1, T2")
        #expect(ReportCSV.render(document).contains("2026-10-20"))
        let summary = try #require(document.sections.first { $0.title == "Summary" })
        if case let .table(table) = summary.content { #expect(table.rows.last?[1] == .integer(4), "the teams' four audits") }
        #expect(ReportCSV.render(document).split(separator: "\r\n").count == 4, "three audits of A1")
        #expect(throws: InputError.self) { try service.run(ReportRequest(kind: .team, team: "T9")) }
        #expect(throws: InputError.self) { try service.run(ReportRequest(kind: .team, form: "no-such-form")) }
        #expect(throws: InputError.self) { try service.run(ReportRequest(kind: .agent, agent: "A9")) }
        let empty = try service.run(ReportRequest(kind: .team, window: ReportWindow(period: "2025-01")))
        #expect(empty.notes == ["No audits in 2025-01 for all teams."] && empty.export.rows.isEmpty)
    }

    @Test func aggregatesStayExactAndVerifyRecomputesThem() throws {
        #expect(try Verifier(context).run().isClean)
        // Per agent: T1 L1 A1, T2 L1 A2, T2 L2 A1 and the shop at L2; per scope: T1 L1, T2 L1, T2 L2 and the shop's L2.
        #expect(try Verifier(context).run().aggregateRows == 8)
        try context.store.database.execute("UPDATE scope_month_stats SET audits = audits + 1 WHERE team_id = 'T1'")
        let problems = try Verifier(context).run().problems
        #expect(problems.contains { $0.subject == "scope aggregate month 2026-10 standard mini form mini-review team T1 location L1"
                && $0.message == "audits 3 (recomputed 2)" }, "\(problems)")
    }
}
