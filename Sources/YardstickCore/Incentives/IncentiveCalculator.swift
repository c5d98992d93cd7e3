import Foundation

/// Applies an incentive policy to one pay period: eligibility, tier, events, caps,
/// and an explanation naming every rule that fired with the numbers behind it.
public struct IncentiveCalculator: Sendable {
    public let policy: IncentivePolicy
    public let period: PayPeriod

    public init(policy: IncentivePolicy, period: PayPeriod) {
        self.policy = policy
        self.period = period
    }

    /// Why nobody is paid or docked in this period, if the policy's notice date rules it out.
    public var noticeRefusal: String? {
        guard let informed = policy.informedOn, period.firstDay < informed else { return nil }
        return "not paid or docked: staff were informed on \(informed) that audits affect pay, after this period began on \(period.firstDay); the codes of practice require notice first"
    }

    /// The row of one agent.
    public func line(for subject: IncentiveSubject) -> IncentiveLine {
        let scored = subject.audits.filter { $0.score != nil }.sorted { $0.id < $1.id }
        let micros = scored.map { Self.micros($0.score ?? 0) }
        let sum = micros.reduce(Int64(0), &+)
        let n = scored.count
        let mean = n > 0 ? Double(sum) / Double(n) / 1_000_000 : nil
        let width = Self.confidenceWidth(micros)
        let critical = subject.audits.filter(\.criticalFail).count
        let positive = count(subject.feedback, .positiveReview)
        let negative = count(subject.feedback, .negativeReview)
        var line = IncentiveLine(
            agentID: subject.agent.id, name: subject.agent.name, team: subject.agent.teamID, location: subject.agent.locationID,
            eligible: false, audits: n, meanScore: mean, scoreMicrosSum: sum, confidenceWidth: width, criticalFailures: critical,
            positiveReviews: positive, negativeReviews: negative, tier: nil, tierAmount: 0, eventsAmount: 0, capApplied: false, total: 0,
            explanation: "", auditRefs: subject.audits.sorted { $0.id < $1.id }, feedbackRefs: subject.feedback.sorted { $0.id < $1.id })
        if let refusal = noticeRefusal {
            line.explanation = refusal
            return line
        }
        if let reason = ineligibility(n: n, sum: sum, width: width) {
            line.explanation = reason
            return line
        }
        line.eligible = true
        var parts: [String] = []
        let meanText = displayMean(sum: sum, n: n)
        let audits = n == 1 ? "1 audit" : "\(n) audits"
        if let tier = policy.bonusTiers.first(where: { reaches(sum: sum, n: n, $0.minimumScore) }) {
            line.tier = tier.label
            line.tierAmount = tier.amount.minorUnits
            parts.append("mean \(meanText) over \(audits) ≥ \(format(tier.minimumScore)) → \(signed(tier.amount.minorUnits)) (\(tier.label))")
        } else if let tier = policy.penaltyTiers.last(where: { !reaches(sum: sum, n: n, $0.threshold) }) {
            line.tier = tier.label
            line.tierAmount = tier.amount.minorUnits
            parts.append("mean \(meanText) over \(audits) < \(format(tier.threshold)) → \(signed(tier.amount.minorUnits)) (\(tier.label))")
        } else {
            parts.append("mean \(meanText) over \(audits): no tier (\(tierRange))")
        }
        var events: Int64 = 0
        for rule in policy.events {
            let times: Int
            switch rule.kind {
            case .criticalFailure: times = critical
            case .positiveReview: times = positive
            case .negativeReview: times = negative
            }
            guard times > 0 else { continue }
            events = Self.saturating(events, Self.saturating(Int64(times), times: rule.amount.minorUnits))
            parts.append("\(times) \(Self.noun(rule.label, count: times)) × \(signed(rule.amount.minorUnits))")
        }
        line.eventsAmount = events
        var total = Self.saturating(line.tierAmount, events)
        var totalText = "total \(signed(total))"
        if let cap = policy.caps.maximumBonus, total > cap.minorUnits {
            total = cap.minorUnits
            line.capApplied = true
            totalText += ", capped at \(signed(total)) (\(policy.caps.label))"
        } else if let cap = policy.caps.maximumPenalty, total < -cap.minorUnits {
            total = -cap.minorUnits
            line.capApplied = true
            totalText += ", capped at \(signed(total)) (\(policy.caps.label))"
        }
        line.total = total
        parts.append(totalText)
        line.explanation = parts.joined(separator: "; ")
        return line
    }

    /// Why an agent with `n` scored audits is not paid or docked, or nil when eligible.
    private func ineligibility(n: Int, sum: Int64, width: Double?) -> String? {
        let rule = policy.eligibility
        if n < rule.minimumAudits {
            let counted = n == 0 ? "no counted audits in \(period)" : "\(n == 1 ? "1 audit" : "\(n) audits") in \(period)"
            return "ineligible: \(counted), at least \(rule.minimumAudits) needed (\(rule.label)); nothing paid or docked"
        }
        guard let maximum = rule.maximumConfidenceWidth else { return nil }
        guard let width else {
            return "ineligible: a single audit has no confidence interval, and the policy allows at most \(format(maximum)) points (\(rule.label)); nothing paid or docked"
        }
        if width > maximum {
            return "ineligible: mean \(displayMean(sum: sum, n: n)) over \(n) audits is too uncertain: its 95 % interval is \(formatFixed(width, 2)) points wide, at most \(format(maximum)) allowed (\(rule.label)); nothing paid or docked"
        }
        return nil
    }

