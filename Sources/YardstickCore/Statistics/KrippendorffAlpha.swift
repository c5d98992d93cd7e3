/// Krippendorff's α for any number of observers, missing values, and nominal, ordinal, interval or
/// ratio data, by the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
/// alpha-reliability"). Units coded by only one observer carry no pairable value and are dropped,
/// as Krippendorff prescribes.
public enum KrippendorffAlpha {
    public enum Level: String, Sendable, CaseIterable {
        case nominal, ordinal, interval, ratio
    }

    public struct Result: Sendable, Hashable {
        public var alpha: Double
        public var observedDisagreement: Double
        public var expectedDisagreement: Double
        /// Units with at least two values, and the pairable values in them.
        public var units: Int
        public var values: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case noPairableValues
        case noVariation
        case negativeRatio

        public var description: String {
            switch self {
            case .noPairableValues: return "no unit has values from two observers, so there is nothing to compare"
            case .noVariation: return "every pairable value is the same, so expected disagreement is 0 and α is undefined"
            case .negativeRatio: return "ratio data cannot hold negative values"
            }
        }
    }

    /// α of `units`: each unit's values, nil where an observer gave none.
    public static func compute(_ units: [[Double?]], level: Level) throws(Failure) -> Result {
        if level == .ratio, units.contains(where: { $0.contains { ($0 ?? 0) < 0 } }) { throw .negativeRatio }
        let pairable = units.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
        guard !pairable.isEmpty else { throw .noPairableValues }
        let categories = Array(Set(pairable.flatMap { $0 })).sorted()
        var position: [Double: Int] = [:]
        for (index, value) in categories.enumerated() { position[value] = index }
        let size = categories.count
        // o[c][k]: coincidences of values c and k within units, each pair weighted 1 / (m_u − 1).
        var coincidences = Array(repeating: Array(repeating: 0.0, count: size), count: size)
        for values in pairable {
            let weight = 1 / Double(values.count - 1)
            for i in values.indices {
                for j in values.indices where j != i {
                    guard let c = position[values[i]], let k = position[values[j]] else { continue }
                    coincidences[c][k] += weight
                }
            }
        }
        let marginals = coincidences.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        func delta(_ c: Int, _ k: Int) -> Double {
            guard c != k else { return 0 }
            let a = categories[c], b = categories[k]
            switch level {
            case .nominal: return 1
            case .interval: return (a - b) * (a - b)
            case .ratio: return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b))
            case .ordinal:
                let low = min(c, k), high = max(c, k)
                let between = (low...high).reduce(0.0) { $0 + marginals[$1] } - (marginals[c] + marginals[k]) / 2
                return between * between
            }
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<size {
            for k in 0..<size where k != c {
                let d = delta(c, k)
                observed += coincidences[c][k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        observed /= n
        expected /= n * (n - 1)
        guard expected > 0 else { throw .noVariation }
        return Result(alpha: 1 - observed / expected, observedDisagreement: observed, expectedDisagreement: expected,
                      units: pairable.count, values: Int(n.rounded()))
    }
}
