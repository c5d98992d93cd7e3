/// Declarative rules that turn a period's scores, critical failures and customer feedback into money.
public struct IncentivePolicy: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String
    public var currency: String
    /// Digits after the decimal point of the currency's amounts (2 for EUR, 0 for ISK).
    public var minorUnitDigits: Int
    public var period: IncentivePeriod
    public var eligibility: Eligibility
    public var bonusTiers: [BonusTier]
    public var penaltyTiers: [PenaltyTier]
    public var events: [EventRule]
    public var caps: Caps
    public var disputes: DisputeRules
    /// When staff were told that they are audited and that results affect pay; earlier periods pay nobody.
    public var informedOn: ISODate?
    /// The teams whose agents the policy pays; empty means every team.
    public var teams: [String]
    /// Where each of `teams` is named, for messages.
    public var teamAnchors: [SourceAnchor] = []
    /// Whether the file gives `informed-on` at all (it may be given but not be a date).
    public var declaresInformedOn = false
    public var anchor: SourceAnchor

    public init(
        id: String, version: String, title: String, currency: String, minorUnitDigits: Int, period: IncentivePeriod,
        eligibility: Eligibility, bonusTiers: [BonusTier], penaltyTiers: [PenaltyTier], events: [EventRule],
        caps: Caps, disputes: DisputeRules, informedOn: ISODate? = nil, teams: [String] = [], anchor: SourceAnchor = .unknown
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.currency = currency
        self.minorUnitDigits = minorUnitDigits
        self.period = period
        self.eligibility = eligibility
        self.bonusTiers = bonusTiers
        self.penaltyTiers = penaltyTiers
        self.events = events
        self.caps = caps
        self.disputes = disputes
        self.informedOn = informedOn
        self.teams = teams
        self.anchor = anchor
    }
}

extension IncentivePolicy {
    /// The largest tier or event amount a policy may state, in major units: far beyond any real
    /// incentive, and small enough that a million events times it cannot overflow.
    public static let largestAmount = 1_000_000_000
    static let largestAmountMinorUnits: UInt64 = 1_000_000_000 * 10_000
}

/// The length of an incentive period.
public enum IncentivePeriod: String, Sendable, Hashable, CaseIterable {
    case month
    case quarter
}

/// Who has enough evidence to be paid or docked at all.
public struct Eligibility: Sendable, Hashable {
    public var label: String
    public var minimumAudits: Int
    /// Largest allowed width (in score points) of the 95 % confidence interval of the mean, if any.
    public var maximumConfidenceWidth: Double?
    public var anchor: SourceAnchor

    public init(label: String, minimumAudits: Int, maximumConfidenceWidth: Double? = nil, anchor: SourceAnchor = .unknown) {
        self.label = label
        self.minimumAudits = minimumAudits
        self.maximumConfidenceWidth = maximumConfidenceWidth
        self.anchor = anchor
    }
}

/// Paid when the mean score reaches `minimumScore`; the highest such tier applies.
public struct BonusTier: Sendable, Hashable {
    public var label: String
    public var minimumScore: Double
    public var amount: Money
    public var anchor: SourceAnchor

    public init(label: String, minimumScore: Double, amount: Money, anchor: SourceAnchor = .unknown) {
        self.label = label
        self.minimumScore = minimumScore
        self.amount = amount
        self.anchor = anchor
    }
}

/// Deducted when the mean score is below `threshold`; the lowest such tier applies.
public struct PenaltyTier: Sendable, Hashable {
    public var label: String
    public var threshold: Double
    public var amount: Money
    public var anchor: SourceAnchor

    public init(label: String, threshold: Double, amount: Money, anchor: SourceAnchor = .unknown) {
        self.label = label
        self.threshold = threshold
        self.amount = amount
        self.anchor = anchor
    }
}

/// An amount per event: per critical failure, per positive or per negative customer review.
public struct EventRule: Sendable, Hashable {
    public var kind: EventKind
    public var label: String
    public var amount: Money
    /// For reviews: which survey measure decides, and the threshold (at least for positive, at most for negative).
    public var measure: FeedbackMeasure?
    public var threshold: Int?
    public var anchor: SourceAnchor

    public init(kind: EventKind, label: String, amount: Money, measure: FeedbackMeasure? = nil, threshold: Int? = nil, anchor: SourceAnchor = .unknown) {
        self.kind = kind
        self.label = label
        self.amount = amount
        self.measure = measure
        self.threshold = threshold
        self.anchor = anchor
    }
}

/// The events an incentive policy can pay or charge for.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case criticalFailure = "critical-failure"
    case positiveReview = "positive-review"
    case negativeReview = "negative-review"
}

/// A customer survey measure: NPS (0–10) or CSAT (1–5).
public enum FeedbackMeasure: String, Sendable, Hashable, CaseIterable {
    case nps
    case csat

    public var range: ClosedRange<Int> { self == .nps ? 0...10 : 1...5 }
}

/// Upper limits on the total bonus and the total penalty of one agent in one period.
public struct Caps: Sendable, Hashable {
    public var label: String
    public var maximumBonus: Money?
    public var maximumPenalty: Money?
    public var anchor: SourceAnchor

    public init(label: String = "Caps", maximumBonus: Money? = nil, maximumPenalty: Money? = nil, anchor: SourceAnchor = .unknown) {
        self.label = label
        self.maximumBonus = maximumBonus
        self.maximumPenalty = maximumPenalty
        self.anchor = anchor
    }
}

/// How long after release, and how often per audit, an agent may dispute results.
public struct DisputeRules: Sendable, Hashable {
    public var windowDays: Int
    public var maximumPerAudit: Int

    public init(windowDays: Int = 14, maximumPerAudit: Int = 3) {
        self.windowDays = windowDays
        self.maximumPerAudit = maximumPerAudit
    }
}
