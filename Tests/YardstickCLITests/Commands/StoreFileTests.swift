import Foundation
import Testing
import YardstickTestSupport

/// The database file: another application's file, a reset schema version, a read-only file, a FIFO.
struct StoreFileTests {
    let folder = TemporaryFolder()

    func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func neverWritesIntoAnotherApplicationsDatabase() throws {
        let path = folder.file("other.db")
        try sqlite(path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        let before = try bytes(path)
        let result = try BinaryRunner(databasePath: path).run(["agents", "add", "A1", "--name", "N", "--team", "t"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("is another application's SQLite database"))
        #expect(try bytes(path) == before)
    }

    @Test func explainsAResetSchemaVersionInOneSentence() throws {
        let path = folder.file("y.db")
        let yardstick = BinaryRunner(databasePath: path)
        #expect(try yardstick.run(["init"]).status == 0)
        try sqlite(path, "PRAGMA user_version = 0;")
        let result = try yardstick.run(["agents", "add", "A1", "--name", "N", "--team", "t"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("its schema version (PRAGMA user_version) was reset to 0"))
        #expect(!result.standardError.contains("CREATE TABLE"))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test func readsAReadOnlyDatabaseAndSaysWhyItCannotWrite() throws {
        let path = folder.file("y.db")
        let yardstick = BinaryRunner(databasePath: path)
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        // Root may write anyway; the check is the one a user meets.
        guard getuid() != 0 else { return }
        #expect(try yardstick.run(["agents", "list"]).status == 0)
        let write = try yardstick.run(["agents", "add", "A1", "--name", "N", "--team", "t"])
        #expect(write.status == 1)
        #expect(write.standardError.contains("cannot be written"))
    }

    @Test func refusesAFIFOAsDatabaseDefinitionOrEvidence() throws {
        let fifo = folder.file("pipe.xml")
        #expect(mkfifo(fifo, 0o600) == 0)
        let database = BinaryRunner(databasePath: fifo).run
        let opened = try database(["agents", "list"], nil, [:])
        #expect(opened.status == 1)
        #expect(opened.standardError.contains("is not a regular file"))
        let yardstick = BinaryRunner(databasePath: folder.file("y.db"))
        #expect(try yardstick.run(["init"]).status == 0)
        let load = try yardstick.run(["load", fifo])
        #expect(load.status == 1)
        #expect(load.standardError.contains("is a named pipe (FIFO)"))
    }

    @Test func refusesASymbolicLinkAsEvidenceAndStoresFilesWithTheDatabasesPermissions() throws {
        let yardstick = BinaryRunner(databasePath: folder.file("y.db"))
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: folder.file("y.db"))
        let secret = try folder.write("secret.txt", "private notes")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.txt"), withDestinationPath: secret)
        let answers = try folder.write("call.json", AuditCommandsTests.callAnswers)
        let linked = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers, "--attach", folder.file("link.txt")])
        #expect(linked.status == 1)
        #expect(linked.standardError.contains("is a symbolic link"))
        let recording = try folder.write("recording.txt", "call audio transcript")
        let attached = try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers, "--attach", recording])
        #expect(attached.status == 0, "\(attached.standardError)")
        let files = Repository.files(under: folder.file("y.db.evidence"))
        #expect(files.count == 1)
        let permissions = try FileManager.default.attributesOfItem(atPath: try #require(files.first))[.posixPermissions] as? Int
        #expect(permissions == 0o640)
    }

    @Test func changesSettingsOnTheRecord() throws {
        let yardstick = BinaryRunner(databasePath: folder.file("y.db"))
        #expect(try yardstick.run(["init"]).status == 0)
        let changed = try yardstick.run(["settings", "--review-required", "yes", "--date-tolerance", "2"])
        #expect(changed.standardOutput.hasPrefix("Changed: audits now wait for a reviewer's release before they count.\nChanged: interaction dates up to 2 days after today are accepted.\n"))
        let shown = try JSONSerialization.jsonObject(with: Data(try yardstick.run(["settings", "--json"]).standardOutput.utf8)) as? [String: Any]
        #expect(shown?["review_required"] as? Bool == true)
        #expect(shown?["date_tolerance_days"] as? Int == 2)
        #expect(try yardstick.run(["settings", "--review-required", "maybe"]).status == 2)
        #expect(try yardstick.run(["verify"]).standardOutput.hasPrefix("OK: 10 journal entries"))
    }
}
