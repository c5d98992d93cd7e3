import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickStore

struct MigratorTests {
    let folder = TemporaryFolder()

    @Test func bringsANewFileToTheLatestVersion() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        #expect(try Migrator.version(of: store.database) == Migrator.latestVersion)
        let tables = try store.database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0.string(0) }
        for table in ["agent", "audit", "journal", "month_stats", "definition_version", "incentive_run", "coaching_plan",
                      "calibration_session", "dispute", "feedback", "attachment", "audit_comment", "criterion_slot"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    /// Schema 10 dropped the index by agent and month (it cost a third of a bulk import's write and
    /// served little); the month index stays for month queries.
    @Test func keepsOnlyTheAuditIndexesQueriesUse() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let indexes = try store.database.query("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit' ORDER BY name").map { $0.string(0) }
        #expect(!indexes.contains("audit_by_agent_period"))
        #expect(indexes.contains("audit_by_period"))
        // An agent's disputes are found from the disputes, each audit by its id: never a scan of the audits.
        let plan = try store.database.query(
            "EXPLAIN QUERY PLAN SELECT d.id FROM dispute d JOIN audit a ON a.id = d.audit_id WHERE a.agent_id = 'A1' ORDER BY d.id"
        ).map { $0.string(3) }
        #expect(plan.contains { $0.contains("SEARCH a USING INTEGER PRIMARY KEY") }, "\(plan)")
    }

    @Test func isSafeToRunAgain() throws {
        _ = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let again = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        #expect(try Migrator.version(of: again.database) == Migrator.latestVersion)
    }

    @Test func refusesAFileFromANewerYardstick() throws {
        let database = try Database(path: folder.file("new.db"))
        try database.execute("PRAGMA user_version = 999")
        #expect(throws: StoreError.self) { try Store(path: folder.file("new.db"), access: .create, at: "2026-11-23T09:00:00Z") }
    }

    @Test func refusesAMissingFileWhenNotCreating() {
        #expect(throws: StoreError.self) { try Store(path: folder.file("absent.db"), access: .write, at: "2026-11-23T09:00:00Z") }
    }

    @Test func refusesAFileThatIsNotSQLite() throws {
        try folder.write("text.db", String(repeating: "not a database ", count: 100))
        #expect(throws: StoreError.self) { try Store(path: folder.file("text.db"), access: .create, at: "2026-11-23T09:00:00Z") }
    }

    @Test func keepsTheJournalAppendOnly() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        try store.database.run(
            "INSERT INTO journal (at, actor, subject, subject_id, action, previous_hash, hash) VALUES ('t', 'a', 'audit', '1', 'submit', '', 'h1')")
        #expect(throws: SQLiteError.self) { try store.database.run("UPDATE journal SET actor = 'someone else'") }
        #expect(throws: SQLiteError.self) { try store.database.run("DELETE FROM journal") }
    }

    @Test func upgradesASchemaTwoDatabaseWhoseDisputesPointIntoTheJournal() throws {
        let database = try Database(path: folder.file("old.db"))
        for migration in Migrator.migrations.prefix(2) {
            try database.execute(migration.sql)
            try database.execute("PRAGMA user_version = \(migration.version)")
        }
        try database.execute("""
            INSERT INTO definition_version (kind, doc_id, version_label, title, sha256, content, source_path, loaded_at)
                VALUES ('form', 'f', '1', 'F', '\(String(repeating: "a", count: 64))', x'00', 'f.xml', 't');
            INSERT INTO location (id, name) VALUES ('l', 'L');
            INSERT INTO audit (form_version_id, standard_version_id, location_id, auditor, occurred_on, period_month, status, answers,
                               created_at, updated_at) VALUES (1, 1, 'l', 'a', '2026-01-01', 202601, 'draft', x'00', 't', 't');
            INSERT INTO journal (at, actor, subject, subject_id, action, previous_hash, hash) VALUES ('t', 'a', 'audit', '1', 'x', '', 'h1');
            INSERT INTO dispute (audit_id, criterion_id, opened_by, opened_at, reason, status, amendment_journal_id)
                VALUES (1, 'C', 'a', 't', 'r', 'overturned', 1);
            """)
        try Migrator.migrate(database, at: "2026-11-23T09:00:00Z")
        #expect(try Migrator.version(of: database) == Migrator.latestVersion)
        #expect(try database.queryFirst("SELECT amendment_journal_id FROM dispute")?.integer(0) == 1)
        #expect(try database.queryFirst("PRAGMA foreign_keys")?.integer(0) == 1)
        #expect(try database.queryFirst("PRAGMA foreign_key_check") == nil)
        #expect(throws: SQLiteError.self) { try database.run("DELETE FROM journal") }
    }

    /// Audits stored before schema 7 take their agent's team and location, and the new aggregates
    /// are summed from their stored results: a location-only shop counts, a draft does not.
    @Test func upgradesASchemaSixDatabaseWithPlacementsAndRebuiltAggregates() throws {
        let database = try Database(path: folder.file("six.db"))
        for migration in Migrator.migrations.prefix(6) {
            try database.execute(migration.sql)
            try database.execute("PRAGMA user_version = \(migration.version)")
        }
        let hash = String(repeating: "a", count: 64)
        let results = ResultCodec.encode(["Q": .met(false), "S": .level(3)], criterionIDs: ["Q", "S"])
        let resultsHex = results.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        try database.execute("""
            INSERT INTO definition_version (id, kind, doc_id, version_label, title, sha256, content, source_path, loaded_at)
                VALUES (1, 'standard', 'std', '1', 'S', '\(hash)', x'00', 's.xml', 't'), (2, 'form', 'frm', '1', 'F', '\(hash)', x'00', 'f.xml', 't');
            INSERT INTO standard_criterion (standard_version_id, ordinal, criterion_id, category_id, title, weight, scale_min, scale_max)
                VALUES (1, 0, 'Q', 'c', 'Q', 1, NULL, NULL), (1, 1, 'S', 'c', 'S', 2, 0, 4);
            INSERT INTO criterion_slot (standard_id, criterion_id, slot) VALUES ('std', 'Q', 0), ('std', 'S', 1);
            INSERT INTO team (id, name) VALUES ('T1', 'One');
            INSERT INTO location (id, name) VALUES ('L1', 'Oslo'), ('L2', 'Bergen');
            INSERT INTO agent (id, name, team_id, location_id, created_at, updated_at) VALUES ('A1', 'Ann', 'T1', 'L1', 't', 't');
            INSERT INTO audit (form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on, period_month, status, answers,
                               results, score, band, outcome, critical_fail, created_at, updated_at, content_hash) VALUES
                (2, 1, 'A1', NULL, 'x', '2026-03-02', 202603, 'released', x'00', x'\(resultsHex)', 50, 'Low', 'pass', 0, 't', 't', '\(hash)'),
                (2, 1, NULL, 'L2', 'x', '2026-03-09', 202603, 'released', x'00', x'\(resultsHex)', 60, 'Low', 'pass', 0, 't', 't', '\(hash)'),
                (2, 1, 'A1', NULL, 'x', '', 0, 'draft', x'00', NULL, NULL, NULL, NULL, NULL, 't', 't', NULL);
            """)
        try Migrator.migrate(database, at: "2026-11-23T09:00:00Z")
        let placed = try database.query("SELECT coalesce(team_id, '-'), coalesce(site_id, '-') FROM audit ORDER BY id").map { "\($0.string(0)) \($0.string(1))" }
        #expect(placed == ["T1 L1", "- L2", "T1 L1"])
        var rows: [AggregateRow] = []
        try AggregateRepository(database: database).forEach { if case let .success(row) = $0 { rows.append(row) } }
        #expect(rows.map(\.key.description) == ["month 2026-03 standard std form frm location L2",
                                                 "month 2026-03 standard std form frm team T1 location L1 agent A1"])
        #expect(rows.map(\.audits) == [1, 1])
        #expect(rows.map(\.scoreMicrosSum) == [60_000_000, 50_000_000])
        #expect(rows.first?.bands["Low"] == 1)
        // Q not met: 1 failure of 1; S at level 3 of 0-4: 1 failure unit of 4.
        #expect(rows.first?.counters.map { [$0.assessed, $0.failureUnits, $0.spanUnits] } == [[1, 1, 1], [1, 1, 4]])
    }
}
