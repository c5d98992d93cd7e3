/// An incentive policy and a training catalogue as people read them (`standards show`), in text and JSON.
public enum PolicyRenderer {
    public static func text(_ policy: IncentivePolicy) -> String {
        var out = "\(policy.title)\nIncentive policy \(policy.id) \(policy.version) · \(policy.currency) · per \(policy.period.rawValue)\n\n"
        out += "Scope: " + (policy.teams.isEmpty ? "every team" : "teams " + policy.teams.joined(separator: ", ")) + "\n"
        out += "Notice: " + (policy.informedOn.map { "staff informed on \($0); periods that begin earlier pay and dock nobody" }
            ?? "no date given for when staff were informed") + "\n"
        var eligibility = "Eligibility: \(policy.eligibility.label) — at least \(counted(policy.eligibility.minimumAudits, "audit"))"
        if let width = policy.eligibility.maximumConfidenceWidth {
            eligibility += ", and the 95 % confidence interval of the mean at most \(formatNumber(width)) points wide"
        }
        out += eligibility + "\n"
        var tiers = TextTable(headers: ["TIER", "WHEN", "AMOUNT"], alignments: [.left, .left, .right])
        for tier in policy.bonusTiers { tiers.append([tier.label, "mean ≥ \(formatNumber(tier.minimumScore))", tier.amount.decimalString]) }
        for tier in policy.penaltyTiers { tiers.append([tier.label, "mean < \(formatNumber(tier.threshold))", tier.amount.decimalString]) }
        out += "\nTiers\n" + tiers.rendered().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        var events = TextTable(headers: ["EVENT", "WHEN", "AMOUNT EACH"], alignments: [.left, .left, .right])
        for event in policy.events {
            var when = event.kind.rawValue
            if let measure = event.measure, let threshold = event.threshold {
                when = "\(measure.rawValue) \(event.kind == .positiveReview ? "≥" : "≤") \(threshold)"
            }
            events.append([event.label, when, event.amount.decimalString])
        }
        out += "\nEvents\n" + events.rendered().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        out += "\nCaps: \(policy.caps.label) — bonus at most \(policy.caps.maximumBonus?.decimalString ?? "no cap"), penalty at most \(policy.caps.maximumPenalty?.decimalString ?? "no cap")\n"
        out += "Disputes: within \(counted(policy.disputes.windowDays, "day")) of release, at most \(policy.disputes.maximumPerAudit) per audit\n"
        return out
    }

    public static func text(_ catalogue: TrainingCatalogue) -> String {
        var out = "\(catalogue.title)\nTraining catalogue \(catalogue.id) \(catalogue.version) · \(counted(catalogue.modules.count, "module"))\n\n"
        var table = TextTable(headers: ["MODULE", "TITLE", "FORMAT", "MINUTES"], alignments: [.left, .left, .left, .right])
        for module in catalogue.modules { table.append([module.id, module.title, module.format.displayName, String(module.minutes)]) }
        return out + table.rendered()
    }

    public static func json(_ policy: IncentivePolicy) -> JSONValue {
        .object([
            ("id", .string(policy.id)), ("version", .string(policy.version)), ("title", .string(policy.title)),
            ("currency", .string(policy.currency)), ("period", .string(policy.period.rawValue)),
            ("informed_on", .optional(policy.informedOn?.description)), ("teams", .array(policy.teams.map { .string($0) })),
            ("eligibility", .object([("label", .string(policy.eligibility.label)), ("min_audits", .integer(Int64(policy.eligibility.minimumAudits))),
                                     ("max_ci_width", policy.eligibility.maximumConfidenceWidth.map(JSONValue.number) ?? .null)])),
            ("bonus_tiers", .array(policy.bonusTiers.map { .object([("label", .string($0.label)), ("min_score", .number($0.minimumScore)),
                                                                     ("amount", .string($0.amount.decimalString))]) })),
            ("penalty_tiers", .array(policy.penaltyTiers.map { .object([("label", .string($0.label)), ("below", .number($0.threshold)),
                                                                        ("amount", .string($0.amount.decimalString))]) })),
            ("events", .array(policy.events.map { .object([("kind", .string($0.kind.rawValue)), ("label", .string($0.label)),
                                                           ("measure", .optional($0.measure?.rawValue)),
                                                           ("threshold", $0.threshold.map { .integer(Int64($0)) } ?? .null),
                                                           ("amount", .string($0.amount.decimalString))]) })),
            ("caps", .object([("label", .string(policy.caps.label)), ("max_bonus", .optional(policy.caps.maximumBonus?.decimalString)),
                              ("max_penalty", .optional(policy.caps.maximumPenalty?.decimalString))])),
            ("disputes", .object([("window_days", .integer(Int64(policy.disputes.windowDays))),
                                  ("max_per_audit", .integer(Int64(policy.disputes.maximumPerAudit)))])),
        ])
    }

    public static func json(_ catalogue: TrainingCatalogue) -> JSONValue {
        .object([
            ("id", .string(catalogue.id)), ("version", .string(catalogue.version)), ("title", .string(catalogue.title)),
            ("modules", .array(catalogue.modules.map { .object([("id", .string($0.id)), ("title", .string($0.title)),
                                                                ("format", .string($0.format.rawValue)), ("minutes", .integer(Int64($0.minutes))),
                                                                ("description", .string($0.description))]) })),
        ])
    }
}
