import Foundation
import Testing
@testable import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// Which thread prepares a CSV file's rows is decided batch by batch while the import runs; what
/// is stored and what is reported must not depend on it.
struct RowPreparationTests {
    /// The reference workload with a skip rule outside the native subset (`translate`), so every
    /// row also goes through libxml2's XPath, and with bad rows appended.
    static func workload(audits count: Int) throws -> AuditImportStageTests.Workload {
        try AuditImportStageTests.Workload(audits: count) { folder in
            let form = try String(contentsOfFile: folder.file("form.xml"), encoding: .utf8)
            try form.replacingOccurrences(of: "<question id=\"q03\"", with: "<question id=\"q03\" relevant=\"translate(q01, 'no', 'NO') != 'NO'\"")
                .write(toFile: folder.file("form.xml"), atomically: true, encoding: .utf8)
            let audits = folder.file("audits.csv")
            let lines = try String(contentsOfFile: audits, encoding: .utf8).split(separator: "\n").map(String.init)
            var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var bad: [String] = []
            cells[0] = "BAD-1"; cells[1] = "NOBODY"; bad.append(cells.joined(separator: ","))
            cells[0] = "BAD-2"; cells[1] = lines[1].split(separator: ",")[1].description; cells[8] = "maybe"; bad.append(cells.joined(separator: ","))
            bad.append("BAD-3,short,row")
            try (lines.joined(separator: "\n") + "\n" + bad.joined(separator: "\n") + "\n").write(toFile: audits, atomically: true, encoding: .utf8)
        }
    }

    /// The summary, every reported problem and every stored audit of an import of `workload` with `preparation`.
    static func run(_ workload: AuditImportStageTests.Workload, _ preparation: AuditImport.RowPreparation) throws
        -> (summary: String, problems: [String], stored: [String], byWriter: Int) {
        let reporter = CollectingReporter()
        let importer = AuditImport(path: workload.audits, formID: "reference", skipInvalid: true, context: workload.context, reporter: reporter)
        importer.rowPreparation = preparation
        let summary = try importer.run()
        let stored = try workload.context.store.database.query(
            """
            SELECT external_id, agent_id, occurred_on, status, hex(answers), hex(results), score, band, outcome, critical_fail,
                   content_hash, team_id, flags
            FROM audit ORDER BY id
            """).map { row in (0..<13).map { row.text($0) ?? row.double($0).map { String($0) } ?? "-" }.joined(separator: "|") }
        return ("\(summary.rows) rows, \(summary.imported) imported, \(summary.rejected) rejected",
                reporter.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }, stored, importer.batchesPreparedByWriter)
    }

    @Test func storesAndReportsTheSameWhicheverThreadPreparesTheRows() throws {
        let byProducer = try Self.run(Self.workload(audits: 3_000), .producerOnly)
        let byWriter = try Self.run(Self.workload(audits: 3_000), .writerOnly)
        let byEither = try Self.run(Self.workload(audits: 3_000), .whicheverThreadIsAhead)
        let byTurns = try Self.run(Self.workload(audits: 3_000), .alternatingBatches)
        #expect(byProducer.byWriter == 0)
        // 3,003 rows in batches of 512: the writer prepared all six, or every other one.
        #expect(byWriter.byWriter == 6)
        #expect(byTurns.byWriter == 3)
        // The skip rule hides q03 after a 'no' to q01, so some rows answer a hidden question.
        #expect(byProducer.problems.contains { $0.contains("column 'q03': must be empty") })
        #expect(byProducer.problems.contains { $0.contains("no agent 'NOBODY'") })
        #expect(byProducer.problems.contains { $0.contains("column 'q05'") })
        #expect(byProducer.problems.contains { $0.contains("has 3 fields") })
        #expect(byProducer.stored.count > 2_000)
        for other in [byWriter, byEither, byTurns] {
            #expect(other.summary == byProducer.summary)
            #expect(other.problems == byProducer.problems)
            #expect(other.stored == byProducer.stored)
        }
    }

    @Test func givesTheWriterAnEngineOfItsOwnOverTheSamePlan() throws {
        let workload = try Self.workload(audits: 10)
        let form = ImportForm(definitions: try workload.context.definitions.latest(formID: "reference"), status: .released, ordinal: 0)
        // Its own engine, and with it its own libxml2 document and XPath context.
        #expect(form.writerReader.engine !== form.reader.engine)
        #expect(form.writerReader.engine.plan === form.reader.engine.plan)
        #expect(form.writerReader.engine.latestOccurredOn == form.reader.engine.latestOccurredOn)
    }
}
