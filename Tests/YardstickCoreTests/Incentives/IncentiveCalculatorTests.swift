import Testing
@testable import YardstickCore

/// A hand-computed month (every figure below was worked out by hand, not by this code):
/// min 3 audits, 95 % interval at most 40 points wide; Outstanding ≥ 95 → +300, Strong ≥ 90 → +150,
/// Below standard < 70 → −100; per critical failure −50, per promoter (NPS ≥ 9) +10, per detractor
/// (NPS ≤ 6) −10; totals capped at +320 and −120.
struct IncentiveCalculatorTests {
    static let policy: IncentivePolicy = {
        func eur(_ text: String) -> Money { Money.parse(text, digits: 2) ?? Money(minorUnits: 0, digits: 2) }
        return IncentivePolicy(
            id: "test-monthly", version: "1", title: "Test incentive", currency: "EUR", minorUnitDigits: 2, period: .month,
            eligibility: Eligibility(label: "At least 3 audits", minimumAudits: 3, maximumConfidenceWidth: 40),
            bonusTiers: [BonusTier(label: "Outstanding", minimumScore: 95, amount: eur("300")), BonusTier(label: "Strong", minimumScore: 90, amount: eur("150"))],
            penaltyTiers: [PenaltyTier(label: "Below standard", threshold: 70, amount: eur("-100"))],
            events: [EventRule(kind: .criticalFailure, label: "Critical failure", amount: eur("-50")),
                     EventRule(kind: .positiveReview, label: "Promoter review", amount: eur("10"), measure: .nps, threshold: 9),
                     EventRule(kind: .negativeReview, label: "Detractor review", amount: eur("-10"), measure: .nps, threshold: 6)],
            caps: Caps(label: "Caps", maximumBonus: eur("320"), maximumPenalty: eur("120")), disputes: DisputeRules(),
            informedOn: ISODate("2026-01-05"))
    }()

    static let october = PayPeriod("2026-10")!

    func subject(_ id: String, scores: [Double], critical: Int = 0, nps: [Int?] = [], csatOnly: Int = 0) -> IncentiveSubject {
        let audits = scores.enumerated().map { index, score in
            IncentiveAudit(id: Int64(index + 1), occurredOn: "2026-10-\(10 + index)", score: score, criticalFail: index < critical,
                           contentHash: String(repeating: "a", count: 64))
        }
        let feedback = nps.enumerated().map { IncentiveFeedback(id: Int64($0.offset + 1), occurredOn: "2026-10-05", nps: $0.element, csat: 4) }
            + (0..<csatOnly).map { IncentiveFeedback(id: Int64(100 + $0), occurredOn: "2026-10-06", nps: nil, csat: 5) }
        return IncentiveSubject(agent: Agent(id: id, name: "Agent \(id)", teamID: "oslo-phone"), audits: audits, feedback: feedback)
    }

    func line(_ subject: IncentiveSubject) -> IncentiveLine {
        IncentiveCalculator(policy: Self.policy, period: Self.october).line(for: subject)
    }

    @Test func aMeanExactlyOnTheThresholdReachesTheTier() {
        // 80.0 + 80.7 + 99.6 + 99.7 = 360 → mean 90 exactly (in binary floating point the mean is 89.99999999999999).
        // s = √((10² + 9.3² + 9.6² + 9.7²) / 3) = 11.1466; width = 2 · 3.1824 · 11.1466 / √4 = 35.47 ≤ 40.
        let result = line(subject("A1", scores: [80.0, 80.7, 99.6, 99.7], nps: [10]))
        #expect(result.eligible && result.tier == "Strong" && result.tierAmount == 15_000 && result.eventsAmount == 1_000 && result.total == 16_000)
        #expect(formatFixed(result.confidenceWidth ?? 0, 2) == "35.47")
        #expect(result.explanation == "mean 90.0 over 4 audits ≥ 90 → +150.00 (Strong); 1 promoter review × +10.00; total +160.00")
    }

