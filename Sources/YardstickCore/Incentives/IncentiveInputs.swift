/// A counted audit of an agent in a pay period, as the incentive run uses and records it.
public struct IncentiveAudit: Sendable, Hashable {
    public var id: Int64
    public var occurredOn: String
    public var score: Double?
    public var criticalFail: Bool
    /// The audit's content hash when the run used it: a later amendment shows up as a different hash.
    public var contentHash: String

    public init(id: Int64, occurredOn: String, score: Double?, criticalFail: Bool, contentHash: String) {
        self.id = id
        self.occurredOn = occurredOn
        self.score = score
        self.criticalFail = criticalFail
        self.contentHash = contentHash
    }
}

/// One customer survey response of an agent in a pay period.
public struct IncentiveFeedback: Sendable, Hashable {
    public var id: Int64
    public var occurredOn: String
    public var nps: Int?
    public var csat: Int?

    public init(id: Int64, occurredOn: String, nps: Int?, csat: Int?) {
        self.id = id
        self.occurredOn = occurredOn
        self.nps = nps
        self.csat = csat
    }

    /// The response's value on `measure`, if it has one.
    public func value(_ measure: FeedbackMeasure) -> Int? { measure == .nps ? nps : csat }
}

/// An agent in the scope of a run, with what the run pays on.
public struct IncentiveSubject: Sendable, Hashable {
    public var agent: Agent
    public var audits: [IncentiveAudit]
    public var feedback: [IncentiveFeedback]

    public init(agent: Agent, audits: [IncentiveAudit], feedback: [IncentiveFeedback]) {
        self.agent = agent
        self.audits = audits
        self.feedback = feedback
    }
}
