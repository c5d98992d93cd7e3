import Foundation
import Testing
import YardstickTestSupport

/// Several processes changing the same audit at once: each change is applied in order or refused, none lost.
struct ConcurrentChangeTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func eightProcessesAmendingOneAuditAreAllInTheHistoryInOrder() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let answers = try folder.write("call.json", AuditCommandsTests.callAnswers)
        #expect(try yardstick.run(["audit", "new", "--form", "call-review", "--agent", "A1001", "--answers", answers]).status == 0)
        let runner = yardstick
        let results = UnsafeMutableBufferPointer<BinaryRunner.Result?>.allocate(capacity: 8)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            shared[index] = try? runner.run(["audit", "amend", "1", "--answer", "empathy=\(index % 5)", "--reason", "process \(index)"])
        }
        var applied = 0
        for result in results {
            let result = try #require(result)
            if result.status == 0 {
                applied += 1
            } else {
                #expect(result.standardError.contains("changed meanwhile") || result.standardError.contains("busy"), "\(result.standardError)")
            }
        }
        let history = try yardstick.run(["audit", "show", "1", "--json"]).standardOutput
        let object = try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [String: Any] ?? [:]
        let actions = (object["history"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(actions.filter { $0.hasPrefix("amended") }.count == applied)
        #expect(applied >= 1)
        let verify = try yardstick.run(["verify"])
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.hasPrefix("OK: "))
    }

    @Test func reloadingAnOlderContentMakesItCurrentAgainOnTheRecord() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        let original = try String(contentsOfFile: Repository.path("standards/contact-centre.xml"), encoding: .utf8)
        let changed = original.replacingOccurrences(of: "version=\"2026.1\"", with: "version=\"2026.2\"")
        #expect(try yardstick.run(["load", try folder.write("new/contact-centre.xml", changed)]).status == 0)
        let back = try yardstick.run(["load", try folder.write("old/contact-centre.xml", original)])
        #expect(back.status == 0)
        #expect(back.standardOutput.contains("current again standard contact-centre 2026.1 #2, replaces #9 2026.2"), "\(back.standardOutput)")
        let listed = try yardstick.run(["standards", "list", "--json"]).standardOutput
        #expect(listed.contains("\"version_id\" : 2") || listed.contains("\"version_id\": 2"), "\(listed)")
        #expect(try yardstick.run(["verify"]).status == 0)
    }
}
