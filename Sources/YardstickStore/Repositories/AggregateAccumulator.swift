import YardstickCore

/// Where one audit's contribution is summed: month, standard and form, the team and location it
/// counts for (its placement) and the agent. An absent team, location or agent is stored as ''.
public struct AggregateKey: Sendable, Hashable, Comparable {
    public var month: Int
    public var standardID: String
    public var formID: String
    public var teamID: String
    public var locationID: String
    public var agentID: String

    public init(month: Int, standardID: String, formID: String, teamID: String, locationID: String, agentID: String) {
        self.month = month
        self.standardID = standardID
        self.formID = formID
        self.teamID = teamID
        self.locationID = locationID
        self.agentID = agentID
    }

    public init(month: Int, standardID: String, formID: String, placement: AuditPlacement, agentID: String?) {
        self.init(month: month, standardID: standardID, formID: formID, teamID: placement.teamID ?? "",
                  locationID: placement.locationID ?? "", agentID: agentID ?? "")
    }

    /// "2026-03 contact-centre call-review team T1 location L1 agent A1001", as `verify` names it.
    public var description: String {
        let monthText = "\(month / 100)-\(month % 100 < 10 ? "0" : "")\(month % 100)"
        var parts = ["month \(monthText)", "standard \(standardID)", "form \(formID)"]
        if !teamID.isEmpty { parts.append("team \(teamID)") }
        if !locationID.isEmpty { parts.append("location \(locationID)") }
        if !agentID.isEmpty { parts.append("agent \(agentID)") }
        return parts.joined(separator: " ")
    }

    public static func < (lhs: AggregateKey, rhs: AggregateKey) -> Bool {
        (lhs.month, lhs.standardID, lhs.formID, lhs.teamID, lhs.locationID, lhs.agentID)
            < (rhs.month, rhs.standardID, rhs.formID, rhs.teamID, rhs.locationID, rhs.agentID)
    }
}

/// Sums of counted audits per month × standard × form × team × location × agent, gathered in memory
/// and merged into `month_stats` in the same transaction as the audits (or first into an import's
/// stage, `AggregateTables`); the same sums without the
/// agent go to `scope_month_stats`, so team, location, form and trend reports read one row per
/// team-month instead of one per agent-month.
public struct AggregateAccumulator {
    /// A key's sums apart from its per-criterion counters and band counts, which live in the
    /// accumulator's flat arrays (no array per key to look up, check and grow per audit).
    struct Stats {
        var audits: Int64 = 0
        var scoreMicros: Int64 = 0
        var scoreMicrosSquares: Double = 0
        var criticalFails: Int64 = 0
        /// How far the key's 32-bit counters may have moved (see `needsFlush`).
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
    /// Only the per-agent sums are gathered audit by audit; the per-scope sums (`rollup`) are their
    /// totals, formed when the sums are merged or read (half the work per audit).
    private var positions: [AggregateKey: Int] = [:]
    /// Positions by a caller's integer name for a key (`add(fastKey:…)`): one integer hashed per
    /// audit instead of five strings.
    private var fastPositions: [Int: Int] = [:]
    private var keys: [AggregateKey] = []
    private var entries: [Stats] = []
    /// Every key's counters, `counterStride` stored criterion slots per key, key after key. Held
    /// as 32-bit counts: a key's counters are sums over one agent-month, and a bulk import holds
    /// tens of thousands of keys; `load` bounds them.
    private var counters: [CompactCounters] = []
    private var counterStride = 0
    /// Every key's audits per band, `bandLabels.count` per key (a label is stored once, not per key).
    private var bandCounts: [Int32] = []
    private var criteriaCache: [String: [Criterion]] = [:]
    private var bandLabels: [String] = []

    /// The band counts of the key at `position` by label.
    private func bands(at position: Int) -> BandCounts {
        var bands = BandCounts()
        let stride = bandLabels.count
        for label in 0..<stride where bandCounts[position * stride + label] != 0 {
            bands.add(bandLabels[label], Int64(bandCounts[position * stride + label]))
        }
        return bands
    }

