/// Whether a plan worked: for each item, how often the criterion was missed in the
/// plan's window and in the audits since the plan was made, the difference, Fisher's exact test of
/// it, and whether the item's target was reached.
public struct CoachingEffect: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var ordinal: Int
        public var criterionID: String
        public var training: [String]
        public var before: CriterionRate
        public var after: CriterionRate
        /// Two-sided p-value of Fisher's exact test on misses versus meets, before against after.
        public var pValue: Double
        public var followUpAudits: Int
        public var targetShare: Int
        /// Judged on the first `followUpAudits` assessments since the plan; nil while there are fewer, or before the due date.
        public var targetMet: Bool?
        /// The failure rate as the plan defines it (for a scale 1 − the mean fraction), before and after.
        public var failureRateBefore: Double? { before.rate }
        public var failureRateAfter: Double? { after.rate }
        /// Fisher's p below 0.05: a change this large is unlikely to be chance.
        public var isLikelyReal: Bool { after.assessed > 0 && before.assessed > 0 && pValue < 0.05 }

        public var missRateBefore: Double? { before.assessed == 0 ? nil : Double(before.misses) / Double(before.assessed) }
        public var missRateAfter: Double? { after.assessed == 0 ? nil : Double(after.misses) / Double(after.assessed) }
        public var enoughFollowUps: Bool { after.assessed >= followUpAudits }
        /// After − before, in percentage points of misses (negative is better).
        public var difference: Double? {
            guard let before = missRateBefore, let after = missRateAfter else { return nil }
            return (after - before) * 100
        }
    }

    public var items: [Item]
    /// Whether the plan's due date has passed; targets are judged only then.
    public var dueReached: Bool

    /// The effect of `plan` given the subject's audits in its window (`before`) and since it was made (`after`), as of `today`.
    public static func of(_ plan: CoachingPlan, standard: Standard, before: [CoachingObservation], after: [CoachingObservation],
                          today: ISODate) -> CoachingEffect {
        let dueReached = ISODate(plan.dueOn).map { !(today < $0) } ?? true
        let ordered = after.sorted { ($0.occurredOn, $0.auditID) < ($1.occurredOn, $1.auditID) }
        let criteria = Dictionary(standard.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let items = plan.items.filter { $0.kind != .seeWorkshop }.map { item -> Item in
            var earlier = CriterionRate(), later = CriterionRate(), followUps = CriterionRate()
            let scale = criteria[item.criterionID]?.scale ?? .yesNo
            for observation in before { if let outcome = observation.outcomes[item.criterionID] { earlier.add(outcome, scale: scale) } }
            for observation in ordered {
                guard let outcome = observation.outcomes[item.criterionID] else { continue }
                later.add(outcome, scale: scale)
                // The target speaks of "the next N": the first N assessments since the plan decide it.
                if followUps.assessed < item.followUpAudits { followUps.add(outcome, scale: scale) }
            }
            let p = FisherExactTest.twoSided(earlier.misses, earlier.assessed - earlier.misses, later.misses, later.assessed - later.misses)
            var met: Bool?
            if dueReached && followUps.assessed >= item.followUpAudits && followUps.assessed > 0 {
                // Met in at least the target share: (assessed − misses) / assessed ≥ share / 100, in integers.
                met = (followUps.assessed - followUps.misses) * 100 >= item.targetShare * followUps.assessed
            }
            return Item(ordinal: item.ordinal, criterionID: item.criterionID, training: item.training.map(\.id), before: earlier, after: later,
                        pValue: p, followUpAudits: item.followUpAudits, targetShare: item.targetShare, targetMet: met)
        }
        return CoachingEffect(items: items, dueReached: dueReached)
    }
}
