/// One counted audit as coaching sees it: who, when, by whom, on which channel, and each assessed
/// criterion's outcome with the auditor's comment.
public struct CoachingObservation: Sendable, Hashable {
    public var auditID: Int64
    public var agentID: String
    /// The agent's team at the time of the audit's evaluation (the roster's team).
    public var teamID: String
    public var occurredOn: ISODate
    public var auditor: String
    public var formID: String
    /// `phone`, `chat`, `email`, `store`…: what a follow-up target counts ("calls", "visits").
    public var channel: String
    public var outcomes: [String: CriterionOutcome]
    /// The auditor's comment on the question bound to each criterion, where there is one.
    public var comments: [String: String]
    /// The standard the audit was scored against, and its score.
    public var standardID: String
    public var score: Double?

    public init(auditID: Int64, agentID: String, teamID: String, occurredOn: ISODate, auditor: String, formID: String, channel: String,
                outcomes: [String: CriterionOutcome], comments: [String: String], standardID: String = "", score: Double? = nil) {
        self.standardID = standardID
        self.score = score
        self.auditID = auditID
        self.agentID = agentID
        self.teamID = teamID
        self.occurredOn = occurredOn
        self.auditor = auditor
        self.formID = formID
        self.channel = channel
        self.outcomes = outcomes
        self.comments = comments
    }
}

/// How often a criterion was assessed and how much of it failed.
public struct CriterionRate: Sendable, Hashable {
    public var assessed = 0
    /// Σ failure units: 1 per "not met"; for a scale 1 − (v − a)/(b − a).
    public var failureUnits = 0.0
    /// Assessments that count as not met for the effect test: not met, or a scale below three quarters of its range.
    public var misses = 0

    public init() {}

    /// The failure rate (0–1), nil when never assessed.
    public var rate: Double? { assessed == 0 ? nil : failureUnits / Double(assessed) }

    /// Adds one outcome; hidden and N/A outcomes are not assessments.
    public mutating func add(_ outcome: CriterionOutcome, scale: RatingScale) {
        guard let unit = Self.failureUnit(outcome, scale: scale) else { return }
        assessed += 1
        failureUnits += unit
        if Self.isMiss(outcome, scale: scale) { misses += 1 }
    }

    /// 1 for not met, 0 for met; for a scale level v of a–b, 1 − (v − a)/(b − a); nil when not assessed.
    public static func failureUnit(_ outcome: CriterionOutcome, scale: RatingScale) -> Double? {
        switch outcome {
        case .hidden, .notApplicable: return nil
        case let .met(met): return met ? 0 : 1
        case let .level(value):
            guard case let .range(minimum, maximum) = scale, maximum > minimum else { return nil }
            return 1 - Double(value - minimum) / Double(maximum - minimum)
        }
    }

    /// Not met, or (for a scale) below three quarters of its range — the share a follow-up target counts.
    public static func isMiss(_ outcome: CriterionOutcome, scale: RatingScale) -> Bool {
        guard let unit = failureUnit(outcome, scale: scale) else { return false }
        if case .level = outcome { return unit > 0.25 + 1e-12 }
        return unit > 0
    }
}