    /// Widens every key's share of `values` from `old` to `new` elements (zeros appended to each).
    private static func widen<Element>(_ values: inout [Element], keys: Int, from old: Int, to new: Int, zero: Element) {
        var wider = [Element](repeating: zero, count: keys * new)
        for key in 0..<keys {
            for element in 0..<old { wider[key * new + element] = values[key * old + element] }
        }
        values = wider
    }

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// How many sums are held.
    public var keyCount: Int { entries.count }

    /// Adds (sign 1) or removes (sign −1) one audit's contribution, from its stored values: a change
    /// takes an audit's old contribution from its stored score and results, never from re-evaluating it.
    public mutating func add(_ key: AggregateKey, standard: Standard, slots: [String: Int], score: Double?, band: String?,
                             criticalFail: Bool, outcomes: [String: CriterionOutcome], sign: Int64 = 1) {
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
        add(key, scales: scales, storeSlots: storeSlots, score: score, band: band, criticalFail: criticalFail, outcomes: slotted, sign: sign)
    }

    /// The same over outcomes by criterion slot of a plan: `storeSlots[slot]` is the stored slot
    /// of `criteria[slot]` (negative: none). Updated in place, without a dictionary per audit.
    public mutating func add(_ key: AggregateKey, scales: [RatingScale], storeSlots: [Int], score: Double?, band: String?,
                             criticalFail: Bool, outcomes: [CriterionOutcome?], sign: Int64 = 1) {
        add(agentKey: key, scales: scales, storeSlots: storeSlots, score: score, band: band, criticalFail: criticalFail,
            outcomes: outcomes, sign: sign)
    }

    /// The same, with the key named by `fastKey`, an integer the caller gives exactly one key
    /// (`key` is asked only the first time it is seen): a bulk import's agents × months.
    public mutating func add(fastKey: Int, key: () -> AggregateKey, scales: [RatingScale], storeSlots: [Int], score: Double?, band: String?,
                             criticalFail: Bool, outcomes: [CriterionOutcome?], sign: Int64 = 1) {
        let index: Int
        if let known = fastPositions[fastKey] {
            index = known
        } else {
            index = position(of: key())
            fastPositions[fastKey] = index
        }
        add(at: index, scales: scales, storeSlots: storeSlots, score: score, band: band, criticalFail: criticalFail, outcomes: outcomes, sign: sign)
    }

    private mutating func add(agentKey key: AggregateKey, scales: [RatingScale], storeSlots: [Int], score: Double?, band: String?,
                              criticalFail: Bool, outcomes: [CriterionOutcome?], sign: Int64) {
        add(at: position(of: key), scales: scales, storeSlots: storeSlots, score: score, band: band, criticalFail: criticalFail,
            outcomes: outcomes, sign: sign)
    }

    /// The position of `key`'s sums, new zero sums when it has none yet.
    private mutating func position(of key: AggregateKey) -> Int {
        if let known = positions[key] { return known }
        let index = entries.count
        positions[key] = index
        keys.append(key)
        entries.append(Stats())
        counters.append(contentsOf: repeatElement(CompactCounters(), count: counterStride))
        bandCounts.append(contentsOf: repeatElement(0, count: bandLabels.count))
        return index
    }

