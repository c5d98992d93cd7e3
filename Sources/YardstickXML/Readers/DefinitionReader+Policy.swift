import YardstickCore

extension DefinitionReader {
    mutating func readPolicy(_ root: XMLElement) -> IncentivePolicy {
        let digits = integer(root, "minor-units", default: 2)
        func money(_ element: XMLElement, _ name: String) -> Money? {
            guard let text = element.attribute(name) else { return nil }
            guard let amount = Money.parse(text, digits: digits) else {
                error(element.anchor.at(name), "\(name)=\"\(text)\" is not an amount with at most \(digits) decimals")
                return nil
            }
            return amount
        }
        let zero = Money(minorUnits: 0, digits: digits)
        let eligibilityElement = root.child(named: "eligibility")
        let eligibility = Eligibility(
            label: eligibilityElement.map { string($0, "label") } ?? "Eligibility",
            minimumAudits: eligibilityElement.map { integer($0, "min-audits", default: 1) } ?? 1,
            maximumConfidenceWidth: eligibilityElement.flatMap { $0.attribute("max-ci-width") }.flatMap { Double($0) },
            anchor: eligibilityElement?.anchor ?? root.anchor)
        let tiers = root.child(named: "tiers")
        let bonusTiers = (tiers?.children(named: "bonus") ?? []).map { element in
            BonusTier(label: string(element, "label"), minimumScore: number(element, "min-score"),
                      amount: money(element, "amount") ?? zero, anchor: element.anchor)
        }
        let penaltyTiers = (tiers?.children(named: "penalty") ?? []).map { element in
            PenaltyTier(label: string(element, "label"), threshold: number(element, "below"),
                        amount: money(element, "amount") ?? zero, anchor: element.anchor)
        }
        var events: [EventRule] = []
        for element in root.child(named: "events")?.children ?? [] {
            guard let kind = EventKind(rawValue: element.name) else { continue }
            let thresholdAttribute = kind == .positiveReview ? "at-least" : "at-most"
            events.append(EventRule(
                kind: kind, label: string(element, "label"), amount: money(element, "amount") ?? zero,
                measure: FeedbackMeasure(rawValue: string(element, "measure")),
                threshold: element.attribute(thresholdAttribute).flatMap { Int($0.trimmingWhitespace()) },
                anchor: element.anchor))
        }
        let capsElement = root.child(named: "caps")
        let caps = Caps(
            label: capsElement.map { string($0, "label", default: "Caps") } ?? "Caps",
            maximumBonus: capsElement.flatMap { money($0, "max-bonus") },
            maximumPenalty: capsElement.flatMap { money($0, "max-penalty") },
            anchor: capsElement?.anchor ?? root.anchor)
        let disputesElement = root.child(named: "disputes")
        let disputes = DisputeRules(
            windowDays: disputesElement.map { integer($0, "window-days", default: 14) } ?? 14,
            maximumPerAudit: disputesElement.map { integer($0, "max-per-audit", default: 3) } ?? 3)
        var informedOn: ISODate?
        if let text = root.attribute("informed-on") {
            informedOn = ISODate(text.trimmingWhitespace())
            if informedOn == nil { error(root.anchor.at("informed-on"), "informed-on=\"\(text)\" is not a date YYYY-MM-DD") }
        }
        let teamElements = root.child(named: "scope")?.children(named: "team") ?? []
        var policy = IncentivePolicy(
            id: string(root, "id"), version: string(root, "version"), title: string(root, "title"),
            currency: string(root, "currency"), minorUnitDigits: digits,
            period: IncentivePeriod(rawValue: string(root, "period")) ?? .month, eligibility: eligibility,
            bonusTiers: bonusTiers, penaltyTiers: penaltyTiers, events: events, caps: caps, disputes: disputes,
            informedOn: informedOn, teams: teamElements.map { string($0, "id") }, anchor: root.anchor)
        policy.teamAnchors = teamElements.map(\.anchor)
        policy.declaresInformedOn = root.attribute("informed-on") != nil
        return policy
    }
}
