/// The life cycle of an audit (PRODUCT.md §2): `draft → submitted → (in review → returned | released) → final`.
public enum AuditStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case submitted
    case inReview = "in_review"
    case returned
    case released
    case final

    /// The status this audit has after `change`, or nil when the change is not allowed from here.
    /// - Parameter reviewRequired: whether a submission waits for a reviewer (else it is released at once).
    public func after(_ change: AuditTransition, reviewRequired: Bool) -> AuditStatus? {
        switch (change, self) {
        case (.submit, .draft): return reviewRequired ? .submitted : .released
        case (.release, .submitted), (.release, .inReview): return .released
        case (.return, .submitted), (.return, .inReview): return .returned
        case (.resubmit, .returned): return .submitted
        case (.amend, _), (.rescore, _): return self == .draft ? nil : self
        default: return nil
        }
    }

    /// Why `change` is refused from this status, in words for the user.
    public func refusal(of change: AuditTransition) -> String {
        switch change {
        case .submit: return self == .returned ? "it was returned; amend it, then resubmit with 'yardstick audit submit'" : "it is already \(rawValue)"
        case .release, .return: return "it is \(rawValue); only submitted audits are reviewed"
        case .resubmit: return "it is \(rawValue), not returned"
        case .amend: return "it is a draft; change it with 'yardstick audit resume'"
        case .rescore: return "it is a draft; it is scored when submitted"
        }
    }
}

/// The changes an audit's life cycle allows; each goes through the one change primitive.
public enum AuditTransition: String, Sendable, Hashable, CaseIterable, Codable {
    case submit
    case release
    case `return`
    case resubmit
    case amend
    case rescore
}

/// The one rule for whether an audit counts toward scores, aggregates and incentives (PRODUCT.md §5.1).
public enum AuditCounting {
    /// Released (or final) audits count; calibration audits never do.
    public static func counts(status: AuditStatus, calibrationSessionID: Int64?) -> Bool {
        calibrationSessionID == nil && (status == .released || status == .final)
    }
}