    private mutating func add(at index: Int, scales: [RatingScale], storeSlots: [Int], score: Double?, band: String?,
                              criticalFail: Bool, outcomes: [CriterionOutcome?], sign: Int64) {
        let widest = (storeSlots.max() ?? -1) + 1
        if widest > counterStride {
            Self.widen(&counters, keys: keys.count, from: counterStride, to: widest, zero: CompactCounters())
            counterStride = widest
        }
        var bandPosition: Int?
        if let band, score != nil {
            // A standard has a handful of bands: comparing them beats hashing the label per audit.
            if let known = bandLabels.firstIndex(of: band) {
                bandPosition = known
            } else {
                Self.widen(&bandCounts, keys: keys.count, from: bandLabels.count, to: bandLabels.count + 1, zero: 0)
                bandLabels.append(band)
                bandPosition = bandLabels.count - 1
            }
        }
        if let score {
            let micros = Self.micros(score)
            entries[index].audits &+= sign
            entries[index].scoreMicros &+= sign &* micros
            entries[index].scoreMicrosSquares += Double(sign) * Double(micros) * Double(micros)
        }
        if criticalFail { entries[index].criticalFails &+= sign }
        if let bandPosition { bandCounts[index * bandLabels.count + bandPosition] &+= Int32(truncatingIfNeeded: sign) }
        let narrowSign = Int32(truncatingIfNeeded: sign)
        var load: Int64 = 0
        let base = index * counterStride
        counters.withUnsafeMutableBufferPointer { all in
            for slot in 0..<min(outcomes.count, storeSlots.count, scales.count) {
                guard let outcome = outcomes[slot] else { continue }
                let stored = storeSlots[slot]
                guard stored >= 0 else { continue }
                all[base + stored].add(outcome, scale: scales[slot], sign: narrowSign)
                load += Self.span(scales[slot])
            }
        }
        entries[index].load += load
        if entries[index].load > Self.loadLimit { needsFlush = true }
    }

    /// A score in millionths of a point, the unit aggregates sum exactly.
    static func micros(_ score: Double) -> Int64 {
        let scaled = (score * 1_000_000).rounded()
        return Int64(exactly: scaled) ?? (scaled > 0 ? Int64.max / 4 : Int64.min / 4)
    }

    /// The gathered sums of `month_stats` (or with `rollup`, of `scope_month_stats`), for comparing with the stored tables (`verify`).
    public func rows(rollup: Bool = false) -> [AggregateRow] {
        rollup ? scopeRows() : keys.indices.map(agentRow)
    }

    private func agentRow(_ position: Int) -> AggregateRow {
        let value = entries[position]
        return AggregateRow(key: keys[position], audits: value.audits, scoreMicrosSum: value.scoreMicros, scoreMicrosSquareSum: value.scoreMicrosSquares,
                            criticalFails: value.criticalFails, bands: bands(at: position), counters: counters(at: position))
    }

    /// The counters of the key at `position`, without the trailing slots no audit of it reached.
    private func counters(at position: Int) -> [CriterionCounters] {
        let slots = counters[(position * counterStride)..<((position + 1) * counterStride)]
        let used = slots.lastIndex { $0.assessed != 0 || $0.notApplicable != 0 || $0.failureUnits != 0 || $0.spanUnits != 0 }
        guard let used else { return [] }
        return slots[slots.startIndex...used].map(\.wide)
    }

