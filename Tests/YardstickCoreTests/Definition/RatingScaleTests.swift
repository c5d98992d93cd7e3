import Testing
@testable import YardstickCore

struct RatingScaleTests {
    @Test func parsesYesNoAndIntegerRanges() {
        #expect(RatingScale.parse("yes-no") == .yesNo)
        #expect(RatingScale.parse("0-4") == .range(minimum: 0, maximum: 4))
        #expect(RatingScale.parse("1-5") == .range(minimum: 1, maximum: 5))
        #expect(RatingScale.parse("-2-2") == .range(minimum: -2, maximum: 2))
        #expect(RatingScale.parse("-5--1") == .range(minimum: -5, maximum: -1))
    }

    @Test func keepsDescendingBoundsForTheValidatorToReport() {
        #expect(RatingScale.parse("4-0") == .range(minimum: 4, maximum: 0))
    }

    @Test func rejectsTextThatIsNoScale() {
        #expect(RatingScale.parse("a-b") == nil)
        #expect(RatingScale.parse("5") == nil)
    }

    @Test func picksTheFirstBandWhoseMinimumTheScoreReaches() {
        let standard = Standard(id: "s", version: "1", title: "S", bands: [
            Band(label: "Excellent", minimum: 90), Band(label: "Good", minimum: 80), Band(label: "Poor", minimum: 0),
        ], categories: [])
        #expect(standard.band(for: 90)?.label == "Excellent")
        #expect(standard.band(for: 89.99)?.label == "Good")
        #expect(standard.band(for: 0)?.label == "Poor")
    }
}
