/// Whether a plan worked (PRODUCT.md §6): for each item, how often the criterion was missed in the
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
        /// Nil when there are fewer follow-up assessments than the plan asked for.
        public var targetMet: Bool?

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

    /// The effect of `plan` given the subject's audits in its window (`before`) and since it was made (`after`).
    public static func of(_ plan: CoachingPlan, standard: Standard, before: [CoachingObservation], after: [CoachingObservation]) -> CoachingEffect {
        let criteria = Dictionary(standard.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let items = plan.items.filter { $0.kind != .seeWorkshop }.map { item -> Item in
            var earlier = CriterionRate(), later = CriterionRate()
            let scale = criteria[item.criterionID]?.scale ?? .yesNo
            for observation in before { if let outcome = observation.outcomes[item.criterionID] { earlier.add(outcome, scale: scale) } }
            for observation in after { if let outcome = observation.outcomes[item.criterionID] { later.add(outcome, scale: scale) } }
            let p = FisherExactTest.twoSided(earlier.misses, earlier.assessed - earlier.misses, later.misses, later.assessed - later.misses)
            var met: Bool?
            if later.assessed >= item.followUpAudits && later.assessed > 0 {
                // Met in at least the target share: (assessed − misses) / assessed ≥ share / 100, in integers.
                met = (later.assessed - later.misses) * 100 >= item.targetShare * later.assessed
            }
            return Item(ordinal: item.ordinal, criterionID: item.criterionID, training: item.training.map(\.id), before: earlier, after: later,
                        pValue: p, followUpAudits: item.followUpAudits, targetShare: item.targetShare, targetMet: met)
        }
        return CoachingEffect(items: items)
    }
}
