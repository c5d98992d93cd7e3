import Foundation
import Testing
import YardstickTestSupport
@testable import YardstickStore

struct SpillTableTests {
    let folder = TemporaryFolder()

    /// Row `n`'s values: texts and blobs of varying length (some empty), nulls, negative numbers;
    /// 5,000 rows make about 1.3 MB, so rows straddle the scans' 256 KiB chunks.
    static func values(_ n: Int64) -> (name: String?, size: Double?, data: [UInt8], count: Int64) {
        (n % 7 == 0 ? nil : String(repeating: "é\(n)", count: Int(n % 5)), n % 3 == 0 ? nil : Double(n) / 4,
         [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: Int(n % 11) + (n % 2 == 0 ? Int(n % 491) : 0)), -n * 1_000_003)
    }

    func filled(_ database: Database, rows: Int64, bufferBytes: Int) throws -> SpillTable {
        let table = try SpillTable(database: database, name: "test_spill", columns: ["name", "size", "data", "count"], bufferBytes: bufferBytes)
        try append(rows: 1...rows, to: table)
        return table
    }

    /// Appends rows `numbers` (their `values`) to `table`.
    func append(rows numbers: ClosedRange<Int64>, to table: SpillTable) throws {
        for n in numbers {
            let (name, size, data, count) = Self.values(n)
            table.beginRow()
            table.append(name)
            table.append(size)
            table.append(blob: data)
            table.append(count)
            try table.endRow()
        }
    }

    @Test func rowsComeBackThroughSQLAsAppendedFromMemoryAndFromTheFile() throws {
        let database = try Database(path: folder.file("t.db"))
        // A 64-byte buffer: almost every row goes to the file; rows straddle the scan's chunks.
        for bufferBytes in [64, 1 << 20, 1 << 24] {
            let table = try filled(database, rows: 5_000, bufferBytes: bufferBytes)
            let rows = try database.query("SELECT position, name, size, data, count, typeof(data) FROM test_spill")
            #expect(rows.count == 5_000)
            for (index, row) in rows.enumerated() {
                let n = Int64(index + 1), expected = Self.values(n)
                #expect(row.integer(0) == n && row.text(1) == expected.name && row.double(2) == expected.size)
                #expect(row.blob(3) == expected.data && row.integer(4) == expected.count && row.text(5) == "blob")
            }
            var seen: Int64 = 0
            try table.forEach { row in
                seen += 1
                #expect(row.position == seen && row.text(0) == Self.values(seen).name && row.integer(3) == Self.values(seen).count)
            }
            #expect(seen == 5_000)
            withExtendedLifetime(table) { table.unregister() }
        }
    }

    @Test func aScanAfterAPositionStartsThereWhereverTheCheckpointsFall() throws {
        let database = try Database(path: folder.file("t.db"))
        let table = try filled(database, rows: 5_000, bufferBytes: 4096)
        #expect(table.count == 5_000)
        for after in [-5, 0, 1, 1023, 1024, 1025, 2048, 4999, 5000, 6000] as [Int64] {
            var read = table.rowsScanned
            let greater = try database.query("SELECT position FROM test_spill WHERE position > ?", after).compactMap { $0.integer(0) }
            #expect(greater == Array(stride(from: max(after + 1, 1), through: 5_000, by: 1)))
            // The scan starts at the checkpoint before the bound, not at the first row.
            #expect(table.rowsScanned - read <= greater.count + SpillTable.checkpointInterval, "after \(after)")
            let atLeast = try database.query("SELECT count(*), min(position) FROM test_spill WHERE position >= ?", after).first
            #expect(atLeast?.integer(0) == Int64(max(0, 5_000 - max(after, 1) + 1)))
            #expect(atLeast?.integer(1) == (after <= 5_000 ? max(after, 1) : nil))
            var first: Int64?
            read = table.rowsScanned
            try table.forEach(after: after) { row in if first == nil { first = row.position } }
            #expect(first == (after < 5_000 ? max(after, 0) + 1 : nil))
            #expect(table.rowsScanned - read <= Int(5_000 - min(max(after, 0), 5_000)) + SpillTable.checkpointInterval)
        }
        // Not a position bound SQLite can hand over: every row is read and SQLite filters.
        #expect(try database.queryFirst("SELECT count(*) FROM test_spill WHERE position > 'x'")?.integer(0) == 0)
        #expect(try database.queryFirst("SELECT count(*) FROM test_spill WHERE position > 2.5")?.integer(0) == 4_998)
        // A look at the rows appended since a scan reached the end reads only those.
        _ = try database.query("SELECT position FROM test_spill WHERE position > 0")
        try append(rows: 5_001...5_003, to: table)
        let read = table.rowsScanned
        let appended = try database.query("SELECT position, count FROM test_spill WHERE position > 5000")
        #expect(appended.map { $0.integer(0) } == [5_001, 5_002, 5_003] && appended.map { $0.integer(1) } == (5_001...5_003).map { Self.values($0).count })
        #expect(table.rowsScanned - read == 3)
        withExtendedLifetime(table) {}
    }

