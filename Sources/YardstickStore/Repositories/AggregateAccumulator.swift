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
        /// Held as 32-bit counts: a key's counters are sums over one agent-month, and a bulk import
        /// holds tens of thousands of keys. `load` bounds them (see `needsFlush`).
        var counters: [CompactCounters] = []
        var load: Int64 = 0
    }

    /// One criterion's counters in memory; `CriterionCounters` (64-bit) on disk.
    struct CompactCounters {
        var assessed: Int32 = 0
        var notApplicable: Int32 = 0
        var failureUnits: Int32 = 0
        var spanUnits: Int32 = 0

        mutating func add(_ outcome: CriterionOutcome, scale: RatingScale, sign: Int32) {
            switch outcome {
            case .hidden, .notApplicable:
                notApplicable &+= sign
            case let .met(met):
                assessed &+= sign
                spanUnits &+= sign
                if !met { failureUnits &+= sign }
            case let .level(level):
                guard case let .range(minimum, maximum) = scale else { return }
                assessed &+= sign
                spanUnits &+= sign &* Int32(truncatingIfNeeded: maximum - minimum)
                failureUnits &+= sign &* Int32(truncatingIfNeeded: maximum - level)
            }
        }

        var wide: CriterionCounters {
            var counters = CriterionCounters()
            counters.assessed = Int64(assessed)
            counters.notApplicable = Int64(notApplicable)
            counters.failureUnits = Int64(failureUnits)
            counters.spanUnits = Int64(spanUnits)
            return counters
        }
    }

    /// A key's counters grow by at most its `load` (audits times the widest scale span): beyond
    /// this the 32-bit counts could wrap, so the holder must merge into the database first.
    static let loadLimit: Int64 = 1_000_000_000

    /// Whether some key is close enough to the 32-bit limit that the sums must be merged now.
    public private(set) var needsFlush = false

    /// The sums in an array, found by key through `positions`: an array element is changed in
    /// place, where a dictionary's value would be copied out and back with its counters.
    private var positions: [Key: Int] = [:]
    private var keys: [Key] = []
    private var entries: [Stats] = []
    private var criteriaCache: [String: [Criterion]] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// How many agent × month × standard sums are held.
    public var keyCount: Int { entries.count }

    /// Adds (sign 1) or removes (sign −1) one audit's contribution.
    public mutating func add(agentID: String, month: Int, standard: Standard, slots: [String: Int], score: AuditScore,
                             outcomes: [String: CriterionOutcome], sign: Int64 = 1) {
        add(agentID: agentID, month: month, standard: standard, slots: slots, score: score.score, criticalFail: score.criticalFail,
            outcomes: outcomes, sign: sign)
    }

    /// The same from stored values: a change takes an audit's old contribution from its stored score
    /// and results, never from re-evaluating it.
    public mutating func add(agentID: String, month: Int, standard: Standard, slots: [String: Int], score: Double?, criticalFail: Bool,
                             outcomes: [String: CriterionOutcome], sign: Int64 = 1) {
        let criteria = criteriaCache[standard.id] ?? {
            let flattened = standard.criteria
            criteriaCache[standard.id] = flattened
            return flattened
        }()
        // The criteria in standard order, as the slot form takes them: one arithmetic for both forms.
        var scales: [RatingScale] = [], storeSlots: [Int] = [], slotted: [CriterionOutcome?] = []
        scales.reserveCapacity(criteria.count)
        for criterion in criteria {
            scales.append(criterion.scale)
            storeSlots.append(slots[criterion.id] ?? -1)
            slotted.append(outcomes[criterion.id])
        }
        add(agentID: agentID, month: month, standardID: standard.id, scales: scales, storeSlots: storeSlots, score: score,
            criticalFail: criticalFail, outcomes: slotted, sign: sign)
    }

    /// The same over outcomes by criterion slot of a plan: `storeSlots[slot]` is the stored slot
    /// of `criteria[slot]` (negative: none). Updated in place, without a dictionary per audit.
    public mutating func add(agentID: String, month: Int, standardID: String, scales: [RatingScale], storeSlots: [Int], score: Double?,
                             criticalFail: Bool, outcomes: [CriterionOutcome?], sign: Int64 = 1) {
        let key = Key(agentID: agentID, month: month, standardID: standardID)
        let index: Int
        if let known = positions[key] {
            index = known
        } else {
            index = entries.count
            positions[key] = index
            keys.append(key)
            entries.append(Stats())
        }
        Self.apply(to: &entries[index], scales: scales, storeSlots: storeSlots, score: score, criticalFail: criticalFail,
                   outcomes: outcomes, sign: sign)
        if entries[index].load > Self.loadLimit { needsFlush = true }
    }

    private static func apply(to entry: inout Stats, scales: [RatingScale], storeSlots: [Int], score: Double?, criticalFail: Bool,
                              outcomes: [CriterionOutcome?], sign: Int64) {
        if let score {
            let micros = Self.micros(score)
            entry.audits += sign
            entry.scoreMicros += sign * micros
            entry.scoreMicrosSquares += Double(sign) * Double(micros) * Double(micros)
        }
        if criticalFail { entry.criticalFails += sign }
        for slot in outcomes.indices {
            guard let outcome = outcomes[slot], slot < storeSlots.count else { continue }
            let stored = storeSlots[slot]
            guard stored >= 0 else { continue }
            if entry.counters.count <= stored { entry.counters += Array(repeating: CompactCounters(), count: stored + 1 - entry.counters.count) }
            entry.counters[stored].add(outcome, scale: scales[slot], sign: Int32(truncatingIfNeeded: sign))
            entry.load += Self.span(scales[slot])
        }
    }

    /// A score in millionths of a point, the unit aggregates sum exactly.
    static func micros(_ score: Double) -> Int64 {
        let scaled = (score * 1_000_000).rounded()
        return Int64(exactly: scaled) ?? (scaled > 0 ? Int64.max / 4 : Int64.min / 4)
    }

    /// The gathered sums, by key, for comparing with the stored table (`verify`).
    public var rows: [AggregateRow] {
        zip(keys, entries).map { key, value in
            AggregateRow(agentID: key.agentID, month: key.month, standardID: key.standardID, audits: value.audits,
                         scoreMicrosSum: value.scoreMicros, scoreMicrosSquareSum: value.scoreMicrosSquares,
                         criticalFails: value.criticalFails, counters: value.counters.map(\.wide))
        }
    }

    /// Merges the sums into the table and empties the accumulator.
    public mutating func flush(into database: Database) throws {
        guard !entries.isEmpty else { return }
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
        for (key, added) in zip(keys, entries).sorted(by: { ($0.0.agentID, $0.0.month) < ($1.0.agentID, $1.0.month) }) {
            var total = added
            var counters = added.counters.map(\.wide)
            try select.bind(key.agentID, key.month, key.standardID)
            if let row = try select.rows().first {
                let origin = Row.Origin("aggregate", "\(key.agentID) \(key.month) \(key.standardID)")
                total.audits += try row.requiredInteger(0, "audits", of: origin)
                total.scoreMicros += try row.requiredInteger(1, "score_micros_sum", of: origin)
                total.scoreMicrosSquares += try row.optionalReal(2, "score_micros_square_sum", of: origin) ?? 0
                total.criticalFails += try row.requiredInteger(3, "critical_fails", of: origin)
                var existing: [CriterionCounters]
                do {
                    existing = try CriterionCounters.decode(try row.requiredBlob(4, "criteria", of: origin))
                } catch let error as CodecError {
                    throw StoreError.damagedRow(table: "aggregate", id: origin.id, column: "criteria", problem: "does not decode (\(error)); run 'yardstick verify'")
                }
                if existing.count < counters.count {
                    existing += Array(repeating: CriterionCounters(), count: counters.count - existing.count)
                }
                for (slot, counter) in counters.enumerated() { existing[slot] += counter }
                counters = existing
            }
            try upsert.bind(key.agentID, key.month, key.standardID, total.audits, total.scoreMicros, total.scoreMicrosSquares,
                            total.criticalFails, CriterionCounters.encode(counters))
            try upsert.run()
        }
        positions.removeAll()
        keys.removeAll()
        entries.removeAll()
        needsFlush = false
    }

    /// How much one outcome of a criterion on `scale` can move its counters.
    static func span(_ scale: RatingScale) -> Int64 {
        guard case let .range(minimum, maximum) = scale else { return 1 }
        return max(1, Int64(maximum) - Int64(minimum))
    }
}

