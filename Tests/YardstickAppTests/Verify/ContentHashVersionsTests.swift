import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// Audits keep the content hash version they were last written with: a store written before
/// version 3 verifies clean, a change writes version 3, and tampering is caught in either version.
struct ContentHashVersionsTests {
    let folder = TemporaryFolder()

    /// The fixture store (version 2 hashes), opened for writing by this version.
    func storeWrittenBeforeVersion3() throws -> AppFixtureContext {
        let path = folder.file("v2.db")
        let database = try Database(path: path)
        try database.execute(try String(contentsOfFile: Repository.path("Tests/YardstickAppTests/Fixtures/store-content-hash-v2.sql"), encoding: .utf8))
        let store = try Store(path: path, access: .write, at: "2026-12-01T10:00:00Z")
        return AppFixtureContext(AppContext(store: store, clock: .fixed("2026-12-01T10:00:00Z"), actor: Actor(name: "qa.lead", login: "tester")))
    }

    @Test func verifiesAStoreWrittenWithVersion2Hashes() throws {
        let fixture = try storeWrittenBeforeVersion3()
        let report = try Verifier(fixture.context).run()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.audits == 12)
        let stored = try #require(try fixture.context.store.audits.audit(id: 5))
        let content = try fixture.context.definitions.of(stored).content(of: stored)
        #expect(stored.contentHash == content.hashVersion2)
        #expect(stored.contentHash != content.hash)
    }

    @Test func writesVersion3OnTheNextChangeAndStillVerifies() throws {
        let fixture = try storeWrittenBeforeVersion3()
        try AuditService(fixture.context).amend(4, answers: [("q05", "no")], comments: [], reason: "second listen")
        let stored = try #require(try fixture.context.store.audits.audit(id: 4))
        #expect(stored.contentHash == (try fixture.context.definitions.of(stored).content(of: stored).hash))
        let report = try Verifier(fixture.context).run()
        #expect(report.isClean, "\(report.problems)")
    }

    @Test func catchesTamperingWithAVersion2Audit() throws {
        let fixture = try storeWrittenBeforeVersion3()
        try fixture.context.store.database.execute("UPDATE audit SET auditor = 'someone-else' WHERE id = 7")
        let report = try Verifier(fixture.context).run()
        #expect(report.problems.contains { $0.subject == "audit 7" && $0.message.contains("content hash") })
    }
}

/// Holds a context on a store the test opened itself.
struct AppFixtureContext {
    let context: AppContext
    init(_ context: AppContext) { self.context = context }
}

/// Version 3 of the content hash: the same digest whichever way it is computed, and every field counts.
struct ContentHashVersion3Tests {
    func content(_ change: (inout AuditContent) -> Void = { _ in }) -> AuditContent {
        var content = AuditContent(
            agentID: "A1", locationID: nil, auditor: "m.lund", occurredOn: "2026-11-20", formVersionID: 3, formSHA256: String(repeating: "a", count: 64),
            standardVersionID: 2, standardSHA256: String(repeating: "b", count: 64), status: .released, calibrationSessionID: nil,
            answers: [1, 2, 3], comments: ["greeting": "late"], score: 87.5, band: "Good", outcome: "pass", criticalFail: false,
            results: [4, 5], placement: AuditPlacement(teamID: "T1", locationID: nil))
        change(&content)
        return content
    }

    /// Each audit's own fields leave every padding case of the last block (55, 56, 63 and 64 bytes
    /// over whole blocks) and several blocks; the digests are Python hashlib's over the documented layout.
    @Test func finishesFromTheSharedPrefixForEveryPaddingCase() {
        let prefix = AuditContent.HashPrefix(formVersionID: 3, formSHA256: String(repeating: "a", count: 64), standardVersionID: 2,
                                             standardSHA256: String(repeating: "b", count: 64))
        let expected = [
            24: "8fd5c1e837218248b6b64f3feed1757c2454e242cd5ddacd1011acbea9107bc8",
            25: "0e97e366db216a46ed8f776e43f01fcaebe7f2886004365cbc4746cfcb06bc6a",
            32: "a5acf4ca3bed3d076f3763a9b1b7851807f706b869c040dd566f314bbbdd5980",
            33: "39dc807bf4912e12e584c4c655ba25b92a95c80161cd79716cba6bc44dfcbc34",
            200: "cb4c1f4c231980691291138a692f94be3bbacf8521f9f3589bb7e46364a3df84",
        ]
        for (length, digest) in expected {
            let long = content { $0.comments["empathy"] = String(repeating: "x", count: length) }
            #expect(long.hash(after: prefix) == digest, "comment of \(length) bytes")
            #expect(long.hash == digest, "comment of \(length) bytes")
        }
        // A prefix of other versions is not used for this content.
        let other = AuditContent.HashPrefix(formVersionID: 9, formSHA256: "", standardVersionID: 2, standardSHA256: "")
        #expect(content().hash(after: other) == "7d61163552fefa4b5e38f599a7bf7065d587557a0ad03231175c8c0e8c04fc7a")
    }

    @Test func pinsTheVersion2AndVersion3Digests() {
        // Both as Python's hashlib computes them over the documented layouts (written out
        // independently when version 3 was introduced); version 2 is byte for byte the earlier `hash`.
        #expect(content().hash == "7d61163552fefa4b5e38f599a7bf7065d587557a0ad03231175c8c0e8c04fc7a")
        #expect(content().hashVersion2 == "26e03050a3ad872acae764d570950d70e98bc714d20c7fd77a4bd48a84954d7f")
    }

    @Test func changesWithEveryField() {
        let changes: [(inout AuditContent) -> Void] = [
            { $0.agentID = "A2" }, { $0.locationID = "L1" }, { $0.auditor = "x" }, { $0.occurredOn = "2026-11-21" }, { $0.formVersionID = 4 },
            { $0.formSHA256 = String(repeating: "c", count: 64) }, { $0.standardVersionID = 5 },
            { $0.standardSHA256 = String(repeating: "c", count: 64) }, { $0.status = .submitted },
            { $0.calibrationSessionID = 1 }, { $0.answers = [1, 2] }, { $0.comments = [:] }, { $0.score = 87.4 }, { $0.band = nil },
            { $0.outcome = "fail" }, { $0.criticalFail = true }, { $0.results = nil }, { $0.placement = AuditPlacement(teamID: "T2", locationID: nil) },
            { $0.placement = AuditPlacement(teamID: "T1", locationID: "L1") },
            // Moving text between neighbouring fields is a different content too.
            { $0.auditor = "m.lund2026-11-2"; $0.occurredOn = "0" },
        ]
        var seen: Set<String> = [content().hash]
        for change in changes { #expect(seen.insert(content(change).hash).inserted) }
    }
}
