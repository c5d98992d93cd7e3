/// The six intraclass correlations of Shrout & Fleiss (1979) from a complete targets × judges table:
/// ICC(1,1), ICC(2,1), ICC(3,1) for one judge and ICC(1,k), ICC(2,k), ICC(3,k) for the mean of k.
public enum IntraclassCorrelation {
    public struct Result: Sendable, Hashable {
        public var icc11: Double, icc21: Double, icc31: Double
        public var icc1k: Double, icc2k: Double, icc3k: Double
        /// Mean squares: between targets, within targets, between judges, residual.
        public var bms: Double, wms: Double, jms: Double, ems: Double
        public var targets: Int, judges: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case tooSmall
        case incomplete(target: Int)
        case noVariation

        public var description: String {
            switch self {
            case .tooSmall: return "the ICC needs at least two targets and two judges"
            case let .incomplete(target): return "target \(target) is not rated by every judge; the ICC needs a complete table"
            case .noVariation: return "the targets do not differ (every target has the same mean rating), so the ICC is undefined"
            }
        }
    }

    /// The ICCs of `ratings[target][judge]`.
    public static func compute(_ ratings: [[Double?]]) throws(Failure) -> Result {
        let n = ratings.count, k = ratings.first?.count ?? 0
        guard n >= 2, k >= 2 else { throw .tooSmall }
        var table: [[Double]] = []
        for (index, row) in ratings.enumerated() {
            let values = row.compactMap { $0 }
            guard row.count == k, values.count == k else { throw .incomplete(target: index + 1) }
            table.append(values)
        }
        let grand = table.joined().reduce(0, +) / Double(n * k)
        let targetMeans = table.map { $0.reduce(0, +) / Double(k) }
        let judgeMeans = (0..<k).map { judge in table.reduce(0) { $0 + $1[judge] } / Double(n) }
        let total = table.joined().reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let between = Double(k) * targetMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let judges = Double(n) * judgeMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let within = total - between, residual = total - between - judges
        let bms = between / Double(n - 1), wms = within / Double(n * (k - 1))
        let jms = judges / Double(k - 1), ems = residual / Double((n - 1) * (k - 1))
        let kk = Double(k), nn = Double(n)
        // Targets that do not differ leave every form undefined (a zero or negative denominator).
        let denominators = [bms + (kk - 1) * wms, bms + (kk - 1) * ems + kk * (jms - ems) / nn, bms + (kk - 1) * ems, bms, bms + (jms - ems) / nn]
        guard bms > 0, denominators.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw .noVariation }
        return Result(
            icc11: (bms - wms) / (bms + (kk - 1) * wms),
            icc21: (bms - ems) / (bms + (kk - 1) * ems + kk * (jms - ems) / nn),
            icc31: (bms - ems) / (bms + (kk - 1) * ems),
            icc1k: (bms - wms) / bms,
            icc2k: (bms - ems) / (bms + (jms - ems) / nn),
            icc3k: (bms - ems) / bms,
            bms: bms, wms: wms, jms: jms, ems: ems, targets: n, judges: k)
    }
}
