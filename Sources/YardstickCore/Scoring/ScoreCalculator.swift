/// The scoring rules of PRODUCT.md §4, as pure arithmetic over criterion outcomes.
public struct ScoreCalculator: Sendable {
    public let standard: Standard
    /// The standard flattened once, so scoring an audit does not copy the definition structs.
    private let plan: [(id: String, title: String, criteria: [Criterion])]
    /// Per category, what scoring needs of each criterion with its slot (its first position in `standard.criteria`).
    private let slotPlan: [[ScoringRule]]

    /// The few numbers scoring reads per criterion, without the criterion's texts.
    struct ScoringRule: Sendable {
        var slot: Int
        var weight: Double
        var isBonus: Bool
        var scale: RatingScale
        var critical: CriticalPolicy?
    }

    public init(standard: Standard) {
        self.standard = standard
        plan = standard.categories.map { ($0.id, $0.title, $0.criteria) }
        var slots: [String: Int] = [:]
        for criterion in standard.criteria where slots[criterion.id] == nil { slots[criterion.id] = slots.count }
        slotPlan = standard.categories.map { category in
            category.criteria.compactMap { criterion in
                slots[criterion.id].map {
                    ScoringRule(slot: $0, weight: criterion.weight, isBonus: criterion.isBonus, scale: criterion.scale, critical: criterion.critical)
                }
            }
        }
    }

    /// The score of outcomes by criterion slot without the per-criterion explanation: the same
    /// arithmetic in the same order as `score`, so the numbers are identical to the last bit.
    public func summary(_ outcomes: [CriterionOutcome?]) -> ScoreSummary {
        var zeroAudit = false, criticalFail = false
        var earnedTotal = 0.0, possibleTotal = 0.0
        for category in slotPlan {
            var earned = 0.0, possible = 0.0
            var zeroed = false
            for rule in category {
                guard rule.slot < outcomes.count, let outcome = outcomes[rule.slot] else { continue }
                let result = Self.points(rule, outcome)
                if let policy = rule.critical, Self.fails(scale: rule.scale, outcome) {
                    criticalFail = true
                    switch policy {
                    case .zeroAudit: zeroAudit = true
                    case .zeroCategory: zeroed = true
                    case .flag: break
                    }
                }
                earned += result.earned
                possible += result.possible
            }
            if zeroed { earned = 0 }
            earnedTotal += earned
            possibleTotal += possible
        }
        if zeroAudit { earnedTotal = 0 }
        let score: Double? = possibleTotal > 0 ? 100 * earnedTotal / possibleTotal : nil
        return ScoreSummary(score: score, earned: earnedTotal, possible: possibleTotal, band: score.flatMap { standard.band(for: $0)?.label },
                            criticalFail: criticalFail)
    }

    /// Earned and possible points of one criterion, without building its result.
    static func points(_ criterion: ScoringRule, _ outcome: CriterionOutcome) -> (earned: Double, possible: Double) {
        let weight = criterion.weight
        switch outcome {
        case .hidden, .notApplicable: return (0, 0)
        case let .met(met): return (met ? weight : 0, criterion.isBonus ? 0 : weight)
        case let .level(level):
            var earned = 0.0
            if case let .range(minimum, maximum) = criterion.scale, maximum > minimum {
                earned = weight * Double(level - minimum) / Double(maximum - minimum)
            }
            return (earned, criterion.isBonus ? 0 : weight)
        }
    }

    /// Scores the criteria in `outcomes` (those the form assesses); others are left out entirely.
    public func score(_ outcomes: [String: CriterionOutcome]) -> AuditScore {
        var results: [CriterionResult] = []
        results.reserveCapacity(outcomes.count)
        var categories: [CategoryScore] = []
        var zeroAudit = false
        var criticalFail = false
        for category in plan {
            var categoryScore = CategoryScore(id: category.id, title: category.title, earned: 0, possible: 0, zeroed: false)
            var assessedAny = false
            for index in category.criteria.indices {
                let criterionID = category.criteria[index].id
                guard let outcome = outcomes[criterionID] else { continue }
                let criterion = category.criteria[index]
                assessedAny = true
                var result = Self.points(for: criterion, outcome: outcome)
                if let policy = criterion.critical, Self.fails(criterion, outcome) {
                    criticalFail = true
                    switch policy {
                    case .zeroAudit:
                        zeroAudit = true
                        result.criticalEffect = .zeroedAudit
                    case .zeroCategory:
                        categoryScore.zeroed = true
                        result.criticalEffect = .zeroedCategory
                    case .flag:
                        result.criticalEffect = .flagged
                    }
                }
                categoryScore.earned += result.earned
                categoryScore.possible += result.possible
                results.append(result)
            }
            if categoryScore.zeroed { categoryScore.earned = 0 }
            if assessedAny { categories.append(categoryScore) }
        }
        let earned = zeroAudit ? 0 : categories.reduce(0) { $0 + $1.earned }
        let possible = categories.reduce(0) { $0 + $1.possible }
        let score: Double? = possible > 0 ? 100 * earned / possible : nil
        return AuditScore(
            score: score, earned: earned, possible: possible, band: score.flatMap { standard.band(for: $0)?.label },
            criticalFail: criticalFail, categories: categories, criteria: results)
    }

    /// Earned and possible points of one criterion (rules 1–5).
    static func points(for criterion: Criterion, outcome: CriterionOutcome) -> CriterionResult {
        var result = CriterionResult(criterionID: criterion.id, categoryID: criterion.categoryID, outcome: outcome,
                                     earned: 0, possible: 0, notApplicable: nil, criticalEffect: nil)
        let weight = criterion.weight
        switch outcome {
        case .hidden:
            result.notApplicable = .hidden
            return result
        case .notApplicable:
            result.notApplicable = .answered
            return result
        case let .met(met):
            result.earned = met ? weight : 0
        case let .level(level):
            if case let .range(minimum, maximum) = criterion.scale, maximum > minimum {
                result.earned = weight * Double(level - minimum) / Double(maximum - minimum)
            }
        }
        result.possible = criterion.isBonus ? 0 : weight
        return result
    }

    /// Whether the outcome is a failure of the criterion: not met, or the lowest level of a scale.
    static func fails(_ criterion: Criterion, _ outcome: CriterionOutcome) -> Bool { fails(scale: criterion.scale, outcome) }

    /// The same from the criterion's scale alone.
    static func fails(scale: RatingScale, _ outcome: CriterionOutcome) -> Bool {
        switch outcome {
        case .hidden, .notApplicable: return false
        case let .met(met): return !met
        case let .level(level):
            if case let .range(minimum, _) = scale { return level <= minimum }
            return false
        }
    }
}
