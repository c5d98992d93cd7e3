/// What the answers say about one criterion, before any arithmetic.
public enum CriterionOutcome: Sendable, Hashable {
    /// The question or check was hidden by `relevant`.
    case hidden
    /// The auditor answered "not applicable".
    case notApplicable
    /// A yes-no question or a check: met or not.
    case met(Bool)
    /// A scale question: the level chosen.
    case level(Int)
}

/// Why a criterion left the denominator.
public enum NotApplicableReason: String, Sendable, Hashable {
    case hidden = "hidden by skip logic"
    case answered = "answered N/A"
}

/// What a failed critical criterion did to the audit.
public enum CriticalEffect: String, Sendable, Hashable {
    case zeroedAudit = "audit scored 0"
    case zeroedCategory = "category scored 0"
    case flagged = "audit failed, score kept"
}
