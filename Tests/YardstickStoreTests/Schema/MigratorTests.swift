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
}
