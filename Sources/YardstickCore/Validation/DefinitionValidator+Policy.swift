extension DefinitionValidator {
    func validate(_ policy: IncentivePolicy, into sink: inout DiagnosticSink) {
        if policy.eligibility.minimumAudits < 1 {
            sink.error(policy.eligibility.anchor.at("min-audits"), "min-audits must be at least 1; no pay decision rests on zero audits")
        } else if policy.eligibility.minimumAudits == 1 {
            sink.warning(policy.eligibility.anchor.at("min-audits"),
                         "min-audits=\"1\" lets a single audit decide pay, which the industry's code of practice rules out")
        }
        if let width = policy.eligibility.maximumConfidenceWidth, !(width > 0) {
            sink.error(policy.eligibility.anchor.at("max-ci-width"), "max-ci-width must be greater than 0")
        }
        sink.reportDuplicates(policy.bonusTiers.map(\.label) + policy.penaltyTiers.map(\.label), what: "tier label", id: { $0 },
                              location: { label in
                                  (policy.bonusTiers.first { $0.label == label }?.anchor
                                      ?? policy.penaltyTiers.first { $0.label == label }?.anchor ?? policy.anchor).at("label")
                              })
        for (previous, tier) in zip(policy.bonusTiers, policy.bonusTiers.dropFirst()) where tier.minimumScore >= previous.minimumScore {
            sink.error(tier.anchor.at("min-score"), "bonus tier '\(tier.label)' must have a lower min-score than '\(previous.label)'; list tiers highest first")
        }
        for tier in policy.bonusTiers where tier.amount.minorUnits < 0 {
            sink.error(tier.anchor.at("amount"), "bonus tier '\(tier.label)' has a negative amount; use a <penalty> tier for deductions")
        }
        for (previous, tier) in zip(policy.penaltyTiers, policy.penaltyTiers.dropFirst()) where tier.threshold >= previous.threshold {
            sink.error(tier.anchor.at("below"), "penalty tier '\(tier.label)' must have a lower 'below' than '\(previous.label)'; list tiers highest first")
        }
        for tier in policy.penaltyTiers where tier.amount.minorUnits > 0 {
            sink.error(tier.anchor.at("amount"), "penalty tier '\(tier.label)' has a positive amount; a penalty is written as a negative amount, e.g. \"-100\"")
        }
        if let lowestBonus = policy.bonusTiers.last, let highestPenalty = policy.penaltyTiers.first,
           highestPenalty.threshold > lowestBonus.minimumScore {
            sink.error(highestPenalty.anchor.at("below"),
                       "penalty tier '\(highestPenalty.label)' (below \(format(highestPenalty.threshold))) overlaps bonus tier '\(lowestBonus.label)' (from \(format(lowestBonus.minimumScore)))")
        }
        sink.reportDuplicates(policy.events, what: "event rule", id: \.kind.rawValue, location: { $0.anchor.element })
        for event in policy.events {
            validate(event, into: &sink)
        }
        let anchors = policy.teamAnchors.count == policy.teams.count ? policy.teamAnchors : policy.teams.map { _ in policy.anchor }
        sink.reportDuplicates(Array(zip(policy.teams, anchors)), what: "team in the scope", id: { $0.0 }, location: { $0.1.at("id") })
        if !policy.declaresInformedOn {
            sink.warning(policy.anchor.element,
                         "the policy does not say when staff were informed (informed-on=\"YYYY-MM-DD\"); the MRS and ESOMAR codes require telling staff before audits affect pay")
        }
        // Amounts stay far from Int64's limits, so counts × amounts and their sums are exact.
        let amounts: [(Money, SourceLocation)] = policy.bonusTiers.map { ($0.amount, $0.anchor.at("amount")) }
            + policy.penaltyTiers.map { ($0.amount, $0.anchor.at("amount")) } + policy.events.map { ($0.amount, $0.anchor.at("amount")) }
        for (amount, location) in amounts where amount.minorUnits.magnitude > IncentivePolicy.largestAmountMinorUnits {
            sink.error(location, "the amount \(amount.decimalString) is larger than a pay rule can be (at most \(IncentivePolicy.largestAmount) in either direction)")
        }
        for (cap, attribute) in [(policy.caps.maximumBonus, "max-bonus"), (policy.caps.maximumPenalty, "max-penalty")] {
            if let cap, cap.minorUnits < 0 {
                sink.error(policy.caps.anchor.at(attribute), "\(attribute) is a limit and must not be negative")
            }
        }
    }

    private func validate(_ event: EventRule, into sink: inout DiagnosticSink) {
        switch event.kind {
        case .criticalFailure, .negativeReview:
            if event.amount.minorUnits > 0 {
                sink.error(event.anchor.at("amount"), "<\(event.kind.rawValue)> is a deduction; write its amount as a negative number")
            }
        case .positiveReview:
            if event.amount.minorUnits < 0 {
                sink.error(event.anchor.at("amount"), "<positive-review> is a reward; its amount must not be negative")
            }
        }
        guard event.kind != .criticalFailure else { return }
        guard let measure = event.measure, let threshold = event.threshold else {
            sink.error(event.anchor.element, "<\(event.kind.rawValue)> needs measure=\"nps\" or \"csat\" and a threshold")
            return
        }
        if !measure.range.contains(threshold) {
            sink.error(event.anchor.element,
                       "threshold \(threshold) is outside the \(measure.rawValue.uppercased()) range \(measure.range.lowerBound)–\(measure.range.upperBound)")
        }
    }
}
