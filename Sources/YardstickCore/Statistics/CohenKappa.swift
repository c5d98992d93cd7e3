/// Cohen's κ for two raters (Cohen 1960), unweighted or weighted (Cohen 1968) with linear or
/// quadratic disagreement weights over the categories of the declared scale — every level of the
/// scale counts, not only the levels that happen to occur.
public enum CohenKappa {
    public enum Weights: String, Sendable, CaseIterable {
        case none, linear, quadratic
    }

    public struct Result: Sendable, Hashable {
        public var kappa: Double
        /// Observed and chance agreement (weighted: 1 − the weighted disagreement).
        public var observedAgreement: Double
        public var expectedAgreement: Double
        /// Units both raters rated.
        public var units: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case noUnits
        case outsideScale(value: Double)
        case needsScale
        case noVariation

        public var description: String {
            switch self {
            case .noUnits: return "no unit is rated by both raters"
            case let .outsideScale(value): return "the rating \(value) is not a level of the declared scale"
            case .needsScale: return "weighted κ needs the declared scale's levels (weights come from the scale, not from the ratings)"
            case .noVariation: return "agreement by chance is certain (one category only), so κ is undefined"
            }
        }
    }

    /// κ of the pairs of ratings (units rated by only one rater are left out). `categories` are the
    /// scale's levels in order (for weights); nil takes the categories that occur (unweighted only).
    public static func compute(_ pairs: [(Double?, Double?)], categories: [Double]?, weights: Weights) throws(Failure) -> Result {
        let rated = pairs.compactMap { pair -> (Double, Double)? in
            guard let a = pair.0, let b = pair.1 else { return nil }
            return (a, b)
        }
        guard !rated.isEmpty else { throw .noUnits }
        if weights != .none && categories == nil { throw .needsScale }
        let levels = categories ?? Array(Set(rated.flatMap { [$0.0, $0.1] })).sorted()
        var position: [Double: Int] = [:]
        for (index, level) in levels.enumerated() { position[level] = index }
        let size = levels.count
        var table = Array(repeating: Array(repeating: 0.0, count: size), count: size)
        for (a, b) in rated {
            guard let i = position[a] else { throw .outsideScale(value: a) }
            guard let j = position[b] else { throw .outsideScale(value: b) }
            table[i][j] += 1
        }
        let n = Double(rated.count)
        let rows = table.map { $0.reduce(0, +) / n }
        let columns = (0..<size).map { j in table.reduce(0) { $0 + $1[j] } / n }
        func disagreement(_ i: Int, _ j: Int) -> Double {
            let span = Double(max(1, size - 1))
            switch weights {
            case .none: return i == j ? 0 : 1
            case .linear: return Double(abs(i - j)) / span
            case .quadratic: return Double((i - j) * (i - j)) / (span * span)
            }
        }
        var observed = 0.0, expected = 0.0
        for i in 0..<size {
            for j in 0..<size {
                observed += disagreement(i, j) * table[i][j] / n
                expected += disagreement(i, j) * rows[i] * columns[j]
            }
        }
        guard expected > 0 else { throw .noVariation }
        return Result(kappa: 1 - observed / expected, observedAgreement: 1 - observed, expectedAgreement: 1 - expected, units: rated.count)
    }
}
