import Testing
import YardstickCore
import YardstickTestSupport

/// Every report in every format, from hand-made figures: a change in any output is a golden diff.
struct ReportRenderingTests {
    typealias Figures = ReportFiguresTests

    static func teams() throws -> ReportInput {
        let window = try #require(ReportWindow(period: "2026-10"))
        var grouped = GroupedFigures(dimension: .team, buckets: [window.previous, window])
        grouped.add(Figures.audit(score: 80, band: "Good", q1: true, s1: 2, c1: true), bucket: 0, group: "T1")
        grouped.add(Figures.audit(score: 100, band: "Excellent", q1: true, s1: 4, c1: true), bucket: 1, group: "T1")
        grouped.add(Figures.audit(score: 37.5, band: "Low", q1: false, s1: 2, c1: true), bucket: 1, group: "T1")
        grouped.add(Figures.audit(score: 0, band: "Low", q1: true, s1: 3, c1: false), bucket: 1, group: "T2")
        grouped.add(Figures.audit(score: 75, band: "Good", q1: true, s1: 0, c1: true), bucket: 1, group: "T2")
        return ReportInput(standard: Figures.standard, window: window, granularity: nil, scope: "all teams", figures: grouped,
                           names: ["T1": "Oslo phone", "T2": "=HYPERLINK(\"x\")"])
    }

    @Test func rendersTheTeamReportInEveryFormat() throws {
        let document = GroupReport.build(try Self.teams())
        try Golden.check(ReportText.render(document, colour: false, width: 100), named: "report-team.txt")
        try Golden.check(ReportText.render(document, colour: true, width: 100), named: "report-team-colour.txt")
        try Golden.check(ReportCSV.render(document), named: "report-team.csv")
        try Golden.check(ReportJSON.render(document), named: "report-team.json")
        try Golden.check(ReportHTML.page(document, generatedAt: "2026-11-23T09:00:00Z"), named: "report-team.html")
    }

    @Test func theCSVNeutralisesFormulasAndKeepsNegativeNumbersNumeric() throws {
        let csv = ReportCSV.render(GroupReport.build(try Self.teams()))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "\(csv)")
        #expect(csv.hasPrefix("period,team,name,audits,mean_score,previous_mean,delta,critical_failures,band:Excellent,band:Good,band:Low,category:a,category:b,failure:Q1,failure:S1,failure:C1\r\n"))
        #expect(csv.contains("2026-10,T1,Oslo phone,2,68.75,80.00,-11.25,0,1,0,1,58.33,100.00,0.5000,0.2500,0.0000\r\n"), "\(csv)")
        #expect(!csv.contains("−"), "CSV numbers use a plain minus")
    }

    @Test func rendersTheCriteriaTrendAndAuditorReports() throws {
        let input = try Self.teams()
        try Golden.check(ReportText.render(CriteriaReport.build(input), colour: false, width: 120), named: "report-criteria.txt")
        try Golden.check(ReportHTML.page(CriteriaReport.build(input), generatedAt: "2026-11-23T09:00:00Z"), named: "report-criteria.html")

        let window = try #require(ReportWindow(period: "2026-Q3"))
        var buckets = window.buckets(.month)
        buckets.insert(try #require(buckets.first).previous, at: 0)
        var grouped = GroupedFigures(dimension: .all, buckets: buckets)
        for (bucket, score) in [(1, 92.0), (1, 88.0), (2, 71.0), (3, 95.5)] {
            grouped.add(Figures.audit(score: score, band: score >= 90 ? "Excellent" : "Good", q1: score > 80, s1: 3, c1: true), bucket: bucket, group: "")
        }
        let trend = TrendReport.build(ReportInput(standard: Figures.standard, window: window, granularity: .month, scope: "all audits",
                                                  figures: grouped, names: [:]))
        try Golden.check(ReportText.render(trend, colour: false, width: 120), named: "report-trend.txt")
        try Golden.check(ReportHTML.page(trend, generatedAt: "2026-11-23T09:00:00Z"), named: "report-trend.html")

        let auditors = AuditorReport.build(
            standard: Figures.standard, window: window, scope: "all audits",
            activity: [AuditorActivity(auditor: "k.berg", submitted: 40, counted: 38, scoreSum: 38 * 84.5, returned: 2),
                       AuditorActivity(auditor: "m.lund", submitted: 12, counted: 12, scoreSum: 12 * 90, returned: 0),
                       AuditorActivity(auditor: "s.holm", submitted: 3, counted: 3, scoreSum: 270, returned: 1)],
            leniency: [.init(auditor: "k.berg", comparable: 30, meanDifference: -5.1, low: -7.0, high: -3.2, verdict: .harsher),
                       .init(auditor: "m.lund", comparable: 11, meanDifference: 0.8, low: -1.5, high: 3.1, verdict: .inLine),
                       .init(auditor: "s.holm", comparable: 2, meanDifference: nil, low: nil, high: nil, verdict: .tooFew)])
        try Golden.check(ReportText.render(auditors, colour: false, width: 120), named: "report-auditors.txt")
        try Golden.check(ReportHTML.page(auditors, generatedAt: "2026-11-23T09:00:00Z"), named: "report-auditors.html")
    }

    @Test func rendersTheAgentReportWithReasonsUnderEachRowOnANarrowTerminal() throws {
        let window = try #require(ReportWindow(period: "2026-10"))
        var mine = Figures.audit(score: 37.5, band: "Low", q1: false, s1: 2, c1: true)
        mine += Figures.audit(score: 100, band: "Excellent", q1: true, s1: 4, c1: true)
        var team = mine
        team += Figures.audit(score: 90, band: "Excellent", q1: true, s1: 4, c1: true)
        let document = AgentReport.build(AgentReportInput(
            agentID: "A1001", agentName: "Ann Berg", teamID: "T1", teamName: "Oslo phone", standard: Figures.standard, window: window,
            previous: window.previous, agentNow: mine, agentBefore: Figures.audit(score: 80, band: "Good", q1: true, s1: 2, c1: true), teamNow: team,
            audits: [AgentAuditLine(id: 7, occurredOn: "2026-10-03", formID: "mini", auditor: "m.lund", score: 37.5, band: "Low", criticalFail: false,
                                    reasons: ["Q1 not met — “put on hold without asking, then forgot the customer for two minutes”", "S1 2 of 0–4"]),
                     AgentAuditLine(id: 9, occurredOn: "2026-10-20", formID: "mini", auditor: "k.berg", score: 100, band: "Excellent", criticalFail: false, reasons: [])],
            openCoaching: ["plan 2 · Q1 Yes-no, weight 2 — Q1 met in ≥ 90 % of the next 5 reviewed calls · due 2026-12-15"], disputes: []))
        try Golden.check(ReportText.render(document, colour: false, width: 80), named: "report-agent.txt")
    }
}
