/// One observable behaviour an auditor rates, e.g. "Asks permission before placing the customer on hold".
public struct Criterion: Sendable, Hashable {
    public var id: String
    public var categoryID: String
    public var title: String
    public var guidance: String
    public var weight: Double
    public var scale: RatingScale
    public var levels: [ScaleLevel]
    public var notApplicable: NotApplicablePolicy
    public var critical: CriticalPolicy?
    public var isBonus: Bool
    /// Channels the criterion applies to; empty means every channel.
    public var channels: [String]
    public var trainingModuleIDs: [String]
    public var anchor: SourceAnchor

    public init(
        id: String, categoryID: String, title: String, guidance: String = "", weight: Double,
        scale: RatingScale = .yesNo, levels: [ScaleLevel] = [], notApplicable: NotApplicablePolicy = .allowed,
        critical: CriticalPolicy? = nil, isBonus: Bool = false, channels: [String] = [],
        trainingModuleIDs: [String] = [], anchor: SourceAnchor = .unknown
    ) {
        self.id = id
        self.categoryID = categoryID
        self.title = title
        self.guidance = guidance
        self.weight = weight
        self.scale = scale
        self.levels = levels
        self.notApplicable = notApplicable
        self.critical = critical
        self.isBonus = isBonus
        self.channels = channels
        self.trainingModuleIDs = trainingModuleIDs
        self.anchor = anchor
    }

    /// Whether the criterion applies to interactions on `channel` (criteria without channels apply everywhere).
    public func applies(to channel: String?) -> Bool {
        guard let channel, !channels.isEmpty else { return true }
        return channels.contains(channel)
    }
}

/// How a criterion is rated: met / not met, or an integer scale from `minimum` to `maximum`.
public enum RatingScale: Sendable, Hashable, CustomStringConvertible {
    case yesNo
    case range(minimum: Int, maximum: Int)

    /// Parses the `scale` attribute: `yes-no`, or `a-b` with integer bounds (either may be negative, e.g. `-2-2`).
    public static func parse(_ text: String) -> RatingScale? {
        if text == "yes-no" { return .yesNo }
        let characters = Array(text)
        // The separating hyphen is the first one that is not a leading minus sign.
        for index in characters.indices where characters[index] == "-" && index > 0 {
            let lower = String(characters[..<index])
            let upper = String(characters[(index + 1)...])
            if let minimum = Int(lower), let maximum = Int(upper) {
                return .range(minimum: minimum, maximum: maximum)
            }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .yesNo: return "yes-no"
        case let .range(minimum, maximum): return "\(minimum)-\(maximum)"
        }
    }
}

/// A described point on a scale ("0: No acknowledgement").
public struct ScaleLevel: Sendable, Hashable {
    public var value: Int
    public var label: String
    public var anchor: SourceAnchor

    public init(value: Int, label: String, anchor: SourceAnchor = .unknown) {
        self.value = value
        self.label = label
        self.anchor = anchor
    }
}

/// Whether an auditor may answer "not applicable".
public enum NotApplicablePolicy: String, Sendable, Hashable, CaseIterable {
    case allowed
    case never
}

/// What a failed critical criterion does to the audit (PRODUCT.md §4.7).
public enum CriticalPolicy: String, Sendable, Hashable, CaseIterable {
    case zeroAudit = "zero-audit"
    case zeroCategory = "zero-category"
    case flag
}
