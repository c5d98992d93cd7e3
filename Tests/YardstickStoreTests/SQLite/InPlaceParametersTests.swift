import Testing
import YardstickTestSupport
@testable import YardstickStore

struct InPlaceParametersTests {
    let folder = TemporaryFolder()

    func database() throws -> Database {
        let database = try Database(path: folder.file("t.db"))
        try database.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, size REAL, data BLOB, count INTEGER)")
        return database
    }

    @Test func storesEveryKindOfValueReadInPlace() throws {
        let database = try self.database()
        let insert = try database.prepare("INSERT INTO item (id, name, size, data, count) VALUES (?1, ?2, ?3, ?4, ?5)")
        var parameters = InPlaceParameters(capacity: 4)
        // More bytes than the capacity, so the buffer grows between the parameters of one row.
        for (id, name, data) in [(1, "Ünïcode 'quoted' and longer than the buffer", [UInt8](repeating: 7, count: 300)), (2, "", []), (3, "b", [0, 255])] {
            parameters.removeAll()
            parameters.bind(Int64(id), at: 1)
            parameters.bind(name, at: 2)
            parameters.bind(id == 2 ? nil : Double(id) / 2, at: 3)
            parameters.bind(blob: data, at: 4)
            parameters.bind(Int64(id * 10), at: 5)
            try insert.run(parameters)
        }
        let rows = try database.query("SELECT name, size, data, count, typeof(name), typeof(data) FROM item ORDER BY id")
        #expect(rows.map { $0.text(0) } == ["Ünïcode 'quoted' and longer than the buffer", "", "b"])
        #expect(rows[0].blob(2) == [UInt8](repeating: 7, count: 300))
        #expect(rows[1].isNull(1) && rows[1].text(4) == "text" && rows[1].text(5) == "blob")
        #expect(rows.map { $0.int(3) } == [10, 20, 30])
        #expect(rows[2].double(1) == 1.5 && rows[2].blob(2) == [0, 255])
    }

    @Test func leavesNoParameterBoundAfterARun() throws {
        let database = try self.database()
        let insert = try database.prepare("INSERT INTO item (id, name) VALUES (?1, ?2)")
        var parameters = InPlaceParameters()
        parameters.bind(1, at: 1)
        parameters.bind("first", at: 2)
        try insert.run(parameters)
        // A later run that leaves out a parameter stores NULL, never the previous run's bytes.
        var fewer = InPlaceParameters()
        fewer.bind(2, at: 1)
        try insert.run(fewer)
        #expect(try database.query("SELECT name FROM item ORDER BY id").map { $0.text(0) } == ["first", nil])
    }

    @Test func reportsAFailedRunWithTheStatement() throws {
        let database = try self.database()
        let insert = try database.prepare("INSERT INTO item (id, name) VALUES (?1, ?2)")
        var parameters = InPlaceParameters()
        parameters.bind(1, at: 1)
        parameters.bind("one", at: 2)
        try insert.run(parameters)
        #expect(throws: SQLiteError.self) { try insert.run(parameters) }
        parameters.removeAll()
        parameters.bind(5, at: 3)
        let error = #expect(throws: SQLiteError.self) { try insert.run(parameters) }
        #expect(error?.sql?.contains("INSERT INTO item") == true)
    }
}
