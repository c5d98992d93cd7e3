import Testing
@testable import YardstickCore
import YardstickTestSupport
@testable import YardstickStore

/// The stage tells a repeated external id from a new one exactly, whether or not its filter can
/// rule the id out: with a one-line filter every id is a "maybe" and is looked up.
struct AuditImportStageFilterTests {
    let folder = TemporaryFolder()

    func audit(_ externalID: String?) -> AuditImportStage.NewAudit {
        AuditImportStage.NewAudit(
            externalID: externalID, formVersionID: 1, standardVersionID: 2, agentID: "A1", locationID: nil, auditor: "auditor",
            occurredOn: ISODate(year: 2026, month: 10, day: 5)!, status: .released,
            answers: [1, 2, 3], results: [4], score: ScoreSummary(score: 90, earned: 9, possible: 10, band: "good", criticalFail: false),
            comments: [:], contentHash: String(repeating: "a", count: 64), placement: .none)
    }

    /// Ids 1…n with every fifth one repeated at a growing distance, and rows without an id between.
    func ids(_ n: Int) -> [String?] {
        var ids: [String?] = []
        for number in 1...n {
            ids.append("X\(number)")
            if number % 5 == 0 { ids.append("X\(number / 2 + 1)") }
            if number % 7 == 0 { ids.append(nil) }
        }
        return ids
    }

    @Test(arguments: [512, 1 << 25])
    func repeatsAreFoundExactlyWhateverTheFilterSays(filterBits: Int) throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let stage = try AuditImportStage(database: store.database, filterBits: filterBits, spillBufferBytes: 4096)
        defer { stage.detach() }
        var firstRow: [String: Int] = [:], positions: [Int64] = [], rejected: [Int] = []
        try stage.fill {
            for (row, id) in ids(3_000).enumerated() {
                if let position = try stage.stage(audit(id), sourceRow: row + 2) {
                    positions.append(position)
                    if let id { #expect(firstRow.updateValue(row, forKey: id) == nil) }
                } else {
                    rejected.append(row)
                    #expect(id.map { firstRow[$0] != nil } == true)
                }
            }
        }
        #expect(rejected.count == 600)
        #expect(positions == Array(1...Int64(positions.count)) && stage.count == Int64(positions.count))
        // A filter of one line says "maybe" to every id after the first few; a large one to almost none but the repeats.
        if filterBits == 512 { #expect(stage.externalIDLookups > 2_000) } else { #expect(stage.externalIDLookups < 700) }
        var hashes = 0
        try stage.forEachContentHash { position, hash in
            hashes += 1
            #expect(position == Int64(hashes) && hash.count == 64)
        }
        #expect(hashes == positions.count)
    }

    /// The stage's temporary tables keep no journal: a failed fill must still leave nothing of
    /// itself behind — a rerun stages the same ids, and looks them up, as new.
    @Test func aFailedFillForgetsEveryStagedAudit() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        // A small page cache: the ids' table outgrows it, so its pages reach the temporary file.
        let stage = try AuditImportStage(database: store.database, cacheKibibytes: 256, filterBits: 512)
        defer { stage.detach() }
        let count = 30_000
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try stage.fill {
                for number in 1...count { _ = try stage.stage(audit("Y\(number)-\(String(repeating: "x", count: 20))"), sourceRow: number) }
                // One repeat, so the ids staged so far are written to the stage's table.
                #expect(try stage.stage(audit("Y1-\(String(repeating: "x", count: 20))"), sourceRow: count + 1) == nil)
                throw Stop()
            }
        }
        #expect(stage.count == 0)
        let positions = try stage.fill { try (1...count).map { try stage.stage(audit("Y\($0)-\(String(repeating: "x", count: 20))"), sourceRow: $0) } }
        #expect(positions == (1...count).map { Int64($0) })
        #expect(stage.externalIDLookups > 0)
    }
}
