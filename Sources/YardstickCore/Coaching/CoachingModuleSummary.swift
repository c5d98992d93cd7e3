/// Which training modules work: over measured plan items, how many improved, significantly, and met their target.
public struct CoachingModuleSummary: Sendable, Hashable {
    public var module: String
    public var items = 0
    /// Items marked done by the trainer.
    public var done = 0
    /// Items with at least their follow-up audits since the plan.
    public var measured = 0
    /// Fewer misses after than before.
    public var improved = 0
    /// Improved with Fisher's p < 0.05.
    public var significant = 0
    public var targetsMet = 0

    /// - Parameter items: each measured item and whether the trainer marked it done.
    public static func summarise(_ items: [(item: CoachingEffect.Item, done: Bool)]) -> [CoachingModuleSummary] {
        var byModule: [String: CoachingModuleSummary] = [:]
        for (item, done) in items {
            for module in item.training.isEmpty ? ["(no training linked)"] : item.training {
                var summary = byModule[module] ?? CoachingModuleSummary(module: module)
                summary.items += 1
                if done { summary.done += 1 }
                if item.enoughFollowUps, let difference = item.difference {
                    summary.measured += 1
                    if difference < 0 { summary.improved += 1 }
                    if difference < 0 && item.pValue < 0.05 { summary.significant += 1 }
                }
                if item.targetMet == true { summary.targetsMet += 1 }
                byModule[module] = summary
            }
        }
        return byModule.keys.sorted().compactMap { byModule[$0] }
    }
}
