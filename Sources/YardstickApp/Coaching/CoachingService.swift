import YardstickCore
import YardstickStore

/// What a trainer asks a plan for.
public struct CoachingRequest: Sendable {
    public enum Scope: Sendable, Hashable {
        case agent(String)
        case team(String)
        /// Every agent whose mean score over the window is below this band's minimum.
        case below(String)
    }

    public var scope: Scope
    public var from: ISODate
    public var to: ISODate
    public var dueOn: ISODate
    public var options: CoachingPlanner.Options

    public init(scope: Scope, from: ISODate, to: ISODate, dueOn: ISODate, options: CoachingPlanner.Options) {
        self.scope = scope
        self.from = from
        self.to = to
        self.dueOn = dueOn
        self.options = options
    }
}

/// The coaching use cases: generate plans from the audits, save and track them, measure their effect.
public struct CoachingService {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    /// Today, by the context's clock.
    public func today() throws -> ISODate {
        guard let date = ISODate(String(context.now.prefix(10))) else { throw InputError("the clock says '\(context.now)', which is not a date") }
        return date
    }

    /// The window of `days` days ending on `to` (today when nil), as `--window 90d` means it.
    public func window(days: Int, endingOn to: ISODate?) throws -> (from: ISODate, to: ISODate) {
        let end = try to ?? today()
        return (end.adding(days: -(days - 1)), end)
    }

    /// The due date a plan gets when none is given: 30 days from today.
    public func defaultDue() throws -> ISODate { try today().adding(days: 30) }

    /// The plans the request asks for: for a team, the team plan first, then its agents'.
    public func plans(_ request: CoachingRequest) throws -> [CoachingPlan] {
        let now = try today()
        guard now < request.dueOn else {
            throw InputError("the due date \(request.dueOn) is not after today (\(now)); give --due a later date")
        }
        let everyone = try context.store.agents.list(AgentFilter(includeInactive: true))
        let byID = Dictionary(everyone.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let observations = try self.observations(from: request.from, to: request.to, agents: byID)
        switch request.scope {
        case let .agent(id):
            guard let agent = byID[id] else { throw InputError("no agent '\(id)'; see 'yardstick agents list'") }
            guard agent.isActive else { throw InputError("agent \(id) (\(agent.name)) is marked inactive; coaching plans are for current staff") }
            let planner = try self.planner(for: observations.filter { $0.agentID == id }, request: request)
            return [planner.plan(for: agent, observations: observations.filter { $0.agentID == id && planner.assesses($0) },
                                 team: observations.filter { $0.teamID == agent.teamID && planner.assesses($0) })]
        case let .team(teamID):
            let members = everyone.filter { $0.teamID == teamID && $0.isActive }
            guard !members.isEmpty else {
                let teams = Set(everyone.map(\.teamID)).sorted()
                throw InputError("no active agents in team '\(teamID)'; teams: \(teams.joined(separator: ", "))")
            }
            let team = observations.filter { $0.teamID == teamID }
            let planner = try self.planner(for: team, request: request)
            let result = planner.plans(forTeam: teamID, agents: members, team: team.filter(planner.assesses))
            return [result.team] + result.agents
        case let .below(bandLabel):
            guard !observations.isEmpty else {
                throw InputError("no counted audits from \(request.from) to \(request.to) for this request; widen --window or choose --from/--to")
            }
            var plans: [CoachingPlan] = []
            var bandFound = false
            for (_, group) in Dictionary(grouping: observations, by: { $0.standardID }).sorted(by: { $0.key < $1.key }) {
                let planner = try self.planner(for: group, request: request)
                guard let band = planner.standard.bands.first(where: { $0.label.lowercased() == bandLabel.lowercased() }) else { continue }
                bandFound = true
                let byAgent = Dictionary(grouping: group, by: \.agentID)
                for agentID in byAgent.keys.sorted() {
                    let scores = (byAgent[agentID] ?? []).compactMap(\.score)
                    guard !scores.isEmpty, scores.reduce(0, +) / Double(scores.count) < band.minimum,
                          let agent = byID[agentID], agent.isActive else { continue }
                    plans.append(planner.plan(for: agent, observations: byAgent[agentID] ?? [], team: group.filter { $0.teamID == agent.teamID }))
                }
            }
            guard bandFound else {
                let bands = try knownBands()
                throw InputError("no band '\(bandLabel)' in the standards audited from \(request.from) to \(request.to); bands: \(bands.joined(separator: ", "))")
            }
            return plans
        }
    }

    private func knownBands() throws -> [String] {
        var labels: [String] = []
        for version in try context.store.definitions.latestVersions(kind: .standard) {
            labels += try context.definitions.standard(versionID: version.versionID).bands.map(\.label)
        }
        return Array(Set(labels)).sorted()
    }

    /// The planner for the standard most of `observations` were scored against (its current version).
    func planner(for observations: [CoachingObservation], request: CoachingRequest) throws -> CoachingPlanner {
        guard !observations.isEmpty else {
            throw InputError("no counted audits from \(request.from) to \(request.to) for this request; widen --window or choose --from/--to")
        }
        let counts = Dictionary(grouping: observations, by: \.standardID).mapValues(\.count)
        let standardID = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        return CoachingPlanner(standard: try standard(standardID), training: try trainingCatalogue(), options: request.options,
                               window: (request.from, request.to), createdOn: try today(), dueOn: request.dueOn)
    }

    func standard(_ id: String) throws -> Standard {
        guard let version = try context.store.definitions.latest(kind: .standard, id: id) else {
            throw InputError("standard '\(id)' is not registered; run 'yardstick load standards'")
        }
        return try context.definitions.standard(versionID: version.versionID)
    }

    func trainingCatalogue() throws -> TrainingCatalogue? {
        guard let version = try context.store.definitions.latestVersions(kind: .training).first else { return nil }
        return try context.definitions.training(versionID: version.versionID)
    }

    /// The counted audits of agents dated `from...to`, with outcomes by criterion and comments by the criterion's question.
    func observations(from: ISODate, to: ISODate, agents: [String: Agent]) throws -> [CoachingObservation] {
        var result: [CoachingObservation] = []
        for audit in try context.store.audits.agentAudits(from: from, to: to) where audit.counts {
            guard let agentID = audit.agentID, let agent = agents[agentID], let date = ISODate(audit.occurredOn) else { continue }
            let definitions = try context.definitions.of(audit)
            guard let outcomes = try definitions.decodeResults(audit) else { continue }
            var comments: [String: String] = [:]
            for field in definitions.form.questions {
                if let criterion = field.criterionID, let text = audit.comments[field.id] { comments[criterion] = text }
            }
            result.append(CoachingObservation(auditID: audit.id, agentID: agentID, teamID: agent.teamID, occurredOn: date, auditor: audit.auditor,
                                              formID: definitions.form.id, channel: definitions.form.channel, outcomes: outcomes, comments: comments,
                                              standardID: definitions.standard.id, score: audit.score))
        }
        return result
    }
}

extension CoachingPlanner {
    /// Whether `observation` was scored against this planner's standard.
    func assesses(_ observation: CoachingObservation) -> Bool { observation.standardID == standard.id }
}