    /// The per-agent sums totalled per month, standard, form, team and location (agent ''), in key order.
    private func scopeRows() -> [AggregateRow] {
        var index: [AggregateKey: Int] = [:]
        var scopes: [AggregateKey] = []
        var totals: [Stats] = [], summed: [[CriterionCounters]] = [], bandTotals: [[Int64]] = []
        for (position, agentKey) in keys.enumerated() {
            var scope = agentKey
            scope.agentID = ""
            let at: Int
            if let known = index[scope] {
                at = known
            } else {
                at = scopes.count
                index[scope] = at
                scopes.append(scope)
                totals.append(Stats())
                summed.append([])
                bandTotals.append([])
            }
            let entry = entries[position]
            // Wrapping, like the stored sums: a damaged stored row must not trap the merge (`verify` names it).
            totals[at].audits &+= entry.audits
            totals[at].scoreMicros &+= entry.scoreMicros
            totals[at].scoreMicrosSquares += entry.scoreMicrosSquares
            totals[at].criticalFails &+= entry.criticalFails
            if summed[at].count < counterStride {
                summed[at] += Array(repeating: CriterionCounters(), count: counterStride - summed[at].count)
            }
            for slot in 0..<counterStride { summed[at][slot] += counters[position * counterStride + slot].wide }
            if bandTotals[at].count < bandLabels.count {
                bandTotals[at] += Array(repeating: 0, count: bandLabels.count - bandTotals[at].count)
            }
            for label in 0..<bandLabels.count { bandTotals[at][label] &+= Int64(bandCounts[position * bandLabels.count + label]) }
        }
        return scopes.indices.sorted { scopes[$0] < scopes[$1] }.map { at in
            var bands = BandCounts()
            for (label, count) in bandTotals[at].enumerated() where count != 0 { bands.add(bandLabels[label], count) }
            return AggregateRow(key: scopes[at], audits: totals[at].audits, scoreMicrosSum: totals[at].scoreMicros,
                                scoreMicrosSquareSum: totals[at].scoreMicrosSquares, criticalFails: totals[at].criticalFails, bands: bands,
                                counters: Self.trimmed(summed[at]))
        }
    }

    static let keyColumns = "period_month, standard_id, form_id, team_id, location_id, agent_id"
    static let scopeKeyColumns = "period_month, standard_id, form_id, team_id, location_id"

    /// Merges the sums into `tables` (the store's, or an import's stage) and empties the accumulator.
    public mutating func flush(into database: Database, tables: AggregateTables = .store) throws {
        guard !entries.isEmpty else { return }
        // Row by row, so a large accumulator is never held twice (`prepared` holds every row at once).
        let merger = try AggregateMerger(database: database, tables: tables)
        for position in positionsInKeyOrder() { try merger.merge(agentRow(position), rollup: false) }
        for row in scopeRows() { try merger.merge(row, rollup: true) }
        removeAll()
    }

    /// The sums as rows in the tables' key order with their stored encodings, ready to merge: pure
    /// computation, so a bulk import makes them on its second core while the first copies audits.
    public func prepared() -> PreparedAggregates {
        PreparedAggregates(agents: positionsInKeyOrder().map { PreparedAggregates.Row(agentRow($0)) },
                           scopes: scopeRows().map(PreparedAggregates.Row.init))
    }

    /// Forgets every sum (after they were merged).
    public mutating func removeAll() {
        positions.removeAll()
        fastPositions.removeAll()
        keys.removeAll()
        entries.removeAll()
        counters.removeAll()
        bandCounts.removeAll()
        needsFlush = false
    }

    /// The positions of the keys in the table's key order, so the rows are written in the order of
    /// its B-tree. Each distinct text gets a rank in
    /// text order first: the keys then compare as integers, not as six strings each.
    private func positionsInKeyOrder() -> [Int] {
        var texts = Set<String>()
        for key in keys {
            for text in [key.standardID, key.formID, key.teamID, key.locationID, key.agentID] { texts.insert(text) }
        }
        var rank: [String: Int] = [:]
        rank.reserveCapacity(texts.count)
        for (position, text) in texts.sorted().enumerated() { rank[text] = position }
        var order: [((Int, Int, Int, Int, Int, Int), Int)] = []
        order.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            order.append(((key.month, rank[key.standardID] ?? 0, rank[key.formID] ?? 0, rank[key.teamID] ?? 0, rank[key.locationID] ?? 0,
                           rank[key.agentID] ?? 0), position))
        }
        order.sort { $0.0 < $1.0 }
        return order.map(\.1)
    }

    /// `counters` without its trailing all-zero slots.
    static func trimmed(_ counters: [CriterionCounters]) -> [CriterionCounters] {
        guard let used = counters.lastIndex(where: { $0 != CriterionCounters() }) else { return [] }
        return Array(counters[...used])
    }

