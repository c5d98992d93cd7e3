import Foundation

/// Builds coaching plans from counted audits: per agent, every criterion assessed at
/// least `minimumAssessed` times gets a failure rate, compared with the team's; priority is weight ×
/// failure rate with critical criteria first; the top ones become items with evidence, training, a
/// measurable target, a due date and follow-up audits. A weakness that many of a team's agents share
/// becomes one team workshop instead of many individual items.
public struct CoachingPlanner: Sendable {
    public struct Options: Sendable, Hashable {
        public var minimumAssessed = 3
        public var top = 3
        public var followUpAudits = 5
        /// A criterion becomes a workshop when at least this many agents of a team have it among their items…
        public var workshopMinimumAgents = 3
        /// …and they are at least this percentage of the team's agents.
        public var workshopMinimumPercent = 30

        public init() {}
    }

    public let standard: Standard
    public let training: TrainingCatalogue?
    public let options: Options
    public let window: (from: ISODate, to: ISODate)
    public let createdOn: ISODate
    public let dueOn: ISODate

    public init(standard: Standard, training: TrainingCatalogue?, options: Options, window: (from: ISODate, to: ISODate), createdOn: ISODate, dueOn: ISODate) {
        self.standard = standard
        self.training = training
        self.options = options
        self.window = window
        self.createdOn = createdOn
        self.dueOn = dueOn
    }

    /// Rates per criterion over `observations`.
    public func rates(_ observations: [CoachingObservation]) -> [String: CriterionRate] {
        var rates: [String: CriterionRate] = [:]
        for observation in observations {
            for criterion in standard.criteria {
                guard let outcome = observation.outcomes[criterion.id] else { continue }
                rates[criterion.id, default: CriterionRate()].add(outcome, scale: criterion.scale)
            }
        }
        return rates
    }

    /// The plan of one agent; `team` holds the team's observations in the window (the agent's included).
    public func plan(for agent: Agent, observations: [CoachingObservation], team: [CoachingObservation]) -> CoachingPlan {
        let own = rates(observations), teamRates = rates(team)
        var candidates: [CoachingItem] = []
        var notEnough: [String] = []
        // Bonus criteria reward extra effort; missing one is not a weakness to coach.
        for criterion in standard.criteria where !criterion.isBonus {
            guard let rate = own[criterion.id], rate.assessed > 0 else { continue }
            guard rate.assessed >= options.minimumAssessed else {
                notEnough.append("\(criterion.id): assessed \(rate.assessed) \(rate.assessed == 1 ? "time" : "times"), \(options.minimumAssessed) needed")
                continue
            }
            guard let failure = rate.rate, failure > 0 else { continue }
            let evidence = observations.filter { observation in
                observation.outcomes[criterion.id].flatMap { CriterionRate.failureUnit($0, scale: criterion.scale) }.map { $0 > 0 } ?? false
            }
            let candidate = item(criterion, rate: rate, teamRate: teamRates[criterion.id]?.rate, failing: evidence, kind: .individual, agents: [agent.id])
            // Already meeting the target it would be given: nothing to coach.
            if (rate.assessed - rate.misses) * 100 >= candidate.targetShare * rate.assessed { continue }
            candidates.append(candidate)
        }
        if observations.isEmpty {
            notEnough = ["no counted audits from \(window.from) to \(window.to)"]
        } else if candidates.isEmpty && !notEnough.isEmpty && own.values.allSatisfy({ $0.assessed < options.minimumAssessed }) {
            notEnough = ["\(observations.count == 1 ? "1 counted audit" : "\(observations.count) counted audits") in the window: no criterion was assessed the \(options.minimumAssessed) times a judgement needs"]
        }
        let items = Array(Self.ordered(candidates).prefix(options.top)).enumerated().map { index, item in
            var numbered = item
            numbered.ordinal = index + 1
            return numbered
        }
        return CoachingPlan(subject: .agent, subjectID: agent.id, subjectName: agent.name, teamID: agent.teamID, standardID: standard.id,
                            standardTitle: standard.title, from: window.from.description, to: window.to.description, createdOn: createdOn.description,
                            dueOn: dueOn.description, minimumAssessed: options.minimumAssessed, audits: observations.count, items: items,
                            notEnoughEvidence: notEnough)
    }

