/// Fleiss' κ for any number of raters per subject and nominal categories (Fleiss 1971), with the
/// per-category κ of Fleiss, Levin & Paik (2003).
public enum FleissKappa {
    public struct Result: Sendable, Hashable {
        public var kappa: Double
        /// κ of each category against all others, in the order of the counts' columns; nil where the category never or always occurs.
        public var perCategory: [Double?]
        /// The mean agreement within subjects (P̄) and by chance (P̄e).
        public var observedAgreement: Double
        public var expectedAgreement: Double
        public var subjects: Int
        public var ratersPerSubject: Int
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case noSubjects
        case unequalRaters(subject: Int, raters: Int, expected: Int)
        case tooFewRaters
        case negativeCount(subject: Int)
        case noVariation

        public var description: String {
            switch self {
            case .noSubjects: return "no subjects to compare"
            case let .unequalRaters(subject, raters, expected):
                return "subject \(subject) has \(raters) ratings, the first has \(expected): Fleiss' κ needs the same number of raters for every subject"
            case .tooFewRaters: return "Fleiss' κ needs at least two raters per subject"
            case let .negativeCount(subject): return "subject \(subject) has a negative count"
            case .noVariation: return "every rating falls in one category, so agreement by chance is certain and κ is undefined"
            }
        }
    }

    /// κ from counts: `counts[subject][category]` raters put the subject in the category.
    public static func compute(counts: [[Int]]) throws(Failure) -> Result {
        guard let first = counts.first, !first.isEmpty else { throw .noSubjects }
        let raters = first.reduce(0, +)
        guard raters >= 2 else { throw .tooFewRaters }
        let categories = counts.map(\.count).max() ?? 0
        var totals = Array(repeating: 0.0, count: categories)
        var agreementSum = 0.0
        for (index, row) in counts.enumerated() {
            guard row.allSatisfy({ $0 >= 0 }) else { throw .negativeCount(subject: index + 1) }
            let sum = row.reduce(0, +)
            guard sum == raters else { throw .unequalRaters(subject: index + 1, raters: sum, expected: raters) }
            var squares = 0.0
            for (category, count) in row.enumerated() {
                totals[category] += Double(count)
                squares += Double(count * count)
            }
            agreementSum += (squares - Double(raters)) / Double(raters * (raters - 1))
        }
        let n = Double(raters), subjects = Double(counts.count)
        let shares = totals.map { $0 / (subjects * n) }
        let observed = agreementSum / subjects
        let expected = shares.reduce(0) { $0 + $1 * $1 }
        guard expected < 1 else { throw .noVariation }
        let perCategory = shares.indices.map { category -> Double? in
            let p = shares[category]
            guard p > 0, p < 1 else { return nil }
            let disagreement = counts.reduce(0.0) { sum, row in
                let count = Double(category < row.count ? row[category] : 0)
                return sum + count * (n - count)
            }
            return 1 - disagreement / (subjects * n * (n - 1) * p * (1 - p))
        }
        return Result(kappa: (observed - expected) / (1 - expected), perCategory: perCategory, observedAgreement: observed,
                      expectedAgreement: expected, subjects: counts.count, ratersPerSubject: raters)
    }
}
