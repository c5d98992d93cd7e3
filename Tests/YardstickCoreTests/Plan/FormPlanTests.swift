import Testing
@testable import YardstickCore

struct FormPlanTests {
    @Test func keepsSlotsBeyondOneHundredAndTwentyEightInTheSet() {
        var set = SlotSet(capacity: 300)
        for slot in [0, 63, 64, 127, 128, 200, 299] { set.insert(slot) }
        for slot in 0..<300 { #expect(set.contains(slot) == [0, 63, 64, 127, 128, 200, 299].contains(slot), "\(slot)") }
        #expect(!set.contains(-1) && !set.contains(10_000))
    }

    @Test func summarisesExactlyAsTheExplainedScore() {
        func criterion(_ index: Int) -> Criterion {
            let scale: RatingScale = index % 3 == 0 ? .range(minimum: 0, maximum: 4) : .yesNo
            let critical: CriticalPolicy? = index == 2 ? .zeroAudit : index == 8 ? .zeroCategory : index == 11 ? .flag : nil
            return Criterion(id: "C\(index)", categoryID: index <= 6 ? "a" : "b", title: "C\(index)", weight: Double(index % 4 + 1) * 0.7,
                             scale: scale, critical: critical, isBonus: index == 5)
        }
        let criteria = (1...12).map(criterion)
        let standard = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "High", minimum: 80), Band(label: "Low", minimum: 0)],
                                categories: [Category(id: "a", title: "A", criteria: Array(criteria[0..<6])),
                                             Category(id: "b", title: "B", criteria: Array(criteria[6...]))])
        let calculator = ScoreCalculator(standard: standard)
        var random = SeededRandom(seed: 3)
        for _ in 0..<5000 {
            let outcomes: [CriterionOutcome?] = criteria.map { criterion -> CriterionOutcome? in
                switch random.integer(in: 0...5) {
                case 0: return nil
                case 1: return .hidden
                case 2: return .notApplicable
                default:
                    if case .range = criterion.scale { return .level(random.integer(in: 0...4)) }
                    return .met(random.chance(0.7))
                }
            }
            var byID: [String: CriterionOutcome] = [:]
            for (index, outcome) in outcomes.enumerated() { if let outcome { byID[criteria[index].id] = outcome } }
            let full = calculator.score(byID)
            let summary = calculator.summary(outcomes)
            #expect(summary == full.summary)
            #expect(summary.score?.bitPattern == full.score?.bitPattern)
        }
    }
}