    /// A team's plan and its agents' plans: criteria shared by enough of the agents' items become workshop
    /// items of the team plan, and the agents' items for them point to it.
    public func plans(forTeam teamID: String, agents: [Agent], team: [CoachingObservation]) -> (team: CoachingPlan, agents: [CoachingPlan]) {
        let byAgent = Dictionary(grouping: team, by: \.agentID)
        var agentPlans = agents.map { plan(for: $0, observations: byAgent[$0.id] ?? [], team: team) }
        var holders: [String: [String]] = [:]
        for plan in agentPlans { for item in plan.items { holders[item.criterionID, default: []].append(plan.subjectID) } }
        let needed = max(options.workshopMinimumAgents, (agents.count * options.workshopMinimumPercent + 99) / 100)
        let workshopCriteria = Set(holders.filter { $0.value.count >= needed }.keys)
        let teamRates = rates(team)
        var workshops: [CoachingItem] = []
        for criterion in standard.criteria where workshopCriteria.contains(criterion.id) {
            guard let rate = teamRates[criterion.id] else { continue }
            // The workshop's evidence comes from the agents it is for; its rate is the whole team's.
            let members = Set(holders[criterion.id] ?? [])
            let failing = team.filter { observation in
                members.contains(observation.agentID)
                    && (observation.outcomes[criterion.id].flatMap { CriterionRate.failureUnit($0, scale: criterion.scale) }.map { $0 > 0 } ?? false)
            }
            var workshop = item(criterion, rate: rate, teamRate: rate.rate, failing: failing, kind: .workshop, agents: (holders[criterion.id] ?? []).sorted())
            workshop.followUpAudits = options.followUpAudits.multipliedReportingOverflow(by: workshop.agents.count).overflow
                ? Int.max : options.followUpAudits * workshop.agents.count
            workshop.target = target(criterion, teamRate: rate.rate, followUps: workshop.followUpAudits, channel: failing.first?.channel ?? "", team: true).text
            workshops.append(workshop)
        }
        workshops = Self.ordered(workshops).enumerated().map { index, item in
            var numbered = item
            numbered.ordinal = index + 1
            return numbered
        }
        for index in agentPlans.indices {
            for itemIndex in agentPlans[index].items.indices where workshopCriteria.contains(agentPlans[index].items[itemIndex].criterionID) {
                agentPlans[index].items[itemIndex].kind = .seeWorkshop
            }
        }
        let names = Set(agents.map(\.id))
        let teamPlan = CoachingPlan(subject: .team, subjectID: teamID, subjectName: "Team \(teamID)", teamID: teamID, standardID: standard.id,
                                    standardTitle: standard.title, from: window.from.description, to: window.to.description,
                                    createdOn: createdOn.description, dueOn: dueOn.description, minimumAssessed: options.minimumAssessed,
                                    audits: team.filter { names.contains($0.agentID) }.count, items: workshops,
                                    notEnoughEvidence: workshops.isEmpty ? ["no weakness is shared by \(needed) or more of the team's \(agents.count) agents"] : [])
        return (teamPlan, agentPlans)
    }

    /// Critical criteria first, then by priority, then in the standard's order.
    static func ordered(_ items: [CoachingItem]) -> [CoachingItem] {
        items.enumerated().sorted { left, right in
            if left.element.critical != right.element.critical { return left.element.critical }
            if left.element.priority != right.element.priority { return left.element.priority > right.element.priority }
            return left.offset < right.offset
        }.map(\.element)
    }