/// One row of `agent_month_stats`: the sums over an agent's counted audits of a month and standard.
public struct AggregateRow: Sendable, Hashable {
    public var agentID: String
    public var month: Int
    public var standardID: String
    public var audits: Int64
    public var scoreMicrosSum: Int64
    public var scoreMicrosSquareSum: Double
    public var criticalFails: Int64
    public var counters: [CriterionCounters]

    /// "A1001 2026-03 contact-centre", as `verify` names it.
    public var keyDescription: String {
        "agent \(agentID) month \(month / 100)-\(month % 100 < 10 ? "0" : "")\(month % 100) standard \(standardID)"
    }
}

/// The stored aggregates, read back whole for `verify`.
public struct AggregateRepository {
    let database: Database

    /// Every stored aggregate row; a row that does not decode is handed over as the error.
    public func forEach(_ body: (Result<AggregateRow, StoreError>) throws -> Void) throws {
        let statement = try database.prepare(
            "SELECT agent_id, period_month, standard_id, audits, score_micros_sum, score_micros_square_sum, critical_fails, criteria FROM agent_month_stats ORDER BY agent_id, period_month, standard_id")
        while try statement.step() {
            let row = statement.row
            let origin = Row.Origin("aggregate", "\(row.text(0) ?? "?") \(row.integer(1) ?? 0) \(row.text(2) ?? "?")")
            do {
                let month = try row.requiredInteger(1, "period_month", of: origin)
                guard let monthValue = Int(exactly: month) else {
                    throw StoreError.damagedRow(table: origin.table, id: origin.id, column: "period_month", problem: "is out of range")
                }
                let blob = try row.requiredBlob(7, "criteria", of: origin)
                let counters: [CriterionCounters]
                do {
                    counters = try CriterionCounters.decode(blob)
                } catch {
                    throw StoreError.damagedRow(table: origin.table, id: origin.id, column: "criteria", problem: "does not decode (\(error))")
                }
                try body(.success(AggregateRow(
                    agentID: try row.requiredText(0, "agent_id", of: origin), month: monthValue, standardID: try row.requiredText(2, "standard_id", of: origin),
                    audits: try row.requiredInteger(3, "audits", of: origin), scoreMicrosSum: try row.requiredInteger(4, "score_micros_sum", of: origin),
                    scoreMicrosSquareSum: try row.optionalReal(5, "score_micros_square_sum", of: origin) ?? 0,
                    criticalFails: try row.requiredInteger(6, "critical_fails", of: origin), counters: counters)))
            } catch let error as StoreError {
                try body(.failure(error))
            }
        }
    }
}
