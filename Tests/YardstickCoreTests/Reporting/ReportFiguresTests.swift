import Testing
import YardstickCore

struct ReportFiguresTests {
    static let standard = ReportStandard(
        id: "mini", title: "Mini standard", bands: [Band(label: "Excellent", minimum: 90), Band(label: "Good", minimum: 60), Band(label: "Low", minimum: 0)],
        categories: [("a", "Category A"), ("b", "Category B")],
        criteria: [
            ReportCriterion(id: "Q1", title: "Yes-no, weight 2", categoryID: "a", weight: 2, span: 1, isCritical: false, isBonus: false, slot: 0),
            ReportCriterion(id: "S1", title: "Scale 0-4, weight 1", categoryID: "a", weight: 1, span: 4, isCritical: false, isBonus: false, slot: 1),
            ReportCriterion(id: "C1", title: "Yes-no, critical", categoryID: "b", weight: 1, span: 1, isCritical: true, isBonus: false, slot: 2),
        ])

    /// One audit's figures: Q1 yes/no, S1 at a level, C1 yes/no/na.
    static func audit(score: Double, band: String, q1: Bool, s1: Int, c1: Bool?) -> ReportFigures {
        var figures = ReportFigures()
        var outcomes: [(slot: Int, outcome: CriterionOutcome, scale: RatingScale)] = [
            (0, .met(q1), .yesNo), (1, .level(s1), .range(minimum: 0, maximum: 4)),
        ]
        outcomes.append((2, c1.map { .met($0) } ?? .notApplicable, .yesNo))
        figures.add(score: score, band: band, criticalFail: c1 == false, outcomes: outcomes)
        return figures
    }

    @Test func sumsScoresBandsAndExactCriterionCounters() {
        var figures = Self.audit(score: 100, band: "Excellent", q1: true, s1: 4, c1: true)
        figures += Self.audit(score: 37.5, band: "Low", q1: false, s1: 2, c1: nil)
        #expect(figures.audits == 2 && figures.meanScore == 68.75 && figures.criticalFails == 0)
        #expect(figures.bands["Excellent"] == 1 && figures.bands["Low"] == 1 && figures.bands["Good"] == 0)
        // sd of 100 and 37.5 = 62.5 / √2.
        #expect(abs((figures.scoreStandardDeviation ?? 0) - 44.194173824) < 1e-6)
        #expect(figures.counters(slot: 0).failureRate == 0.5)
        #expect(figures.counters(slot: 1).failureRate == 0.25)  // (0 + 2) of 8 points missed
        #expect(figures.counters(slot: 2).assessed == 1 && figures.counters(slot: 2).notApplicable == 1)
        // Category A: Q1 earned 2 of 4, S1 earned 1.5 of 2 → 3.5 / 6.
        #expect(abs((figures.categoryScore(Self.standard.criteria(inCategory: "a")) ?? 0) - 100 * 3.5 / 6) < 1e-9)
        #expect(figures.categoryScore(Self.standard.criteria(inCategory: "b")) == 100)
        #expect(ReportFigures().categoryScore(Self.standard.criteria) == nil && ReportFigures().meanScore == nil)
    }

    @Test func groupedFiguresKeepTheReferenceBucketOutOfTheShownOnes() throws {
        let window = try #require(ReportWindow(period: "2026-10"))
        var grouped = GroupedFigures(dimension: .team, buckets: [window.previous, window])
        grouped.add(Self.audit(score: 50, band: "Low", q1: false, s1: 0, c1: true), bucket: 0, group: "T1")
        grouped.add(Self.audit(score: 100, band: "Excellent", q1: true, s1: 4, c1: true), bucket: 1, group: "T2")
        #expect(grouped.groups == ["T2"])
        #expect(grouped.overall().audits == 1 && grouped.total(0).audits == 1)
        #expect(grouped.figures(1, "T1").isEmpty)
    }
}
