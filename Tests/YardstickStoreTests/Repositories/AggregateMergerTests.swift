import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickStore

struct AggregateMergerTests {
    let folder = TemporaryFolder()

    func row(month: Int, agent: String, audits: Int64, failures: Int64) -> AggregateRow {
        var bands = BandCounts()
        bands.add("good", audits)
        var counter = CriterionCounters()
        counter.assessed = audits
        counter.spanUnits = audits
        counter.failureUnits = failures
        return AggregateRow(key: AggregateKey(month: month, standardID: "s", formID: "f", teamID: "T1", locationID: "", agentID: agent),
                            audits: audits, scoreMicrosSum: audits * 90_000_000, scoreMicrosSquareSum: 0, criticalFails: 0, bands: bands,
                            counters: [counter])
    }

    /// Audits and failure units of every stored agent row, by "month agent".
    func stored(_ store: Store) throws -> [String: (Int64, Int64)] {
        var found: [String: (Int64, Int64)] = [:]
        try store.aggregates.forEach { result in
            let row = try result.get()
            found["\(row.key.month) \(row.key.agentID)"] = (row.audits, row.counters.first?.failureUnits ?? -1)
        }
        return found
    }

    /// A month without rows is looked up once; a key merged twice into it by the same merger still
    /// adds up, and a month with rows adds to them.
    @Test func addsUpInEmptyAndStoredMonthsAlike() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        try store.database.transaction {
            let merger = try AggregateMerger(database: store.database)
            try merger.merge(row(month: 202610, agent: "A1", audits: 2, failures: 1), rollup: false)
        }
        try store.database.transaction {
            let merger = try AggregateMerger(database: store.database)
            // 202611 has no row yet: the first merge of A1 writes without looking, the second must look.
            try merger.merge(row(month: 202611, agent: "A1", audits: 3, failures: 1), rollup: false)
            try merger.merge(row(month: 202611, agent: "A2", audits: 1, failures: 0), rollup: false)
            try merger.merge(row(month: 202611, agent: "A1", audits: 4, failures: 2), rollup: false)
            // 202610 has a row: it is added to.
            try merger.merge(row(month: 202610, agent: "A1", audits: 5, failures: 0), rollup: false)
        }
        let found = try stored(store)
        #expect(found["202610 A1"]?.0 == 7 && found["202610 A1"]?.1 == 1)
        #expect(found["202611 A1"]?.0 == 7 && found["202611 A1"]?.1 == 3)
        #expect(found["202611 A2"]?.0 == 1)
        #expect(found.count == 3)
    }

    /// Prepared rows (an import's, made on the second core) give the same stored sums as merging
    /// row by row: first into empty months, then added to the rows now stored, per agent and per team.
    @Test func preparedRowsAddUpLikeRowByRow() throws {
        func accumulator() -> AggregateAccumulator {
            var sums = AggregateAccumulator()
            let scales: [RatingScale] = [.yesNo, .range(minimum: 0, maximum: 4)]
            for (agent, month, met, level) in [("A1", 202610, true, 4), ("A1", 202610, false, 1), ("A2", 202610, true, 3), ("A1", 202611, true, 0)] {
                let key = AggregateKey(month: month, standardID: "s", formID: "f", teamID: "T1", locationID: "", agentID: agent)
                sums.add(key, scales: scales, storeSlots: [0, 1], score: met ? 90 : 40, band: met ? "good" : "poor", criticalFail: !met,
                         outcomes: [.met(met), .level(level)])
            }
            return sums
        }
        func stored(_ store: Store, rollup: Bool) throws -> [AggregateRow] {
            var rows: [AggregateRow] = []
            try store.aggregates.forEach(rollup: rollup) { rows.append(try $0.get()) }
            return rows
        }
        let prepared = try Store(path: folder.file("prepared.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let rowByRow = try Store(path: folder.file("row-by-row.db"), access: .create, at: "2026-11-23T09:00:00Z")
        for _ in 0..<2 {
            try prepared.database.transaction { try accumulator().prepared().merge(into: prepared.database) }
            try rowByRow.database.transaction {
                var sums = accumulator()
                try sums.flush(into: rowByRow.database)
            }
        }
        for rollup in [false, true] {
            let expected = try stored(rowByRow, rollup: rollup)
            #expect(try stored(prepared, rollup: rollup) == expected)
            #expect(expected.count == (rollup ? 2 : 3))
        }
        let a1 = try #require(try stored(prepared, rollup: false).first { $0.key.agentID == "A1" && $0.key.month == 202610 })
        #expect(a1.audits == 4 && a1.criticalFails == 2 && a1.counters[1].failureUnits == 2 * (0 + 3))
    }
}

