/// The sums over a run's lines that reports and exports show: net, bonuses, deductions, eligible count.
public struct IncentiveTotals: Sendable, Hashable {
    public var agents = 0
    public var eligible = 0
    /// Σ of positive totals, in minor units.
    public var bonuses: Int64 = 0
    /// Σ of negative totals (a negative number), in minor units.
    public var deductions: Int64 = 0

    public var net: Int64 { IncentiveCalculator.saturating(bonuses, deductions) }

    public init(_ lines: some Sequence<IncentiveLine>) {
        for line in lines {
            agents += 1
            if line.eligible { eligible += 1 }
            if line.total > 0 { bonuses = IncentiveCalculator.saturating(bonuses, line.total) }
            if line.total < 0 { deductions = IncentiveCalculator.saturating(deductions, line.total) }
        }
    }
}
