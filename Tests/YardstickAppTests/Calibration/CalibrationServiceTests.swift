import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// A blind calibration session of four auditors end to end over a real database.
struct CalibrationServiceTests {
    let fixture: AppFixture
    var service: CalibrationService { CalibrationService(context: fixture.context) }

    init() throws { fixture = try AppFixture() }

    func join(_ session: StoredCalibrationSession, _ auditor: String, _ changes: [String: String]) throws -> Int64 {
        var object = try JSONSerialization.jsonObject(with: Data(Answers.callReview.utf8)) as? [String: Any] ?? [:]
        for (key, value) in changes { object[key] = value }
        let path = fixture.folder.file("\(auditor).json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        _ = try service.checkJoin(session, auditor: auditor)
        let reporter = CollectingReporter()
        return try #require(try fixture.service.submitAnswersFile(
            path, definitions: try service.definitions(of: session), agentID: session.agentID, locationID: session.locationID, auditor: auditor,
            evidence: [], evidenceStore: EvidenceStore(databasePath: fixture.store.path), reporter: reporter, calibrationSessionID: session.id),
            "\(reporter.diagnostics)")
    }

    @Test func fourAuditorsScoreBlindAndTheAuditsCountForNobody() throws {
        _ = try fixture.submitCall()
        let aggregatesBefore = try fixture.verify().aggregateRows
        let incentivesBefore = try IncentiveService(context: fixture.context).run(policyID: "contact-centre-monthly", period: "2026-03").lines

        let session = try service.open(.init(formID: "call-review", interaction: "REC-1", auditors: ["m.lund", "k.berg", "s.holm", "a.weber"],
                                             expert: "k.berg", agentID: "A1001"))
        let first = try join(session, "m.lund", [:])
        _ = try join(session, "k.berg", ["empathy": "2"])
        // Before the close nobody sees anyone's answers, and there are no results.
        #expect(throws: InputError.self) { try AuditService(fixture.context).explain(first) }
        #expect(throws: InputError.self) { try service.results(session.id) }
        #expect(try service.status(session.id).progress.map(\.state) == ["not yet", "submitted", "submitted", "not yet"])
        #expect(throws: InputError.self) { try service.checkJoin(session, auditor: "m.lund") }
        #expect(throws: InputError.self) { try service.checkJoin(session, auditor: "intruder") }
        _ = try join(session, "s.holm", ["proactive": "yes", "empathy": "4"])
        _ = try join(session, "a.weber", ["summary": "no", "empathy": "2"])
        _ = try service.close(session.id)
        #expect(throws: InputError.self) { try service.checkJoin(try service.session(session.id), auditor: "a.weber") }

        let results = try service.results(session.id)
        #expect(results.reference == "expert k.berg")
        let deviations = Dictionary(uniqueKeysWithValues: results.deviations.map { ($0.auditor, $0) })
        #expect(deviations["k.berg"]?.differing == 0 && deviations["k.berg"]?.scoreDifference == 0)
        #expect(deviations["s.holm"]?.differing == 2 && deviations["a.weber"]?.differing == 1 && deviations["m.lund"]?.differing == 1)
        let empathy = try #require(results.criteria.first { $0.criterion.id == "EMPATHY" })
        #expect(empathy.answers == [.value(3), .value(2), .value(4), .value(2)] && empathy.reference == .value(2))
        // 6 pairs of EMPATHY answers, one of them (2, 2) agreeing.
        #expect(abs((empathy.agreement ?? 0) - 1.0 / 6) < 1e-9)
        #expect((try? results.fleiss.get()) != nil && (try? results.alphaInterval.get()) != nil)
        #expect(try AuditService(fixture.context).explain(first).header.auditor == "m.lund", "answers are shown once closed")

        // The calibration audits change no agent's figures.
        let report = try fixture.verify()
        #expect(report.isClean && report.calibrationSessions == 1, "\(report.problems)")
        #expect(report.aggregateRows == aggregatesBefore)
        #expect(try IncentiveService(context: fixture.context).run(policyID: "contact-centre-monthly", period: "2026-03").lines == incentivesBefore)
    }

    @Test func refusesASessionThatCannotCalibrate() throws {
        #expect(throws: InputError.self) { try service.open(.init(formID: "call-review", interaction: "R", auditors: ["only.one"], agentID: "A1001")) }
        #expect(throws: InputError.self) { try service.open(.init(formID: "call-review", interaction: "R", auditors: ["a", "b"], expert: "c", agentID: "A1001")) }
        #expect(throws: InputError.self) { try service.open(.init(formID: "call-review", interaction: "R", auditors: ["a", "b"])) }
        let session = try service.open(.init(formID: "call-review", interaction: "R", auditors: ["a", "b"], agentID: "A1001"))
        _ = try join(session, "a", [:])
        #expect(throws: InputError.self) { try service.close(session.id) }
    }
}

/// What a participant cannot do to a session's audits.
struct CalibrationGuardTests {
    @Test func submissionsAreOnePerParticipantWhileOpenAndNeverAmended() throws {
        let fixture = try AppFixture()
        let service = CalibrationService(context: fixture.context)
        let session = try service.open(.init(formID: "call-review", interaction: "R", auditors: ["a", "b"], agentID: "A1001"))
        let store = EvidenceStore(databasePath: fixture.store.path)
        let named = try fixture.write("named.json", Answers.callReview.replacingAll("{", with: "{\"auditor\": \"b\", "))
        #expect(throws: InputError.self, "the file's auditor cannot stand in for the participant") {
            try service.join(session.id, auditor: "a", answersFile: named, evidenceStore: store, reporter: CollectingReporter())
        }
        let plain = try fixture.write("plain.json", Answers.callReview)
        let first = try #require(try service.join(session.id, auditor: "a", answersFile: plain, evidenceStore: store, reporter: CollectingReporter()))
        #expect(throws: InputError.self) { try service.join(session.id, auditor: "a", answersFile: plain, evidenceStore: store, reporter: CollectingReporter()) }
        #expect(throws: InputError.self, "not amended, not even with an answer that would leak its score") {
            try fixture.service.amend(first, answers: [("empathy", "1")], comments: [], reason: "peek")
        }
        _ = try service.startDraft(session.id, auditor: "b", evidenceStore: store)
        #expect(throws: InputError.self, "b has a draft: continue it, not a second path") {
            try service.join(session.id, auditor: "b", answersFile: plain, evidenceStore: store, reporter: CollectingReporter())
        }
        #expect(try fixture.store.calibration.submittedAudits(session: session.id).map(\.auditor) == ["a"])

        // A draft left open when the session closes can no longer be submitted to it.
        let other = try service.open(.init(formID: "call-review", interaction: "S", auditors: ["a", "b", "c"], agentID: "A1001"))
        for auditor in ["a", "b"] { _ = try service.join(other.id, auditor: auditor, answersFile: plain, evidenceStore: store, reporter: CollectingReporter()) }
        let late = try service.startDraft(other.id, auditor: "c", evidenceStore: store).audit
        _ = try service.close(other.id)
        do {
            _ = try fixture.service.submitDraft(late)
            Issue.record("a draft was submitted to a closed session")
        } catch let error as InputError {
            #expect(error.message.contains("calibration session \(other.id) is closed"), "\(error.message)")
        }
        #expect(try fixture.verify().isClean)
    }
}
