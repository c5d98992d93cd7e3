/// One agent's result of an incentive run: the payroll row and the evidence behind it.
public struct IncentiveLine: Sendable, Hashable {
    public var agentID: String
    public var name: String
    public var team: String
    public var location: String?
    public var eligible: Bool
    /// Counted audits with a score (the mean's n).
    public var audits: Int
    public var meanScore: Double?
    /// Σ score in millionths of a point: thresholds are compared on this, exactly.
    public var scoreMicrosSum: Int64
    public var confidenceWidth: Double?
    public var criticalFailures: Int
    public var positiveReviews: Int
    public var negativeReviews: Int
    public var tier: String?
    /// Amounts in minor units of the policy's currency.
    public var tierAmount: Int64
    public var eventsAmount: Int64
    public var capApplied: Bool
    public var total: Int64
    public var explanation: String
    public var auditRefs: [IncentiveAudit]
    public var feedbackRefs: [IncentiveFeedback]

    public init(agentID: String, name: String, team: String, location: String?, eligible: Bool, audits: Int, meanScore: Double?,
                scoreMicrosSum: Int64, confidenceWidth: Double?, criticalFailures: Int, positiveReviews: Int, negativeReviews: Int,
                tier: String?, tierAmount: Int64, eventsAmount: Int64, capApplied: Bool, total: Int64, explanation: String,
                auditRefs: [IncentiveAudit], feedbackRefs: [IncentiveFeedback]) {
        self.agentID = agentID
        self.name = name
        self.team = team
        self.location = location
        self.eligible = eligible
        self.audits = audits
        self.meanScore = meanScore
        self.scoreMicrosSum = scoreMicrosSum
        self.confidenceWidth = confidenceWidth
        self.criticalFailures = criticalFailures
        self.positiveReviews = positiveReviews
        self.negativeReviews = negativeReviews
        self.tier = tier
        self.tierAmount = tierAmount
        self.eventsAmount = eventsAmount
        self.capApplied = capApplied
        self.total = total
        self.explanation = explanation
        self.auditRefs = auditRefs
        self.feedbackRefs = feedbackRefs
    }
}
