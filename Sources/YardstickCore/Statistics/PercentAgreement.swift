/// The share of pairs of ratings of the same unit that agree, over every unit rated at least twice
/// (each unit weighted by its number of pairs); the plain statistic the QA suites report.
public enum PercentAgreement {
    /// Nil when no unit has two ratings.
    public static func compute(_ units: [[Double?]]) -> Double? {
        var agreeing = 0, pairs = 0
        for unit in units {
            let values = unit.compactMap { $0 }
            guard values.count >= 2 else { continue }
            for i in values.indices {
                for j in values.indices where j > i {
                    pairs += 1
                    if values[i] == values[j] { agreeing += 1 }
                }
            }
        }
        return pairs > 0 ? Double(agreeing) / Double(pairs) : nil
    }
}

/// The middle value of `values` (the mean of the two middle ones for an even count), nil when empty.
func median(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