    /// How much one outcome of a criterion on `scale` can move its counters.
    static func span(_ scale: RatingScale) -> Int64 {
        guard case let .range(minimum, maximum) = scale else { return 1 }
        return max(1, Int64(maximum) - Int64(minimum))
    }
}

/// The two aggregate tables: per agent and per scope (all agents of a team, location and form).
public struct AggregateTables: Sendable {
    public var agents: String
    public var scopes: String

    public init(agents: String, scopes: String) {
        self.agents = agents
        self.scopes = scopes
    }

    /// The store's own.
    public static let store = AggregateTables(agents: "main.month_stats", scopes: "main.scope_month_stats")
}

/// Adds sums to the stored row of their key (or stores them as a new row), with statements
/// prepared once for many keys, inside one transaction.
///
/// A month with no stored row yet (an import of a new month, the first import into a store) is
/// noticed once: its keys are then written without first looking for a stored row, unless this
/// merger already wrote the same key. So a merger serves one run of merges in one transaction,
/// and nothing else may write the aggregate tables while it is in use.
public final class AggregateMerger {
    private struct Table {
        let select: Statement
        let upsert: Statement
        let probeMonth: Statement
        /// Months found without any row when the merger first met them.
        var emptyMonths: [Int: Bool] = [:]
        /// Keys this merger wrote into such a month (only a repeat is looked up).
        var writtenIntoEmpty: Set<AggregateKey> = []
    }

    private var agents: Table
    private var scopes: Table
    private var parameters = InPlaceParameters()
    /// The caller merges every key at most once (prepared rows): no set of keys is kept.
    private let keysAreUnique: Bool

    public convenience init(database: Database, tables: AggregateTables = .store) throws {
        try self.init(database: database, tables: tables, keysAreUnique: false)
    }

    init(database: Database, tables: AggregateTables, keysAreUnique: Bool) throws {
        self.keysAreUnique = keysAreUnique
        func table(_ name: String, _ columns: String, _ keyCount: Int) throws -> Table {
            let matches = columns.split(separator: ",").map { "\($0.drop { $0 == " " }) = ?" }.joined(separator: " AND ")
            let select = try database.prepare(
                "SELECT audits, score_micros_sum, score_micros_square_sum, critical_fails, bands, criteria FROM \(name) WHERE \(matches)")
            let upsert = try database.prepare(
                """
                INSERT INTO \(name) (\(columns), audits, score_micros_sum, score_micros_square_sum, critical_fails, bands, criteria)
                VALUES (\(Array(repeating: "?", count: keyCount + 6).joined(separator: ", ")))
                ON CONFLICT (\(columns)) DO UPDATE SET
                    audits = excluded.audits, score_micros_sum = excluded.score_micros_sum,
                    score_micros_square_sum = excluded.score_micros_square_sum, critical_fails = excluded.critical_fails,
                    bands = excluded.bands, criteria = excluded.criteria
                """)
            let probeMonth = try database.prepare("SELECT 1 FROM \(name) WHERE period_month = ? LIMIT 1")
            return Table(select: select, upsert: upsert, probeMonth: probeMonth)
        }
        agents = try table(tables.agents, AggregateAccumulator.keyColumns, 6)
        scopes = try table(tables.scopes, AggregateAccumulator.scopeKeyColumns, 5)
    }

    /// Adds `added` to the row of its key in `month_stats` (with `rollup`, in `scope_month_stats`).
    public func merge(_ added: AggregateRow, rollup: Bool) throws {
        if rollup {
            try merge(.row(added), rollup: true, into: &scopes)
        } else {
            try merge(.row(added), rollup: false, into: &agents)
        }
    }

    /// The same for a prepared row, whose encodings are stored as they are when its key has no row yet.
    func merge(_ prepared: PreparedAggregates.Row, rollup: Bool) throws {
        if rollup {
            try merge(.prepared(prepared), rollup: true, into: &scopes)
        } else {
            try merge(.prepared(prepared), rollup: false, into: &agents)
        }
    }

