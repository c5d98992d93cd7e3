import Testing
@testable import YardstickCore

/// Every rule of PRODUCT.md §4 with numbers worked out by hand in the comments.
struct ScoreCalculatorTests {
    static func criterion(_ id: String, _ category: String, weight: Double, scale: RatingScale = .yesNo, critical: CriticalPolicy? = nil,
                          bonus: Bool = false) -> Criterion {
        Criterion(id: id, categoryID: category, title: id, guidance: "g", weight: weight, scale: scale, critical: critical, isBonus: bonus)
    }

    let standard = Standard(id: "s", version: "1", title: "S", bands: [
        Band(label: "Excellent", minimum: 90), Band(label: "Good", minimum: 80), Band(label: "Needs improvement", minimum: 65),
        Band(label: "Unacceptable", minimum: 0),
    ], categories: [
        Category(id: "hold", title: "Hold", criteria: [
            criterion("HOLD-PERMISSION", "hold", weight: 2),
            criterion("HOLD-60S", "hold", weight: 3),
        ]),
        Category(id: "empathy", title: "Empathy", criteria: [
            criterion("EMPATHY", "empathy", weight: 4, scale: .range(minimum: 0, maximum: 4)),
            criterion("RATING", "empathy", weight: 2, scale: .range(minimum: 1, maximum: 5)),
        ]),
        Category(id: "conduct", title: "Conduct", criteria: [
            criterion("RESPECT", "conduct", weight: 5, critical: .zeroAudit),
            criterion("VERIFY", "conduct", weight: 3, critical: .zeroCategory),
            criterion("POLITE", "conduct", weight: 3, critical: .flag),
        ]),
        Category(id: "extra", title: "Extra", criteria: [
            criterion("PROACTIVE", "extra", weight: 2, bonus: true),
        ]),
    ])

    var calculator: ScoreCalculator { ScoreCalculator(standard: standard) }

    @Test func scoresYesNoAsWeightOfWeightOrNothing() throws {
        // 2 of 2 + 0 of 3 = 2 of 5 = 40 %.
        let score = calculator.score(["HOLD-PERMISSION": .met(true), "HOLD-60S": .met(false)])
        #expect(score.earned == 2)
        #expect(score.possible == 5)
        #expect(score.score == 40)
        #expect(score.band == "Unacceptable")
        #expect(score.outcome == .pass)
    }

    @Test func scoresAScaleProportionallyBetweenItsBounds() throws {
        // EMPATHY 3 on 0–4: 4 × 3/4 = 3 of 4. RATING 2 on 1–5: 2 × (2−1)/(5−1) = 0.5 of 2. Total 3.5 of 6.
        let score = calculator.score(["EMPATHY": .level(3), "RATING": .level(2)])
        #expect(score.criteria.map(\.earned) == [3, 0.5])
        #expect(score.score == 100 * 3.5 / 6)
    }

    @Test func leavesNotApplicableAndHiddenCriteriaOutOfTheDenominator() throws {
        // Only HOLD-60S counts: 3 of 3 = 100.
        let score = calculator.score(["HOLD-PERMISSION": .notApplicable, "HOLD-60S": .met(true), "EMPATHY": .hidden])
        #expect(score.possible == 3)
        #expect(score.score == 100)
        #expect(score.criteria.map(\.notApplicable) == [.answered, nil, .hidden])
    }

    @Test func reportsACategoryWhoseCriteriaAreAllNotApplicableAsNA() throws {
        let score = calculator.score(["HOLD-PERMISSION": .notApplicable, "HOLD-60S": .hidden, "EMPATHY": .level(4)])
        #expect(score.categories.first { $0.id == "hold" }?.score == nil)
        #expect(score.score == 100)
    }

    @Test func givesNoScoreWhenNothingWasAssessed() throws {
        let score = calculator.score(["HOLD-PERMISSION": .notApplicable])
        #expect(score.score == nil)
        #expect(score.band == nil)
    }