    private func item(_ criterion: Criterion, rate: CriterionRate, teamRate: Double?, failing: [CoachingObservation], kind: CoachingItem.Kind,
                      agents: [String]) -> CoachingItem {
        let failure = rate.rate ?? 0
        let recent = failing.sorted { ($0.occurredOn, $0.auditID) > ($1.occurredOn, $1.auditID) }.prefix(5)
        let evidence = recent.map { observation in
            CoachingEvidence(auditID: observation.auditID, agentID: observation.agentID, occurredOn: observation.occurredOn.description,
                             auditor: observation.auditor, answer: Self.answer(observation.outcomes[criterion.id], scale: criterion.scale),
                             comment: observation.comments[criterion.id])
        }
        let forms = Dictionary(grouping: failing, by: \.formID).mapValues(\.count)
        let form = forms.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        let channel = failing.first?.channel ?? ""
        let goal = target(criterion, teamRate: teamRate, followUps: options.followUpAudits, channel: channel, team: false)
        let modules = criterion.trainingModuleIDs.map { id in
            training?.modules.first { $0.id == id }.map { CoachingTraining(id: $0.id, title: $0.title, format: $0.format.displayName, minutes: $0.minutes) }
                ?? CoachingTraining(id: id, title: "(not in the training catalogue)", format: "", minutes: 0)
        }
        let category = standard.categories.first { $0.criteria.contains { $0.id == criterion.id } }?.title ?? criterion.categoryID
        return CoachingItem(ordinal: 0, kind: kind, criterionID: criterion.id, title: criterion.title, categoryTitle: category, weight: criterion.weight,
                            critical: criterion.critical != nil, assessed: rate.assessed, failureRate: failure, teamRate: teamRate,
                            priority: criterion.weight * failure, evidence: evidence, failures: rate.misses, training: modules,
                            targetShare: goal.share, target: goal.text, followUpAudits: options.followUpAudits, followUpForm: form, agents: agents)
    }

    /// The target: met in at least the team's level (rounded up to 5 %) and never less than 90 %, stated with where it comes from.
    func target(_ criterion: Criterion, teamRate: Double?, followUps: Int, channel: String, team: Bool) -> (share: Int, text: String) {
        let teamLevel = teamRate.map { Int(((1 - $0) * 100).rounded()) }
        let roundedUp = teamLevel.map { min(100, Int((Double($0) / 5).rounded(.up)) * 5) } ?? 90
        let share = max(90, roundedUp)
        let source = teamLevel.map { "team level \($0) %" + (share > roundedUp || roundedUp < 90 ? ", floor 90 %" : "") } ?? "floor 90 %"
        let what = team ? "the team's next \(followUps) reviewed \(Self.noun(channel, followUps))" : "the next \(followUps) reviewed \(Self.noun(channel, followUps))"
        // The share in whole audits, so "≥ 90 % of the next 5" is seen to mean all 5.
        let (product, overflow) = share.multipliedReportingOverflow(by: followUps)
        let required = overflow ? followUps : (product + 99) / 100
        let count = "\(required) of \(followUps)"
        switch criterion.scale {
        case .yesNo:
            return (share, "\(criterion.id) met in ≥ \(share) % of \(what), i.e. \(count) (\(source))")
        case .range:
            return (share, "\(criterion.id) at three quarters of its scale or better in ≥ \(share) % of \(what), i.e. \(count) (\(source))")
        }
    }

    static func noun(_ channel: String, _ count: Int) -> String {
        let singular: String
        switch channel {
        case "phone": singular = "call"
        case "chat": singular = "chat"
        case "email": singular = "e-mail"
        case "store", "branch": singular = "visit"
        default: singular = "audit"
        }
        return count == 1 ? singular : singular + "s"
    }

    /// The answer behind a failure, in words.
    static func answer(_ outcome: CriterionOutcome?, scale: RatingScale) -> String {
        switch outcome {
        case let .met(met)?: return met ? "met" : "not met"
        case let .level(value)?:
            if case let .range(minimum, maximum) = scale { return "\(value) on \(minimum)–\(maximum)" }
            return String(value)
        case .notApplicable?: return "N/A"
        case .hidden?, nil: return "—"
        }
    }
}
