import Foundation

/// Fisher's exact test of a 2 × 2 table: how likely a split at least this uneven is when both rows
/// share one rate. Two-sided: the sum of the probabilities of every table with the same margins
/// that is no more likely than the observed one.
public enum FisherExactTest {
    /// - Parameters: the table `[[a, b], [c, d]]` (e.g. before: misses a, met b; after: misses c, met d).
    /// - Returns: the two-sided p-value, 1 for an empty table.
    public static func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else { return 1 }
        let row1 = a + b, row2 = c + d, column1 = a + c, n = row1 + row2
        guard n > 0 else { return 1 }
        func logChoose(_ n: Int, _ k: Int) -> Double { lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) }
        let logTotal = logChoose(n, column1)
        func probability(_ x: Int) -> Double { exp(logChoose(row1, x) + logChoose(row2, column1 - x) - logTotal) }
        let observed = probability(a)
        var p = 0.0
        for x in max(0, column1 - row2)...min(row1, column1) {
            let value = probability(x)
            if value <= observed * (1 + 1e-7) { p += value }
        }
        return min(1, p)
    }
}