    @Test func aPenaltyWithACriticalFailureIsCappedAtTheMaximumPenalty() {
        // mean (60 + 65 + 70 + 62) / 4 = 64.25 < 70 → −100; one critical failure −50; −150 capped at −120.
        let result = line(subject("A2", scores: [60, 65, 70, 62], critical: 1))
        #expect(result.eligible && result.tier == "Below standard" && result.tierAmount == -10_000 && result.eventsAmount == -5_000)
        #expect(result.total == -12_000 && result.capApplied && result.criticalFailures == 1)
        #expect(result.explanation == "mean 64.3 over 4 audits < 70 → −100.00 (Below standard); 1 critical failure × −50.00; total −150.00, capped at −120.00 (Caps)")
    }

    @Test func tooFewAuditsPayAndDockNothing() {
        let result = line(subject("A3", scores: [95, 97], nps: [2]))
        #expect(!result.eligible && result.total == 0 && result.tierAmount == 0 && result.eventsAmount == 0 && result.negativeReviews == 1)
        #expect(result.explanation == "ineligible: 2 audits in 2026-10, at least 3 needed (At least 3 audits); nothing paid or docked")
    }

    @Test func aMeanTooUncertainPaysAndDocksNothing() {
        // 50, 100, 95: mean 81.67, s = 27.54, width = 2 · 4.3027 · 27.54 / √3 = 136.82 > 40.
        let result = line(subject("A4", scores: [50, 100, 95]))
        #expect(!result.eligible && result.total == 0)
        #expect(result.explanation == "ineligible: mean 81.7 over 3 audits is too uncertain: its 95 % interval is 136.82 points wide, at most 40 allowed (At least 3 audits); nothing paid or docked")
    }

    @Test func reviewsAddUpAndTheBonusCapBites() {
        // mean 98 ≥ 95 → +300; promoters (9, 10, 9, 10) +40, one detractor (3) −10, a passive (7) and a CSAT-only response count for nothing: +330 capped at +320.
        let result = line(subject("A5", scores: [96, 98, 100], nps: [9, 10, 9, 10, 3, 7], csatOnly: 1))
        #expect(result.positiveReviews == 4 && result.negativeReviews == 1 && result.eventsAmount == 3_000 && result.total == 32_000 && result.capApplied)
        #expect(result.explanation == "mean 98.0 over 3 audits ≥ 95 → +300.00 (Outstanding); 4 promoter reviews × +10.00; 1 detractor review × −10.00; total +330.00, capped at +320.00 (Caps)")
    }

    @Test func aMeanJustBelowAThresholdIsShownWithTheDigitsThatSaySo() {
        // (89.99 + 90 + 90) / 3 = 89.99667: one decimal would print 90.0, which looks as if it reached 90.
        let result = line(subject("A6", scores: [89.99, 90, 90], nps: [6, 7]))
        #expect(result.eligible && result.tier == nil && result.tierAmount == 0 && result.total == -1_000)
        #expect(result.explanation == "mean 89.997 over 3 audits: no tier (bonus from 90, penalty below 70); 1 detractor review × −10.00; total −10.00")
    }

    @Test func aPeriodBeforeStaffWereToldPaysNobody() {
        let calculator = IncentiveCalculator(policy: Self.policy, period: PayPeriod("2025-12")!)
        let result = calculator.line(for: subject("A1", scores: [96, 98, 100]))
        #expect(!result.eligible && result.total == 0)
        #expect(result.explanation == "not paid or docked: staff were informed on 2026-01-05 that audits affect pay, after this period began on 2025-12-01; the codes of practice require notice first")
        #expect(IncentiveCalculator(policy: Self.policy, period: PayPeriod("2026-01")!).noticeRefusal != nil, "January began before the 5th")
        #expect(IncentiveCalculator(policy: Self.policy, period: PayPeriod("2026-02")!).noticeRefusal == nil)
    }

    @Test func noAuditsAtAllIsIneligibleWithTheReason() {
        let result = line(subject("A7", scores: []))
        #expect(result.explanation == "ineligible: no counted audits in 2026-10, at least 3 needed (At least 3 audits); nothing paid or docked")
        #expect(result.meanScore == nil && result.confidenceWidth == nil)
    }
}
