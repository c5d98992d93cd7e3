/// What differs between two sets of incentive lines for the same policy and period: per agent,
/// the old and new amount and the audits and responses that changed (added, removed, changed).
public struct IncentiveComparison: Sendable, Hashable {
    public struct Change: Sendable, Hashable {
        public var agentID: String
        public var name: String
        public var oldTotal: Int64?
        public var newTotal: Int64?
        public var oldExplanation: String?
        public var newExplanation: String?
        /// Each changed piece of evidence, in words: `audit 41 amended: score 92.1 → 78.4`.
        public var evidence: [String]
    }

    public var changes: [Change]
    /// Agents whose evidence changed although the amount stayed the same.
    public var unchangedAmounts: Int

    /// Σ (new − old) over the changed agents, in minor units.
    public var netDifference: Int64 {
        changes.reduce(Int64(0)) { IncentiveCalculator.saturating($0, ($1.newTotal ?? 0) &- ($1.oldTotal ?? 0)) }
    }

    /// Compares `old` with `new`, agent by agent.
    /// - Parameter history: how audit `id` changed since the old lines were computed, in words, if known
    ///   ("amended on 2026-11-02 by qa.lead: Dispute upheld").
    public static func compare(old: [IncentiveLine], new: [IncentiveLine], history: (Int64) -> String? = { _ in nil }) -> IncentiveComparison {
        let before = Dictionary(old.map { ($0.agentID, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.agentID, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [Change] = []
        var unchangedAmounts = 0
        for agentID in Set(before.keys).union(after.keys).sorted() {
            let previous = before[agentID], current = after[agentID]
            let evidence = Self.evidence(previous, current, history: history)
            if previous?.total == current?.total && previous?.eligible == current?.eligible {
                if !evidence.isEmpty { unchangedAmounts += 1 }
                continue
            }
            changes.append(Change(agentID: agentID, name: current?.name ?? previous?.name ?? "", oldTotal: previous?.total, newTotal: current?.total,
                                  oldExplanation: previous?.explanation, newExplanation: current?.explanation,
                                  evidence: evidence.isEmpty ? ["no audit or response changed; the agent's roster entry or the policy did"] : evidence))
        }
        return IncentiveComparison(changes: changes, unchangedAmounts: unchangedAmounts)
    }

    private static func evidence(_ old: IncentiveLine?, _ new: IncentiveLine?, history: (Int64) -> String?) -> [String] {
        var result: [String] = []
        let oldAudits = Dictionary((old?.auditRefs ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newAudits = Dictionary((new?.auditRefs ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func score(_ audit: IncentiveAudit) -> String {
            (audit.score.map { formatFixed($0, 1) } ?? "N/A") + (audit.criticalFail ? " (critical failure)" : "")
        }
        for id in Set(oldAudits.keys).union(newAudits.keys).sorted() {
            switch (oldAudits[id], newAudits[id]) {
            case let (nil, added?): result.append("audit \(id) now counts (\(added.occurredOn), score \(score(added)))" + (history(id).map { "; \($0)" } ?? ""))
            case let (removed?, nil): result.append("audit \(id) no longer counts (was score \(score(removed)))" + (history(id).map { "; \($0)" } ?? ""))
            case let (was?, now?) where was.contentHash != now.contentHash || was.score != now.score || was.criticalFail != now.criticalFail:
                result.append("audit \(id) changed: score \(score(was)) → \(score(now))" + (history(id).map { " (\($0))" } ?? ""))
            default: break
            }
        }
        let oldFeedback = Dictionary((old?.feedbackRefs ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newFeedback = Dictionary((new?.feedbackRefs ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func values(_ response: IncentiveFeedback) -> String {
            [response.nps.map { "NPS \($0)" }, response.csat.map { "CSAT \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        for id in Set(oldFeedback.keys).union(newFeedback.keys).sorted() {
            switch (oldFeedback[id], newFeedback[id]) {
            case let (nil, added?): result.append("response \(id) added (\(added.occurredOn), \(values(added)))")
            case let (removed?, nil): result.append("response \(id) removed (\(values(removed)))")
            case let (was?, now?) where was != now: result.append("response \(id) changed: \(values(was)) → \(values(now))")
            default: break
            }
        }
        return result
    }
}
