/// A scored audit, explainable criterion by criterion (PRODUCT.md §4).
public struct AuditScore: Sendable, Hashable {
    /// Unrounded; nil when every criterion was N/A.
    public var score: Double?
    public var earned: Double
    public var possible: Double
    public var band: String?
    public var criticalFail: Bool
    public var categories: [CategoryScore]
    public var criteria: [CriterionResult]

    public var outcome: Outcome { criticalFail ? .fail : .pass }

    public enum Outcome: String, Sendable, Hashable {
        case pass
        case fail
    }
}

/// One category's points after critical effects.
public struct CategoryScore: Sendable, Hashable {
    public var id: String
    public var title: String
    public var earned: Double
    public var possible: Double
    /// Whether a zero-category critical failure zeroed it.
    public var zeroed: Bool

    /// 100 × earned / possible; nil (N/A) when nothing in it was assessed.
    public var score: Double? { possible > 0 ? 100 * earned / possible : nil }
}

/// One criterion's result: the outcome and the points it earned.
public struct CriterionResult: Sendable, Hashable {
    public var criterionID: String
    public var categoryID: String
    public var outcome: CriterionOutcome
    public var earned: Double
    public var possible: Double
    public var notApplicable: NotApplicableReason?
    public var criticalEffect: CriticalEffect?

    /// Met / not met as people read it: "met", "not met", "3 of 0–4", "N/A".
    public func resultText(scale: RatingScale) -> String {
        switch outcome {
        case .hidden, .notApplicable: return "N/A"
        case let .met(met): return met ? "met" : "not met"
        case let .level(level):
            if case let .range(minimum, maximum) = scale { return "\(level) of \(minimum)–\(maximum)" }
            return String(level)
        }
    }
}

/// An audit's score without the per-category and per-criterion explanation (the import's hot path).
public struct ScoreSummary: Sendable, Hashable {
    /// Unrounded; nil when every criterion was N/A.
    public var score: Double?
    public var earned: Double
    public var possible: Double
    public var band: String?
    public var criticalFail: Bool

    public var outcome: AuditScore.Outcome { criticalFail ? .fail : .pass }
}

extension AuditScore {
    /// The summary part of this score.
    public var summary: ScoreSummary { ScoreSummary(score: score, earned: earned, possible: possible, band: band, criticalFail: criticalFail) }
}
