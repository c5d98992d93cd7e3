import YardstickCore
import YardstickStore

extension CoachingService {
    /// Saves the plans that have something to track, in one transaction (a team plan first, so its agents' plans
    /// can point to it). A plan with no items of its own (only "not enough evidence", or only pointers to the
    /// team workshop) is not saved: it could never be done.
    /// - Parameter beforeCommit: called with the saved plans inside the transaction (e.g. to write them to a file);
    ///   when it throws, nothing is saved.
    public func save(_ plans: [CoachingPlan], beforeCommit: ([StoredCoachingPlan]) throws -> Void = { _ in })
        throws -> (saved: [StoredCoachingPlan], notSaved: [CoachingPlan]) {
        let store = context.store
        return try store.database.transaction {
            var teamPlanID: [String: Int64] = [:]
            var saved: [StoredCoachingPlan] = []
            var notSaved: [CoachingPlan] = []
            for plan in plans.sorted(by: { ($0.subject == .team ? 0 : 1) < ($1.subject == .team ? 0 : 1) }) {
                guard plan.items.contains(where: { $0.kind != .seeWorkshop }) else {
                    notSaved.append(plan)
                    continue
                }
                let pointsToWorkshop = plan.items.contains { $0.kind == .seeWorkshop }
                let (id, contentSHA256) = try store.coaching.insert(plan, workshopPlanID: pointsToWorkshop ? teamPlanID[plan.teamID] : nil,
                                                                   by: context.actor.name, at: context.now)
                if plan.subject == .team { teamPlanID[plan.teamID] = id }
                _ = try store.journal.append(.coachingPlanChanged(CoachingPlanChanged(planID: id, change: .saved, subject: "\(plan.subject.rawValue) \(plan.subjectID)")),
                                             contentHash: contentSHA256, actor: context.actor, at: context.now)
                guard let stored = try store.coaching.plan(id: id) else { throw unknownPlan(id) }
                saved.append(stored)
            }
            try beforeCommit(saved)
            return (saved, notSaved)
        }
    }

    /// The effect of every saved, not cancelled plan made on or after `from` (all when nil), oldest first.
    public func effects(madeFrom from: ISODate?) throws -> [(plan: StoredCoachingPlan, effect: CoachingEffect)] {
        // Plans made together share their windows: each window's audits are read and decoded once.
        let cache = ObservationCache()
        return try list().reversed().filter { stored in
            guard stored.status != .cancelled else { return false }
            guard let from else { return true }
            return ISODate(stored.plan.createdOn).map { !($0 < from) } ?? false
        }.map { stored in (stored, try effect(stored.id, cache: cache).effect) }
    }

    /// Saved plans, newest first.
    public func list(agent: String? = nil, team: String? = nil, status: StoredCoachingPlan.Status? = nil) throws -> [StoredCoachingPlan] {
        let plans = try context.store.coaching.plans(status: status)
        return plans.filter { stored in
            (agent == nil || (stored.plan.subject == .agent && stored.plan.subjectID == agent)) && (team == nil || stored.plan.teamID == team)
        }
    }

    /// Plan `id` as saved.
    public func show(_ id: Int64) throws -> StoredCoachingPlan {
        guard let plan = try context.store.coaching.plan(id: id) else { throw unknownPlan(id) }
        return plan
    }