    /// Rows come in position order, so the import's `INSERT … SELECT … ORDER BY position` needs no sort.
    @Test func positionOrderNeedsNoSort() throws {
        let database = try Database(path: folder.file("t.db"))
        let table = try filled(database, rows: 10, bufferBytes: 4096)
        let plan = try database.query("EXPLAIN QUERY PLAN SELECT name FROM test_spill ORDER BY position").map { $0.string(3) }.joined(separator: "; ")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        let descending = try database.query("EXPLAIN QUERY PLAN SELECT name FROM test_spill ORDER BY position DESC").map { $0.string(3) }.joined(separator: "; ")
        #expect(descending.contains("TEMP B-TREE"), "\(descending)")
        #expect(try database.query("SELECT position FROM test_spill ORDER BY position DESC").first?.integer(0) == 10)
        withExtendedLifetime(table) {}
    }

    @Test func aRowLongerThanTheBufferAndTheScansChunkGrowsThem() throws {
        let database = try Database(path: folder.file("t.db"))
        let table = try SpillTable(database: database, name: "test_spill", columns: ["text"], bufferBytes: 1024)
        let long = String(repeating: "0123456789", count: 100_000)
        for text in ["short", long, "after"] {
            table.beginRow()
            table.append(text)
            try table.endRow()
        }
        let texts = try database.query("SELECT text FROM test_spill").map { $0.text(0) }
        #expect(texts == ["short", long, "after"])
        withExtendedLifetime(table) {}
    }

    @Test func aRowWithTheWrongNumberOfValuesIsRefusedAndLeavesNoTrace() throws {
        let database = try Database(path: folder.file("t.db"))
        let table = try filled(database, rows: 3, bufferBytes: 1 << 20)
        table.beginRow()
        table.append("only one" as String?)
        #expect(throws: SpillTable.Failure.self) { try table.endRow() }
        table.beginRow()
        table.append("fourth" as String?)
        table.appendNull()
        table.append(blob: [])
        table.append(4)
        try table.endRow()
        let rows = try database.query("SELECT position, name FROM test_spill")
        #expect(rows.count == 4 && table.count == 4)
        #expect(rows.last?.integer(0) == 4 && rows.last?.text(1) == "fourth")
        withExtendedLifetime(table) {}
    }

    /// A row refused where a checkpoint would start leaves the checkpoints right for the rows after it.
    @Test func aRowRefusedAtACheckpointLeavesScansAfterItRight() throws {
        let database = try Database(path: folder.file("t.db"))
        let interval = Int64(SpillTable.checkpointInterval)
        let table = try filled(database, rows: interval, bufferBytes: 4096)
        table.beginRow()
        table.appendNull()
        #expect(throws: SpillTable.Failure.self) { try table.endRow() }
        try append(rows: (interval + 1)...(interval * 2 + 10), to: table)
        for after in [interval, interval + 1, interval * 2, interval * 2 + 5] {
            let rows = try database.query("SELECT position, count FROM test_spill WHERE position > ?", after)
            #expect(rows.first?.integer(0) == after + 1 && rows.first?.integer(1) == Self.values(after + 1).count)
            #expect(rows.count == Int(interval * 2 + 10 - after))
        }
        withExtendedLifetime(table) {}
    }

    @Test func theFileIsUnlinkedAtOnceAndTheNameGoesWithTheTable() throws {
        let database = try Database(path: folder.file("t.db"))
        let table = try filled(database, rows: 200, bufferBytes: 64)
        // The spilled bytes live only behind an open descriptor: nothing is left if the process dies.
        let links = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        let spillFiles = links.filter { $0.contains("yardstick-import-") }
        #expect(!spillFiles.isEmpty && spillFiles.allSatisfy { $0.hasSuffix("(deleted)") })
        table.removeAll()
        #expect(try database.queryFirst("SELECT count(*) FROM test_spill")?.integer(0) == 0)
        table.unregister()
        #expect(throws: SQLiteError.self) { _ = try database.query("SELECT * FROM test_spill") }
    }
}
