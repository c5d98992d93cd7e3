/// Leniency or severity of auditors: for each audit, its score minus the mean score other auditors
/// gave the same agent on the same form in the same month; per auditor the mean of those
/// differences with its Student-t 95 % confidence interval.
///
/// The other auditors' scores are first corrected by their own estimates (an additive model, fitted
/// by iterating to its fixed point), and the estimates are centred on the median auditor: one
/// auditor who marks 5 points harder comes out near −5, and does not make everyone else look
/// lenient by the same token.
public enum AuditorLeniency {
    /// One counted audit, as the estimate needs it.
    public struct Observation: Sendable, Hashable {
        public var auditor: String
        public var agentID: String
        public var formID: String
        public var month: Int
        public var score: Double

        public init(auditor: String, agentID: String, formID: String, month: Int, score: Double) {
            self.auditor = auditor
            self.agentID = agentID
            self.formID = formID
            self.month = month
            self.score = score
        }
    }

    public enum Verdict: String, Sendable {
        case harsher = "harsher", lenient = "more lenient", inLine = "in line", tooFew = "too few"
    }

    public struct Estimate: Sendable, Hashable {
        public var auditor: String
        /// Audits of this auditor that another auditor's audit can be compared with.
        public var comparable: Int
        public var meanDifference: Double?
        public var low: Double?
        public var high: Double?
        public var verdict: Verdict

        public init(auditor: String, comparable: Int, meanDifference: Double?, low: Double?, high: Double?, verdict: Verdict) {
            self.auditor = auditor
            self.comparable = comparable
            self.meanDifference = meanDifference
            self.low = low
            self.high = high
            self.verdict = verdict
        }
    }

    /// Below this many comparable audits no estimate is given.
    public static let minimumComparable = 10
    /// An auditor is marked harsher or more lenient only when the interval excludes 0 and the
    /// estimate is at least this many points from the median auditor: with many auditors, some
    /// interval misses 0 by chance, and a fraction of a point is no reason for re-training.
    public static let practicalDifference = 2.0

    /// The estimate of every auditor in `observations`, sorted by auditor.
    public static func estimate(_ observations: [Observation], minimumComparable: Int = minimumComparable) -> [Estimate] {
        struct Cell: Hashable { var agentID: String; var formID: String; var month: Int }
        var cells: [Cell: [Int]] = [:]
        for (index, observation) in observations.enumerated() {
            cells[Cell(agentID: observation.agentID, formID: observation.formID, month: observation.month), default: []].append(index)
        }
        let shared = cells.values.filter { members in Set(members.map { observations[$0].auditor }).count > 1 }
        /// The differences of every audit from the others in its cell, with the others corrected by `effects`.
        func differences(_ effects: [String: Double]) -> [String: [Double]] {
            var result: [String: [Double]] = [:]
            for members in shared {
                var sums: [String: (total: Double, count: Int)] = [:]
                var cellTotal = 0.0
                for index in members {
                    let observation = observations[index]
                    let corrected = observation.score - (effects[observation.auditor] ?? 0)
                    sums[observation.auditor, default: (0, 0)].total += corrected
                    sums[observation.auditor, default: (0, 0)].count += 1
                    cellTotal += corrected
                }
                for index in members {
                    let observation = observations[index]
                    guard let own = sums[observation.auditor] else { continue }
                    let othersCount = members.count - own.count
                    guard othersCount > 0 else { continue }
                    result[observation.auditor, default: []].append(observation.score - (cellTotal - own.total) / Double(othersCount))
                }
            }
            return result
        }
        var effects: [String: Double] = [:]
        var found = differences(effects)
        for _ in 0..<500 {
            var next: [String: Double] = [:]
            // Half a step at a time: a plain update oscillates when two auditors only see each other.
            for (auditor, values) in found where !values.isEmpty {
                next[auditor] = ((effects[auditor] ?? 0) + values.reduce(0, +) / Double(values.count)) / 2
            }
            // Centred on the median of the auditors with enough comparable audits: the typical auditor is 0.
            let reference = next.filter { (found[$0.key]?.count ?? 0) >= max(2, minimumComparable) }.map(\.value)
            if let centre = median(reference) {
                for key in next.keys { next[key, default: 0] -= centre }
            }
            let change = next.map { abs($0.value - (effects[$0.key] ?? 0)) }.max() ?? 0
            effects = next
            found = differences(effects)
            if change < 1e-9 { break }
        }
        // The reported estimate is each auditor's mean difference, moved so the median auditor is at 0
        // (the fixed point fixes the differences only up to a constant); the interval moves with it.
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let enough = found.filter { $0.value.count >= max(2, minimumComparable) }
        let centre = median(enough.values.map(mean)) ?? 0
        let auditors = Set(observations.map(\.auditor)).sorted()
        return auditors.map { auditor in
            let values = found[auditor] ?? []
            guard values.count >= max(2, minimumComparable) else {
                return Estimate(auditor: auditor, comparable: values.count, meanDifference: nil, low: nil, high: nil, verdict: .tooFew)
            }
            let n = Double(values.count)
            let average = mean(values)
            let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (n - 1)
            let half = StudentT.quantile(0.975, degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
            let estimate = average - centre
            let low = estimate - half, high = estimate + half
            let verdict: Verdict = high < 0 && estimate <= -practicalDifference ? .harsher
                : (low > 0 && estimate >= practicalDifference ? .lenient : .inLine)
            return Estimate(auditor: auditor, comparable: values.count, meanDifference: estimate, low: low, high: high, verdict: verdict)
        }
    }
}