    private enum Added {
        case row(AggregateRow)
        case prepared(PreparedAggregates.Row)

        var key: AggregateKey {
            switch self {
            case let .row(row): return row.key
            case let .prepared(prepared): return prepared.key
            }
        }
    }

    /// Whether `key` may have a stored row: not when its month had none and this merger has not written the key.
    private func mayBeStored(_ key: AggregateKey, in table: inout Table) throws -> Bool {
        let empty: Bool
        if let known = table.emptyMonths[key.month] {
            empty = known
        } else {
            let probe = table.probeMonth
            probe.reset()
            try probe.bind(Int64(key.month), at: 1)
            empty = try !probe.step()
            probe.reset()
            table.emptyMonths[key.month] = empty
        }
        guard empty else { return true }
        return keysAreUnique ? false : !table.writtenIntoEmpty.insert(key).inserted
    }

    private func merge(_ added: Added, rollup: Bool, into table: inout Table) throws {
        let key = added.key
        let keyCount: Int32 = rollup ? 5 : 6
        func store(audits: Int64, scoreMicrosSum: Int64, scoreMicrosSquareSum: Double, criticalFails: Int64, bands: [UInt8],
                   criteria: [UInt8]) throws {
            parameters.removeAll()
            parameters.bind(Int64(key.month), at: 1)
            parameters.bind(key.standardID, at: 2)
            parameters.bind(key.formID, at: 3)
            parameters.bind(key.teamID, at: 4)
            parameters.bind(key.locationID, at: 5)
            if !rollup { parameters.bind(key.agentID, at: 6) }
            parameters.bind(audits, at: keyCount + 1)
            parameters.bind(scoreMicrosSum, at: keyCount + 2)
            parameters.bind(scoreMicrosSquareSum, at: keyCount + 3)
            parameters.bind(criticalFails, at: keyCount + 4)
            parameters.bind(blob: bands, at: keyCount + 5)
            parameters.bind(blob: criteria, at: keyCount + 6)
            try table.upsert.run(parameters)
        }
        let existing = try mayBeStored(key, in: &table) ? stored(key, rollup: rollup, select: table.select) : nil
        if case let .prepared(prepared) = added, existing == nil {
            return try store(audits: prepared.audits, scoreMicrosSum: prepared.scoreMicrosSum, scoreMicrosSquareSum: prepared.scoreMicrosSquareSum,
                             criticalFails: prepared.criticalFails, bands: prepared.bands, criteria: prepared.criteria)
        }
        var total: AggregateRow
        switch added {
        case let .row(row): total = row
        case let .prepared(prepared): total = try prepared.decoded()
        }
        if let row = existing {
            let origin = Row.Origin("aggregate", key.description)
            // Wrapping: a damaged stored sum must not stop the write (`verify` names the row).
            total.audits &+= try row.requiredInteger(0, "audits", of: origin)
            total.scoreMicrosSum &+= try row.requiredInteger(1, "score_micros_sum", of: origin)
            total.scoreMicrosSquareSum += try row.optionalReal(2, "score_micros_square_sum", of: origin) ?? 0
            total.criticalFails &+= try row.requiredInteger(3, "critical_fails", of: origin)
            var storedCounters: [CriterionCounters]
            do {
                var stored = try BandCounts.decode(try row.requiredBlob(4, "bands", of: origin))
                stored += total.bands
                total.bands = stored
                storedCounters = try CriterionCounters.decode(try row.requiredBlob(5, "criteria", of: origin))
            } catch let error as CodecError {
                throw StoreError.damagedRow(table: "aggregate", id: origin.id, column: "bands or criteria", problem: "does not decode (\(error))")
            }
            if storedCounters.count < total.counters.count {
                storedCounters += Array(repeating: CriterionCounters(), count: total.counters.count - storedCounters.count)
            }
            for (slot, counter) in total.counters.enumerated() { storedCounters[slot] += counter }
            total.counters = storedCounters
        }
        try store(audits: total.audits, scoreMicrosSum: total.scoreMicrosSum, scoreMicrosSquareSum: total.scoreMicrosSquareSum,
                  criticalFails: total.criticalFails, bands: total.bands.normalized.encoded(), criteria: CriterionCounters.encode(total.counters))
    }

