import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// `verify` catches every change made behind the tool's back, and never crashes on damaged data.
struct VerifierTests {
    /// A database with three audits (one amended) that verifies clean.
    func fixture() throws -> (AppFixture, [Int64]) {
        let fixture = try AppFixture()
        let ids = [try fixture.submitCall(), try fixture.submitCall(agent: "A1002", ["greeting": "no", "greeting_comment": "late"]),
                   try fixture.submitCall(["empathy": "1"])]
        try fixture.service.amend(ids[0], answers: [("proactive", "yes")], comments: [], reason: "second listen")
        let report = try fixture.verify()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.audits == 3)
        return (fixture, ids)
    }

    func problems(after sql: String, in fixture: AppFixture) throws -> [Verifier.Problem] {
        try fixture.store.database.execute(sql)
        let report = try fixture.verify()
        #expect(!report.isClean, "verify missed: \(sql)")
        return report.problems
    }

    @Test func namesAnAuditMovedToAnotherAgent() throws {
        let (fixture, ids) = try fixture()
        let found = try problems(after: "UPDATE audit SET agent_id = 'A1002' WHERE id = \(ids[0])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[0])" && $0.message.contains("content hash") })
        #expect(found.contains { $0.area == .aggregate })
    }

    @Test func namesAnAuditMovedToAnotherTeamOrLocation() throws {
        let (fixture, ids) = try fixture()
        try fixture.store.database.execute("INSERT INTO team (id, name) VALUES ('T-OTHER', 'Other')")
        let found = try problems(after: "UPDATE audit SET team_id = 'T-OTHER' WHERE id = \(ids[0])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[0])" && $0.message.contains("content hash") })
        #expect(found.contains { $0.area == .aggregate && $0.subject.contains("team T-OTHER") })
    }

    @Test func namesAnAuditMovedToAnotherDate() throws {
        let (fixture, ids) = try fixture()
        let found = try problems(after: "UPDATE audit SET occurred_on = '2026-01-15' WHERE id = \(ids[1])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[1])" })
    }

    @Test func namesAnAuditWhoseStatusChanged() throws {
        let (fixture, ids) = try fixture()
        let found = try problems(after: "UPDATE audit SET status = 'submitted' WHERE id = \(ids[2])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[2])" })
        let draft = try problems(after: "UPDATE audit SET status = 'draft' WHERE id = \(ids[1])", in: fixture)
        #expect(draft.contains { $0.subject == "audit \(ids[1])" && $0.message.contains("draft") })
    }

    @Test func namesAnswersReplacedTogetherWithAMatchingScore() throws {
        let (fixture, ids) = try fixture()
        let found = try problems(after: """
            UPDATE audit SET (answers, results, score, band, outcome, critical_fail) =
                (SELECT answers, results, score, band, outcome, critical_fail FROM audit WHERE id = \(ids[2])) WHERE id = \(ids[1])
            """, in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[1])" && $0.message.contains("content hash") })
    }

    @Test func namesAChangedJournalEntry() throws {
        let (fixture, _) = try fixture()
        let found = try problems(after: """
            DROP TRIGGER journal_is_append_only_update;
            UPDATE journal SET reason = 'nothing to see' WHERE id = (SELECT max(id) FROM journal)
            """, in: fixture)
        #expect(found.contains { $0.area == .journal && $0.message.contains("no longer match its hash") })
    }

    @Test func namesARemovedJournalEntry() throws {
        let (fixture, _) = try fixture()
        let found = try problems(after: """
            DROP TRIGGER journal_is_append_only_delete;
            DELETE FROM journal WHERE id = (SELECT max(id) - 1 FROM journal)
            """, in: fixture)
        #expect(found.contains { $0.area == .journal && $0.message.contains("previous entry") })
    }

    @Test func namesAChangedAggregateCounter() throws {
        let (fixture, _) = try fixture()
        let found = try problems(after: "UPDATE month_stats SET critical_fails = critical_fails + 1", in: fixture)
        #expect(found.contains { $0.area == .aggregate && $0.subject.contains("agent A100") && $0.message.contains("critical failures") })
    }

    @Test func namesAChangedDefinitionVersion() throws {
        let (fixture, _) = try fixture()
        let found = try problems(after: "UPDATE definition_version SET content = CAST(content || ' ' AS BLOB) WHERE kind = 'standard'", in: fixture)
        #expect(found.contains { $0.area == .definition && $0.subject.contains("contact-centre") })
    }

    @Test func reportsTruncatedAndRandomAnswersWithoutCrashing() throws {
        let (fixture, ids) = try fixture()
        var found = try problems(after: "UPDATE audit SET answers = substr(answers, 1, 7) WHERE id = \(ids[0])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[0])" && $0.message.contains("cannot be decoded") })
        found = try problems(after: "UPDATE audit SET answers = randomblob(64), results = randomblob(9) WHERE id = \(ids[1])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[1])" && $0.message.contains("cannot be decoded") })
        found = try problems(after: "UPDATE month_stats SET criteria = x'ffffffffffffffffff01'", in: fixture)
        #expect(found.contains { $0.area == .aggregate })
    }

    @Test func reportsARowOfTheWrongTypeInsteadOfDefaultingIt() throws {
        let (fixture, ids) = try fixture()
        try fixture.store.database.execute("PRAGMA ignore_check_constraints = ON")
        let found = try problems(after: "UPDATE audit SET status = 'lost' WHERE id = \(ids[0])", in: fixture)
        #expect(found.contains { $0.message.contains("unknown value 'lost'") })
    }

    @Test func namesADeletedAuditThatTheHistoryRecords() throws {
        let (fixture, ids) = try fixture()
        let found = try problems(after: "DELETE FROM audit_comment WHERE audit_id = \(ids[2]); DELETE FROM audit WHERE id = \(ids[2])", in: fixture)
        #expect(found.contains { $0.subject == "audit \(ids[2])" && $0.message.contains("is missing") })
    }

    @Test func namesACurrentDefinitionVersionChangedBehindTheToolsBack() throws {
        let (fixture, _) = try fixture()
        let stored = try #require(try fixture.store.definitions.latest(kind: .form, id: "call-review"))
        let found = try problems(after: "UPDATE definition_current SET version_id = 1 WHERE kind = 'form' AND doc_id = 'call-review'", in: fixture)
        #expect(found.contains { $0.subject == "form call-review" && $0.message.contains("#\(stored.versionID) current") })
    }

    @Test func recordsTheActorAndTheLoginAndNotTheAuditorInTheirPlace() throws {
        let (fixture, ids) = try fixture()
        let records = try fixture.store.journal.records(auditID: ids[0])
        #expect(records.allSatisfy { $0.actor == "qa.lead" && $0.login == "tester" })
        #expect(try fixture.service.stored(ids[0]).auditor == "m.lund")
    }

    @Test func refusesEvidenceForAnAuditThatIsNoLongerADraft() throws {
        let (fixture, ids) = try fixture()
        let evidence = Evidence(fileName: "late.txt", bytes: Array("late".utf8), sha256: SHA256.hex(of: Array("late".utf8)))
        #expect(throws: StoreError.self) {
            try fixture.service.attach(evidence, to: ids[0], evidenceStore: EvidenceStore(databasePath: fixture.store.path))
        }
        #expect(try fixture.store.attachments.list(auditID: ids[0]).isEmpty)
    }
}
