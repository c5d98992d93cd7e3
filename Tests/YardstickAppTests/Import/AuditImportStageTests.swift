import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// An import reads, checks and scores the whole file without the store's write lock, and writes
/// it in one short transaction (PRODUCT.md §11: other writers are not starved).
struct AuditImportStageTests {
    /// The reference workload (small) in a fresh database: its definitions and roster loaded.
    final class Workload {
        let folder = TemporaryFolder()
        let context: AppContext
        let audits: String

        /// - Parameter adjust: changes the written files (in the folder it is given) before they are loaded.
        init(audits count: Int, adjust: (TemporaryFolder) throws -> Void = { _ in }) throws {
            _ = try WorkloadFiles.writeReference(ReferenceWorkload(audits: count, agents: 40, teams: 4, auditors: 6, months: 3), to: folder.path)
            try adjust(folder)
            let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
            context = AppContext(store: store, clock: .fixed("2026-11-23T09:00:00Z"), actor: Actor(name: "qa.lead", login: "tester"))
            let report = try DefinitionWorkflow.load(
                try DefinitionWorkflow.collect([folder.file("standard.xml"), folder.file("form.xml"), folder.file("policy.xml")]), context: context)
            precondition(!report.diagnostics.hasErrors, "the reference definitions must load: \(report.diagnostics)")
            _ = try RosterWorkflow.importRoster(path: folder.file("roster.csv"), context: context)
            audits = folder.file("audits.csv")
        }

        func importer(_ reporter: ProblemReporter, path: String? = nil) -> AuditImport {
            AuditImport(path: path ?? audits, formID: "reference", skipInvalid: false, context: context, reporter: reporter)
        }

        /// A second connection to the same file, as another auditor's process has.
        func otherProcess() throws -> Database {
            let database = try Database(path: folder.file("y.db"), create: false)
            database.setBusyTimeout(milliseconds: 0)
            return database
        }
    }

    /// Calls `body` each time the import reports progress (every 5,000 rows read).
    final class ProgressProbe: ProblemReporter {
        var diagnostics: [Diagnostic] = []
        let body: (Int) throws -> Void
        var failures: [String] = []
        var calls = 0

        init(_ body: @escaping (Int) throws -> Void) { self.body = body }

        func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

        func progress(rows: Int) {
            calls += 1
            do { try body(rows) } catch { failures.append("at row \(rows): \(error)") }
        }
    }

    @Test func anotherWriterIsNeverBlockedWhileTheFileIsRead() throws {
        let workload = try Workload(audits: 12_000)
        let other = try workload.otherProcess()
        // With a busy timeout of 0, taking the write lock fails at once if the import holds it.
        let probe = ProgressProbe { _ in
            try other.execute("BEGIN IMMEDIATE")
            try other.execute("COMMIT")
        }
        let summary = try workload.importer(probe).run()
        #expect(probe.calls == 2 && probe.failures.isEmpty, "\(probe.failures)")
        #expect(summary.imported == 12_000 && !summary.rolledBack, "\(probe.diagnostics)")
        let report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(try workload.context.store.journal.batch(containing: 1) != nil, "one history entry covers the batch")
    }

    @Test func auditsStoredByAnotherProcessMeanwhileMoveTheBatchButKeepItsHash() throws {
        let workload = try Workload(audits: 6_000)
        // While the file is read, another process stores an audit: the batch then starts after it.
        let probe = ProgressProbe { _ in
            let store = try Store(path: workload.folder.file("y.db"), access: .write, at: "2026-11-23T09:00:00Z")
            let context = AppContext(store: store, clock: .fixed("2026-11-23T09:00:00Z"), actor: Actor(name: "m.lund", login: "m.lund"))
            let lines = try String(contentsOfFile: workload.audits, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            let row = "other-1" + lines[1].drop { $0 != "," }
            let path = try workload.folder.write("one.csv", lines[0] + "\n" + row + "\n")
            let one = try AuditImport(path: path, formID: "reference", skipInvalid: false, context: context, reporter: CollectingReporter()).run()
            guard one.imported == 1 else { throw InputError("the other process could not store its audit") }
        }
        let summary = try workload.importer(probe).run()
        #expect(probe.failures.isEmpty, "\(probe.failures)")
        #expect(summary.imported == 6_000, "\(probe.diagnostics)")
        let store = workload.context.store
        #expect(try store.audits.audit(id: 1)?.externalID == "other-1", "the other process's audit kept the id it got")
        let report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "the batch hash is computed with the ids the audits got: \(report.problems)")
    }