    @Test func letsABonusAddToEarnedButNeverToPossible() throws {
        // 2 + 3 + bonus 2 = 7 earned of 5 possible = 140 %.
        let score = calculator.score(["HOLD-PERMISSION": .met(true), "HOLD-60S": .met(true), "PROACTIVE": .met(true)])
        #expect(score.earned == 7)
        #expect(score.possible == 5)
        #expect(score.score == 140)
        #expect(score.band == "Excellent")
        // A missed bonus costs nothing: 5 of 5.
        #expect(calculator.score(["HOLD-PERMISSION": .met(true), "HOLD-60S": .met(true), "PROACTIVE": .met(false)]).score == 100)
    }

    @Test func zeroesTheWholeAuditOnAZeroAuditFailure() throws {
        // Earned would be 2 + 3 + 3 = 8 of 5 + 4 + 5 = 14; RESPECT failed → 0 of 14.
        let score = calculator.score(["HOLD-PERMISSION": .met(true), "HOLD-60S": .met(true), "EMPATHY": .level(3), "RESPECT": .met(false)])
        #expect(score.score == 0)
        #expect(score.possible == 14)
        #expect(score.criticalFail)
        #expect(score.outcome == .fail)
        #expect(score.criteria.first { $0.criterionID == "RESPECT" }?.criticalEffect == .zeroedAudit)
    }

    @Test func zeroesOnlyItsCategoryOnAZeroCategoryFailure() throws {
        // hold 5 of 5; conduct: RESPECT 5 + VERIFY 0 → zeroed → 0 of 8. Total 5 of 13.
        let score = calculator.score(["HOLD-PERMISSION": .met(true), "HOLD-60S": .met(true), "RESPECT": .met(true), "VERIFY": .met(false)])
        #expect(score.categories.first { $0.id == "conduct" }.map { ($0.earned, $0.possible, $0.zeroed) } ?? (1, 1, false) == (0, 8, true))
        #expect(score.score == 100.0 * 5 / 13)
        #expect(score.outcome == .fail)
    }

    @Test func keepsTheScoreButFailsTheAuditOnAFlagFailure() throws {
        // 5 + 0 of 5 + 3 = 5 of 8 = 62.5, failed.
        let score = calculator.score(["RESPECT": .met(true), "POLITE": .met(false)])
        #expect(score.score == 62.5)
        #expect(score.band == "Unacceptable")
        #expect(score.criticalFail)
        #expect(score.criteria.last?.criticalEffect == .flagged)
    }

    @Test func combinesAFlagWithNotApplicableAndAScale() throws {
        // HOLD-PERMISSION N/A; HOLD-60S 3 of 3; EMPATHY 2 on 0–4 = 2 of 4; POLITE flag failed 0 of 3.
        // 5 of 10 = 50, band Unacceptable, outcome fail.
        let score = calculator.score(["HOLD-PERMISSION": .notApplicable, "HOLD-60S": .met(true), "EMPATHY": .level(2), "POLITE": .met(false)])
        #expect(score.earned == 5)
        #expect(score.possible == 10)
        #expect(score.score == 50)
        #expect(score.outcome == .fail)
    }

    @Test func doesNotTreatANotApplicableCriticalCriterionAsAFailure() throws {
        let score = calculator.score(["RESPECT": .notApplicable, "HOLD-60S": .met(true)])
        #expect(!score.criticalFail)
        #expect(score.score == 100)
    }

    @Test func treatsTheLowestLevelOfACriticalScaleAsAFailure() throws {
        let scaled = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "Any", minimum: 0)], categories: [
            Category(id: "c", title: "C", criteria: [Self.criterion("TONE", "c", weight: 4, scale: .range(minimum: 1, maximum: 5), critical: .flag)]),
        ])
        #expect(ScoreCalculator(standard: scaled).score(["TONE": .level(1)]).criticalFail)
        #expect(!ScoreCalculator(standard: scaled).score(["TONE": .level(2)]).criticalFail)
    }

    @Test func placesABandBoundaryScoreInTheHigherBand() throws {
        // 9 of 10 = exactly 90, which is the Excellent band (score ≥ min).
        let score = ScoreCalculator(standard: Standard(id: "s", version: "1", title: "S", bands: standard.bands, categories: [
            Category(id: "c", title: "C", criteria: [Self.criterion("A", "c", weight: 9), Self.criterion("B", "c", weight: 1)]),
        ])).score(["A": .met(true), "B": .met(false)])
        #expect(score.score == 90)
        #expect(score.band == "Excellent")
    }
}