    /// Marks item `ordinal` of plan `id` done; the plan is done when its last item is.
    public func done(_ id: Int64, item ordinal: Int, note: String?) throws -> StoredCoachingPlan {
        let store = context.store
        return try store.database.transaction {
            let stored = try show(id)
            guard stored.status == .open else { throw InputError("plan \(id) is \(stored.status.rawValue); only open plans are tracked") }
            guard let item = stored.plan.items.first(where: { $0.ordinal == ordinal }) else {
                let known = stored.plan.items.map { String($0.ordinal) }.joined(separator: ", ")
                throw InputError("plan \(id) has no item \(ordinal)" + (known.isEmpty ? "; it has no items" : "; its items are \(known)"))
            }
            if item.kind == .seeWorkshop {
                throw InputError("item \(ordinal) of plan \(id) (\(item.criterionID)) is covered by the team workshop"
                    + (stored.workshopPlanID.map { " in plan \($0); mark it done there" } ?? "; mark it done in the team's plan"))
            }
            guard try store.coaching.markDone(planID: id, ordinal: ordinal, by: context.actor.name, at: context.now, note: note) else {
                throw InputError("item \(ordinal) of plan \(id) is already done (\(stored.done[ordinal]?.at ?? "?") by \(stored.done[ordinal]?.by ?? "?"))")
            }
            _ = try store.journal.append(.coachingPlanChanged(CoachingPlanChanged(planID: id, change: .itemDone, subject: "\(stored.plan.subject.rawValue) \(stored.plan.subjectID)",
                                                                                 ordinal: ordinal, criterionID: item.criterionID, note: note)),
                                         contentHash: nil, actor: context.actor, at: context.now)
            if try store.coaching.openItems(planID: id) == 0 {
                try store.coaching.setStatus(.done, planID: id)
                _ = try store.journal.append(.coachingPlanChanged(CoachingPlanChanged(planID: id, change: .done, subject: "\(stored.plan.subject.rawValue) \(stored.plan.subjectID)")),
                                             contentHash: nil, actor: context.actor, at: context.now)
            }
            return try show(id)
        }
    }

    /// Cancels plan `id`, with the reason in the history.
    public func cancel(_ id: Int64, reason: String) throws -> StoredCoachingPlan {
        let store = context.store
        return try store.database.transaction {
            let stored = try show(id)
            guard stored.status == .open else { throw InputError("plan \(id) is already \(stored.status.rawValue)") }
            try store.coaching.setStatus(.cancelled, planID: id, reason: reason)
            _ = try store.journal.append(.coachingPlanChanged(CoachingPlanChanged(planID: id, change: .cancelled, subject: "\(stored.plan.subject.rawValue) \(stored.plan.subjectID)")),
                                         reason: reason, contentHash: nil, actor: context.actor, at: context.now)
            return try show(id)
        }
    }

    /// The effect of plan `id`: its window's audits of the subject against those since the plan was made.
    public func effect(_ id: Int64) throws -> (plan: StoredCoachingPlan, effect: CoachingEffect, since: ISODate, until: ISODate) {
        try effect(id, cache: ObservationCache())
    }

    private func effect(_ id: Int64, cache: ObservationCache) throws -> (plan: StoredCoachingPlan, effect: CoachingEffect, since: ISODate, until: ISODate) {
        let stored = try show(id)
        let plan = stored.plan
        guard let from = ISODate(plan.from), let to = ISODate(plan.to), let created = ISODate(plan.createdOn) else {
            throw StoreError.damagedRow(table: "coaching_plan", id: String(id), column: "content", problem: "its window or creation date is not a date")
        }
        let now = try today()
        func observations(from: ISODate, to: ISODate) throws -> [CoachingObservation] {
            try cache.observations(from: from, to: to) { try self.observations(from: from, to: to, agents: try cache.agents { try context.store.agents.list(AgentFilter(includeInactive: true)) }) }
        }
        func belongs(_ observation: CoachingObservation) -> Bool {
            guard observation.standardID == plan.standardID else { return false }
            return plan.subject == .agent ? observation.agentID == plan.subjectID : observation.teamID == plan.subjectID
        }
        let before = try observations(from: from, to: to).filter(belongs)
        let since = created.adding(days: 1)
        let after = since <= now ? try observations(from: since, to: now).filter(belongs) : []
        return (stored, CoachingEffect.of(plan, standard: try standard(plan.standardID), before: before, after: after, today: now), since, now)
    }
}

/// The roster and each window's counted audits, read once for a run over many plans.
final class ObservationCache {
    private var roster: [String: Agent]?
    private var windows: [String: [CoachingObservation]] = [:]

    func agents(_ load: () throws -> [Agent]) throws -> [String: Agent] {
        if let roster { return roster }
        let loaded = Dictionary(try load().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        roster = loaded
        return loaded
    }

    func observations(from: ISODate, to: ISODate, _ load: () throws -> [CoachingObservation]) throws -> [CoachingObservation] {
        let key = "\(from)|\(to)"
        if let cached = windows[key] { return cached }
        let loaded = try load()
        windows[key] = loaded
        return loaded
    }
}

/// A plan number that names no saved plan.
func unknownPlan(_ id: Int64) -> InputError { InputError("no coaching plan \(id); see 'yardstick coach list'") }
