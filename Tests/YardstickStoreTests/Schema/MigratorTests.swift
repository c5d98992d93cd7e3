import Testing
import YardstickTestSupport
@testable import YardstickStore

struct MigratorTests {
    let folder = TemporaryFolder()

    @Test func bringsANewFileToTheLatestVersion() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        #expect(try Migrator.version(of: store.database) == Migrator.latestVersion)
        let tables = try store.database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0.string(0) }
        for table in ["agent", "audit", "journal", "agent_month_stats", "definition_version", "incentive_run", "coaching_plan",
                      "calibration_session", "dispute", "feedback", "attachment", "audit_comment", "criterion_slot"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
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
}