    /// The stored row of `key`, if any.
    private func stored(_ key: AggregateKey, rollup: Bool, select: Statement) throws -> Row? {
        // Bound one by one with their types: an array of existentials per key cost more than the query.
        select.reset()
        defer { select.reset() }
        try select.bind(Int64(key.month), at: 1)
        try select.bind(key.standardID, at: 2)
        try select.bind(key.formID, at: 3)
        try select.bind(key.teamID, at: 4)
        try select.bind(key.locationID, at: 5)
        if !rollup { try select.bind(key.agentID, at: 6) }
        return try select.step() ? select.row : nil
    }
}

/// An accumulator's sums in key order, each with the encodings its row gets when nothing is
/// stored under its key yet (`AggregateAccumulator.prepared`).
public struct PreparedAggregates: @unchecked Sendable {
    // @unchecked: immutable value arrays, handed from the thread that made them to the one that merges.
    /// A key's sums with its bands and counters already encoded (the wide counters are not kept:
    /// tens of thousands of keys stay a few hundred bytes each).
    public struct Row {
        let key: AggregateKey
        let audits: Int64
        let scoreMicrosSum: Int64
        let scoreMicrosSquareSum: Double
        let criticalFails: Int64
        let bands: [UInt8]
        let criteria: [UInt8]

        init(_ row: AggregateRow) {
            key = row.key
            audits = row.audits
            scoreMicrosSum = row.scoreMicrosSum
            scoreMicrosSquareSum = row.scoreMicrosSquareSum
            criticalFails = row.criticalFails
            bands = row.bands.normalized.encoded()
            criteria = CriterionCounters.encode(row.counters)
        }

        /// The sums as a row again, to add to a stored one (read without a stored row's checks:
        /// an amendment's sums are negative).
        func decoded() throws -> AggregateRow {
            do {
                return AggregateRow(key: key, audits: audits, scoreMicrosSum: scoreMicrosSum, scoreMicrosSquareSum: scoreMicrosSquareSum,
                                    criticalFails: criticalFails, bands: try BandCounts.decode(bands),
                                    counters: try CriterionCounters.decode(criteria, plausible: false))
            } catch {
                throw StoreError.damagedRow(table: "aggregate", id: key.description, column: "bands or criteria", problem: "does not decode (\(error))")
            }
        }
    }

    let agents: [Row]
    let scopes: [Row]

    public var isEmpty: Bool { agents.isEmpty && scopes.isEmpty }

    /// Adds every row to `tables`, inside the caller's transaction.
    public func merge(into database: Database, tables: AggregateTables = .store) throws {
        guard !isEmpty else { return }
        // Each key once: the agent rows by key, the scope rows their totals by scope.
        let merger = try AggregateMerger(database: database, tables: tables, keysAreUnique: true)
        for row in agents { try merger.merge(row, rollup: false) }
        for row in scopes { try merger.merge(row, rollup: true) }
    }
}

/// One row of `month_stats`: the sums over the counted audits of one key.
public struct AggregateRow: Sendable, Hashable {
    public var key: AggregateKey
    public var audits: Int64
    public var scoreMicrosSum: Int64
    public var scoreMicrosSquareSum: Double
    public var criticalFails: Int64
    public var bands: BandCounts
    public var counters: [CriterionCounters]

