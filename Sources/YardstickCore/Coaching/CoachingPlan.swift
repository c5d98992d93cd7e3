/// A coaching plan for one agent or one team: the criteria to improve, why, with which training,
/// by when, and the follow-up audits that will show whether it worked.
public struct CoachingPlan: Sendable, Hashable, Codable {
    public enum Subject: String, Sendable, Hashable, Codable { case agent, team }

    public var subject: Subject
    public var subjectID: String
    public var subjectName: String
    public var teamID: String
    public var standardID: String
    public var standardTitle: String
    public var from: String
    public var to: String
    public var createdOn: String
    public var dueOn: String
    public var minimumAssessed: Int
    public var audits: Int
    public var items: [CoachingItem]
    /// Criteria assessed too rarely to judge, in words ("EMPATHY: assessed 2 times, 3 needed").
    public var notEnoughEvidence: [String]
}

/// One thing to work on.
public struct CoachingItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// For one agent.
        case individual
        /// For a whole team, because many of its agents share the weakness.
        case workshop
        /// In an agent's plan: covered by the team's workshop item instead.
        case seeWorkshop = "see-workshop"
    }

    public var ordinal: Int
    public var kind: Kind
    public var criterionID: String
    public var title: String
    public var categoryTitle: String
    public var weight: Double
    public var critical: Bool
    public var assessed: Int
    public var failureRate: Double
    public var teamRate: Double?
    public var priority: Double
    public var evidence: [CoachingEvidence]
    /// Assessments below target (not met, or a scale below three quarters of its range): the count behind the rate.
    public var failures: Int
    public var training: [CoachingTraining]
    /// The share (0–100) of follow-up audits that must meet the criterion (for a scale: reach 75 % of it).
    public var targetShare: Int
    public var target: String
    public var followUpAudits: Int
    public var followUpForm: String
    /// For a workshop: the agents it is for.
    public var agents: [String]
}

/// One audit behind an item: when, who audited, what was answered, and the auditor's comment.
public struct CoachingEvidence: Sendable, Hashable, Codable {
    public var auditID: Int64
    public var agentID: String
    public var occurredOn: String
    public var auditor: String
    public var answer: String
    public var comment: String?
}

/// A training module linked to a criterion, as the catalogue describes it.
public struct CoachingTraining: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var format: String
    public var minutes: Int
}