    private func count(_ feedback: [IncentiveFeedback], _ kind: EventKind) -> Int {
        guard let rule = policy.events.first(where: { $0.kind == kind }), let measure = rule.measure, let threshold = rule.threshold else { return 0 }
        return feedback.filter { response in
            guard let value = response.value(measure) else { return false }
            return kind == .positiveReview ? value >= threshold : value <= threshold
        }.count
    }

    /// Whether the mean Σ/n reaches `threshold`, decided on integer micro-points so a mean exactly on it reaches it.
    private func reaches(sum: Int64, n: Int, _ threshold: Double) -> Bool {
        sum >= Self.micros(threshold) * Int64(n)
    }

    private var tierRange: String {
        let bonus = policy.bonusTiers.last.map { "bonus from \(format($0.minimumScore))" }
        let penalty = policy.penaltyTiers.first.map { "penalty below \(format($0.threshold))" }
        let parts = [bonus, penalty].compactMap { $0 }
        return parts.isEmpty ? "the policy has no tiers" : parts.joined(separator: ", ")
    }

    /// `a + b`, held at Int64's limits instead of trapping (the policy check keeps amounts far below them).
    static func saturating(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    static func saturating(_ a: Int64, times b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? ((a > 0) == (b > 0) ? .max : .min) : product
    }

    /// A line's mean as its explanation shows it.
    public func displayMean(of line: IncentiveLine) -> String {
        line.audits > 0 ? displayMean(sum: line.scoreMicrosSum, n: line.audits) : "—"
    }

    /// The mean with one decimal, or more where one decimal would seem to cross a threshold it does not.
    func displayMean(sum: Int64, n: Int) -> String {
        let mean = Double(sum) / Double(n) / 1_000_000
        let thresholds = policy.bonusTiers.map(\.minimumScore) + policy.penaltyTiers.map(\.threshold)
        for digits in 1...6 {
            let text = formatFixed(mean, digits)
            let shown = Double(text) ?? mean
            if thresholds.allSatisfy({ (shown >= $0) == reaches(sum: sum, n: n, $0) }) { return text }
        }
        return formatFixed(mean, 6)
    }

    /// An amount with its sign and the currency's decimals: `+150.00`, `−50.00` (a true minus sign), `0.00`.
    public func signed(_ minorUnits: Int64) -> String {
        let text = Money(minorUnits: Int64(clamping: minorUnits.magnitude), digits: policy.minorUnitDigits).decimalString
        return minorUnits > 0 ? "+" + text : (minorUnits < 0 ? "−" + text : text)
    }

    private func format(_ value: Double) -> String { formatNumber(value, decimals: 2) }

    /// A score in millionths of a point, as the aggregates sum it.
    public static func micros(_ score: Double) -> Int64 {
        let scaled = (score * 1_000_000).rounded()
        return Int64(exactly: scaled) ?? (scaled > 0 ? Int64.max / 4 : Int64.min / 4)
    }

    /// 2 · t(0.975, n−1) · s / √n over scores in micro-points, in points; nil for fewer than two.
    public static func confidenceWidth(_ micros: [Int64]) -> Double? {
        guard micros.count >= 2 else { return nil }
        let scores = micros.map { Double($0) / 1_000_000 }
        let n = Double(scores.count)
        let mean = scores.reduce(0, +) / n
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return 2 * criticalValue(degreesOfFreedom: scores.count - 1) * variance.squareRoot() / n.squareRoot()
    }

    /// t(0.975, df), computed once per df for the small ones every run needs (a run has thousands of agents, few distinct counts).
    static func criticalValue(degreesOfFreedom: Int) -> Double {
        degreesOfFreedom < smallCriticalValues.count ? smallCriticalValues[degreesOfFreedom] : StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom)
    }

    private static let smallCriticalValues: [Double] = [.nan] + (1..<64).map { StudentT.quantile(0.975, degreesOfFreedom: $0) }

    /// "Promoter review" counted: "1 promoter review", "2 promoter reviews" (an acronym keeps its capitals).
    static func noun(_ label: String, count: Int) -> String {
        var text = label
        if let first = text.first, let second = text.dropFirst().first, first.isUppercase, !second.isUppercase {
            text = first.lowercased() + text.dropFirst()
        }
        return count == 1 || text.hasSuffix("s") ? text : text + "s"
    }
}

/// `value` with exactly `digits` decimals, half away from zero, POSIX digits.
public func formatFixed(_ value: Double, _ digits: Int) -> String {
    var factor = 1.0
    for _ in 0..<digits { factor *= 10 }
    let scaled = (value * factor).rounded()
    guard let units = Int64(exactly: scaled) else { return String(value) }
    let magnitude = units.magnitude
    let divisor = UInt64(factor)
    let whole = magnitude / divisor
    guard digits > 0 else { return (units < 0 ? "-" : "") + String(whole) }
    let fraction = String(magnitude % divisor)
    return (units < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}
