import Testing
import YardstickTestSupport
@testable import YardstickStore

struct DatabaseTests {
    let folder = TemporaryFolder()

    func database() throws -> Database {
        let database = try Database(path: folder.file("t.db"))
        try database.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, size REAL, data BLOB) STRICT")
        return database
    }

    @Test func opensInWALModeWithForeignKeys() throws {
        let database = try self.database()
        try database.enableWriteAheadLog()
        #expect(try database.queryFirst("PRAGMA journal_mode")?.text(0) == "wal")
        #expect(try database.queryFirst("PRAGMA foreign_keys")?.int(0) == 1)
    }

    @Test func roundTripsEveryValueTypeThroughBoundParameters() throws {
        let database = try self.database()
        try database.run("INSERT INTO item (name, size, data) VALUES (?, ?, ?)", "Ünïcode 'quoted'", 2.5, [UInt8]([0, 1, 255]))
        try database.run("INSERT INTO item (name, size, data) VALUES (?, ?, ?)", "", Optional<Double>.none, [UInt8]())
        let rows = try database.query("SELECT name, size, data FROM item ORDER BY id")
        #expect(rows[0].text(0) == "Ünïcode 'quoted'")
        #expect(rows[0].double(1) == 2.5)
        #expect(rows[0].blob(2) == [0, 1, 255])
        #expect(rows[1].text(0) == "")
        #expect(rows[1].isNull(1))
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        struct Failure: Error {}
        let database = try self.database()
        #expect(throws: Failure.self) {
            try database.transaction {
                try database.run("INSERT INTO item (name) VALUES (?)", "kept?")
                throw Failure()
            }
        }
        #expect(try database.queryFirst("SELECT count(*) FROM item")?.int(0) == 0)
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let database = try self.database()
        let id = try database.transaction {
            try database.run("INSERT INTO item (name) VALUES (?)", "kept")
            return database.lastInsertedRowID
        }
        #expect(id == 1)
        #expect(try Database(path: folder.file("t.db")).queryFirst("SELECT name FROM item")?.text(0) == "kept")
    }

    @Test func reportsTheSQLButNeverTheBoundValues() throws {
        let database = try self.database()
        do {
            try database.run("INSERT INTO item (name) VALUES (?)", Optional<String>.none)
            Issue.record("a NOT NULL violation was accepted")
        } catch let error as SQLiteError {
            #expect(error.isConstraintViolation)
            #expect(error.description.contains("INSERT INTO item"))
            #expect(error.message.contains("NOT NULL"))
        }
        do {
            try database.run("INSERT INTO item (name, size) VALUES (?, ?)", "secret-employee-name", "not a number")
            Issue.record("a STRICT type violation was accepted")
        } catch let error as SQLiteError {
            #expect(!error.description.contains("secret-employee-name"))
        }
    }

    @Test func reusesAPreparedStatementWithNewBindings() throws {
        let database = try self.database()
        let insert = try database.prepare("INSERT INTO item (name) VALUES (?)")
        for name in ["a", "b", "c"] {
            try insert.bind(name)
            try insert.run()
        }
        #expect(try database.query("SELECT name FROM item ORDER BY id").map { $0.string(0) } == ["a", "b", "c"])
    }

    @Test func aBulkWriteSetsBackForeignKeysCheckpointingAndTheCache() throws {
        let database = try self.database()
        try database.enableWriteAheadLog()
        try database.execute("PRAGMA cache_size = 100")
        let setting = try database.cacheSizeSetting()
        try database.setCacheSize(kibibytes: 32 << 10)
        try database.restoreCacheSize(setting)
        #expect(try database.queryFirst("PRAGMA cache_size")?.integer(0) == 100)
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            try database.checkpointingAfterwards {
                try database.withoutForeignKeyChecks {
                    #expect(try database.queryFirst("PRAGMA foreign_keys")?.int(0) == 0)
                    #expect(try database.queryFirst("PRAGMA wal_autocheckpoint")?.int(0) == 0)
                    // A transaction left open by a failed body is rolled back before the checks go back on.
                    try database.execute("BEGIN IMMEDIATE")
                    try database.run("INSERT INTO item (name) VALUES (?)", "kept?")
                    throw Failed()
                }
            }
        }
        #expect(!database.isInTransaction)
        #expect(try database.queryFirst("PRAGMA foreign_keys")?.int(0) == 1)
        #expect(try database.queryFirst("PRAGMA wal_autocheckpoint")?.int(0) == 1000)
        #expect(try database.queryFirst("SELECT count(*) FROM item")?.int(0) == 0)
    }

    @Test func aStoredRealOutsideTheIntegerRangeIsNoInteger() throws {
        let database = try self.database()
        #expect(try database.queryFirst("SELECT 1e19")?.integer(0) == nil)
        #expect(try database.queryFirst("SELECT 42.0")?.integer(0) == 42)
    }
}