    public init(key: AggregateKey, audits: Int64, scoreMicrosSum: Int64, scoreMicrosSquareSum: Double, criticalFails: Int64,
                bands: BandCounts, counters: [CriterionCounters]) {
        self.key = key
        self.audits = audits
        self.scoreMicrosSum = scoreMicrosSum
        self.scoreMicrosSquareSum = scoreMicrosSquareSum
        self.criticalFails = criticalFails
        self.bands = bands
        self.counters = counters
    }

    /// "month 2026-03 standard contact-centre form call-review team T1 …", as `verify` names it.
    public var keyDescription: String { key.description }
}

/// The stored aggregates, read back whole for `verify` and by range for reports.
public struct AggregateRepository {
    let database: Database

    /// Every stored row of `month_stats` (or with `rollup`, of `scope_month_stats`); a row that does not decode is handed over as the error.
    public func forEach(rollup: Bool = false, tables: AggregateTables = .store, _ body: (Result<AggregateRow, StoreError>) throws -> Void) throws {
        try forEach(rollup: rollup, tables: tables, months: 0...Int.max, standardID: nil, body)
    }

    /// The rows of months `months` (as `yyyymm` keys), of one standard or all, in key order: per
    /// agent, or with `rollup` per team, location and form (all their agents together, agent '').
    public func forEach(rollup: Bool = false, tables: AggregateTables = .store, months: ClosedRange<Int>, standardID: String?,
                        _ body: (Result<AggregateRow, StoreError>) throws -> Void) throws {
        let statement = try database.prepare(
            """
            SELECT \(AggregateAccumulator.scopeKeyColumns), \(rollup ? "''" : "agent_id"), audits, score_micros_sum, score_micros_square_sum,
                   critical_fails, bands, criteria
            FROM \(rollup ? tables.scopes : tables.agents) WHERE period_month BETWEEN ? AND ? AND (?3 IS NULL OR standard_id = ?3)
            ORDER BY \(rollup ? AggregateAccumulator.scopeKeyColumns : AggregateAccumulator.keyColumns)
            """)
        try statement.bind(Int64(months.lowerBound), Int64(clamping: months.upperBound), standardID)
        while try statement.step() {
            let row = statement.row
            let origin = Row.Origin("aggregate", "\(row.integer(0) ?? 0) \(row.text(1) ?? "?") \(row.text(5) ?? "?")")
            do {
                let month = try row.requiredInteger(0, "period_month", of: origin)
                guard let monthValue = Int(exactly: month) else {
                    throw StoreError.damagedRow(table: origin.table, id: origin.id, column: "period_month", problem: "is out of range")
                }
                let key = AggregateKey(month: monthValue, standardID: try row.requiredText(1, "standard_id", of: origin),
                                       formID: try row.requiredText(2, "form_id", of: origin), teamID: try row.requiredText(3, "team_id", of: origin),
                                       locationID: try row.requiredText(4, "location_id", of: origin),
                                       agentID: try row.requiredText(5, "agent_id", of: origin))
                let bands: BandCounts, counters: [CriterionCounters]
                do {
                    bands = try BandCounts.decode(try row.requiredBlob(10, "bands", of: origin))
                } catch {
                    throw StoreError.damagedRow(table: origin.table, id: key.description, column: "bands", problem: "does not decode (\(error))")
                }
                do {
                    counters = try CriterionCounters.decode(try row.requiredBlob(11, "criteria", of: origin))
                } catch {
                    throw StoreError.damagedRow(table: origin.table, id: key.description, column: "criteria", problem: "does not decode (\(error))")
                }
                try body(.success(AggregateRow(
                    key: key, audits: try row.requiredInteger(6, "audits", of: origin),
                    scoreMicrosSum: try row.requiredInteger(7, "score_micros_sum", of: origin),
                    scoreMicrosSquareSum: try row.optionalReal(8, "score_micros_square_sum", of: origin) ?? 0,
                    criticalFails: try row.requiredInteger(9, "critical_fails", of: origin), bands: bands, counters: counters)))
            } catch let error as StoreError {
                try body(.failure(error))
            }
        }
    }
}