    @Test func anExternalIDTakenMeanwhileChangesNothingAndSaysToRunAgain() throws {
        let workload = try Workload(audits: 6_000)
        let lines = try String(contentsOfFile: workload.audits, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        let header = String(lines[0])
        let lastRow = String(lines[lines.count - 1])
        let lastExternalID = String(lastRow.prefix { $0 != "," })
        let probe = ProgressProbe { rows in
            guard rows == 5_000 else { return }
            // Another process stores the file's last row on its own before the import writes.
            let store = try Store(path: workload.folder.file("y.db"), access: .write, at: "2026-11-23T09:00:00Z")
            let context = AppContext(store: store, clock: .fixed("2026-11-23T09:00:00Z"), actor: Actor(name: "m.lund", login: "m.lund"))
            let path = try workload.folder.write("last.csv", header + "\n" + lastRow + "\n")
            _ = try AuditImport(path: path, formID: "reference", skipInvalid: false, context: context, reporter: CollectingReporter()).run()
        }
        do {
            _ = try workload.importer(probe).run()
            Issue.record("the import went through although its last external id was taken meanwhile")
        } catch let error as InputError {
            #expect(error.message.contains("audits.csv:6001:1: column 'external_id': while the file was being checked, another process stored '\(lastExternalID)' as audit #1;"),
                    "\(error.message)")
        }
        let store = workload.context.store
        #expect(try store.database.queryFirst("SELECT count(*) FROM audit")?.integer(0) == 1, "only the other process's audit is stored")
        #expect(try store.audits.audit(id: 1)?.externalID == lastExternalID)
        let report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        // Run again: the row is then the same as the stored audit, and everything else is written.
        let again = try workload.importer(CollectingReporter()).run()
        #expect(again.imported == 5_999 && again.unchanged == 1)
    }

    @Test func sumsOverMoreKeysThanMemoryHoldsWaitInTheStage() throws {
        let workload = try Workload(audits: 3_000)
        let reporter = CollectingReporter()
        let importer = workload.importer(reporter)
        importer.aggregateKeyLimit = 7
        let summary = try importer.run()
        #expect(summary.imported == 3_000, "\(reporter.diagnostics)")
        let report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "the aggregates equal the audits' sums: \(report.problems)")
        #expect(try workload.context.store.database.queryFirst("SELECT count(*) FROM month_stats")?.integer(0) == 40 * 3)
    }

    @Test func skippedDuplicatesAndUnchangedRowsNeverMoveTheSumsWhateverTheirOrder() throws {
        let workload = try Workload(audits: 3_000)
        var lines = try String(contentsOfFile: workload.audits, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // Row 3 repeats row 2's external id with other answers: skipped, and only row 2 counts.
        let second = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        var third = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        third[0] = second[0]
        lines[2] = third.joined(separator: ",")
        let path = try workload.folder.write("duplicate.csv", lines.joined(separator: "\n") + "\n")
        let reporter = CollectingReporter()
        let importer = AuditImport(path: path, formID: "reference", skipInvalid: true, context: workload.context, reporter: reporter)
        importer.aggregateKeyLimit = 7
        let first = try importer.run()
        #expect(first.imported == 2_999 && first.rejected == 1, "\(reporter.diagnostics)")
        #expect(reporter.diagnostics.first?.description.contains("duplicate.csv:3:1: error: column 'external_id': '\(second[0])' appears earlier in this file") == true,
                "\(reporter.diagnostics)")
        var report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        // Again: every row is unchanged (the duplicate again skipped), and the sums stay as they are.
        let again = AuditImport(path: path, formID: "reference", skipInvalid: true, context: workload.context, reporter: CollectingReporter())
        again.aggregateKeyLimit = 7
        let second2 = try again.run()
        #expect(second2.imported == 0 && second2.unchanged == 2_999 && second2.rejected == 1)
        report = try Verifier(workload.context).run()
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    @Test func aReimportWithNothingNewNeverTakesTheLock() throws {
        let workload = try Workload(audits: 2_000)
        #expect(try workload.importer(CollectingReporter()).run().imported == 2_000)
        // Another process holds the write lock throughout: a write would wait for it and then fail.
        let other = try workload.otherProcess()
        try other.execute("BEGIN IMMEDIATE")
        defer { try? other.execute("ROLLBACK") }
        workload.context.store.database.setBusyTimeout(milliseconds: 200)
        let again = try workload.importer(CollectingReporter()).run()
        #expect(again.imported == 0 && again.unchanged == 2_000 && !again.rolledBack)
    }

    @Test func aBadRowLeavesTheStoreAsItWasAndNeverTakesTheLock() throws {
        let workload = try Workload(audits: 6_000)
        var lines = try String(contentsOfFile: workload.audits, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        lines[5_500] = lines[5_500].replacingOccurrences(of: ",yes,", with: ",perhaps,")
        let path = try workload.folder.write("bad.csv", lines.joined(separator: "\n") + "\n")
        let other = try workload.otherProcess()
        let probe = ProgressProbe { _ in
            try other.execute("BEGIN IMMEDIATE")
            try other.execute("COMMIT")
        }
        let summary = try workload.importer(probe, path: path).run()
        #expect(summary.rolledBack && summary.imported == 0 && summary.rejected == 1)
        #expect(probe.failures.isEmpty, "\(probe.failures)")
        #expect(probe.diagnostics.contains { $0.location.line == 5_501 }, "\(probe.diagnostics)")
        let store = workload.context.store
        #expect(try store.database.queryFirst("SELECT count(*) FROM audit")?.integer(0) == 0)
        #expect(try store.database.queryFirst("SELECT count(*) FROM month_stats")?.integer(0) == 0)
        #expect(try store.database.queryFirst("SELECT count(*) FROM temp.sqlite_master")?.integer(0) == 0, "the stage is dropped")
    }
}
