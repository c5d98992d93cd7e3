import YardstickCore

/// Per agent × month × standard sums of counted audits, gathered in memory and merged into
/// `agent_month_stats` in the same transaction as the audits.
public struct AggregateAccumulator {
    struct Key: Hashable {
        var agentID: String
        var month: Int
        var standardID: String
    }

    struct Stats {
        var audits: Int64 = 0
        var scoreMicros: Int64 = 0
        var scoreMicrosSquares: Double = 0
        var criticalFails: Int64 = 0
        var counters: [CriterionCounters] = []
    }

    private var stats: [Key: Stats] = [:]
    private var criteriaCache: [String: [Criterion]] = [:]

    public init() {}

    public var isEmpty: Bool { stats.isEmpty }

    /// Adds (sign 1) or removes (sign −1) one audit's contribution.
    public mutating func add(agentID: String, month: Int, standard: Standard, slots: [String: Int], score: AuditScore,
                             outcomes: [String: CriterionOutcome], sign: Int64 = 1) {
        let key = Key(agentID: agentID, month: month, standardID: standard.id)
        let criteria = criteriaCache[standard.id] ?? {
            let flattened = standard.criteria
            criteriaCache[standard.id] = flattened
            return flattened
        }()
        var entry = stats[key] ?? Stats()
        if let value = score.score {
            let micros = Int64((value * 1_000_000).rounded())
            entry.audits += sign
            entry.scoreMicros += sign * micros
            entry.scoreMicrosSquares += Double(sign) * Double(micros) * Double(micros)
        }
        if score.criticalFail { entry.criticalFails += sign }
        for criterion in criteria {
            guard let outcome = outcomes[criterion.id], let slot = slots[criterion.id] else { continue }
            if entry.counters.count <= slot { entry.counters += Array(repeating: CriterionCounters(), count: slot + 1 - entry.counters.count) }
            entry.counters[slot].add(outcome, criterion: criterion, sign: sign)
        }
        stats[key] = entry
    }

    /// Merges the sums into the table and empties the accumulator.
    public mutating func flush(into database: Database) throws {
        guard !stats.isEmpty else { return }
        let select = try database.prepare(
            "SELECT audits, score_micros_sum, score_micros_square_sum, critical_fails, criteria FROM agent_month_stats WHERE agent_id = ? AND period_month = ? AND standard_id = ?")
        let upsert = try database.prepare(
            """
            INSERT INTO agent_month_stats (agent_id, period_month, standard_id, audits, score_micros_sum, score_micros_square_sum, critical_fails, criteria)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (agent_id, period_month, standard_id) DO UPDATE SET
                audits = excluded.audits, score_micros_sum = excluded.score_micros_sum,
                score_micros_square_sum = excluded.score_micros_square_sum, critical_fails = excluded.critical_fails,
                criteria = excluded.criteria
            """)
        for (key, added) in stats.sorted(by: { ($0.key.agentID, $0.key.month) < ($1.key.agentID, $1.key.month) }) {
            var total = added
            try select.bind(key.agentID, key.month, key.standardID)
            if let row = try select.rows().first {
                total.audits += row.integer(0) ?? 0
                total.scoreMicros += row.integer(1) ?? 0
                total.scoreMicrosSquares += row.double(2) ?? 0
                total.criticalFails += row.integer(3) ?? 0
                var existing = try CriterionCounters.decode(row.blob(4) ?? [])
                if existing.count < total.counters.count {
                    existing += Array(repeating: CriterionCounters(), count: total.counters.count - existing.count)
                }
                for (slot, counter) in total.counters.enumerated() { existing[slot] += counter }
                total.counters = existing
            }
            try upsert.bind(key.agentID, key.month, key.standardID, total.audits, total.scoreMicros, total.scoreMicrosSquares,
                            total.criticalFails, CriterionCounters.encode(total.counters))
            try upsert.run()
        }
        stats.removeAll()
    }
}
