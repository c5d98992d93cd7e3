import Testing
import YardstickApp
import YardstickCore
import YardstickStore

/// Disputes over real submitted audits: window, cap, one decision, the amendment on the record.
struct DisputeServiceTests {
    let fixture: AppFixture
    var service: DisputeService { DisputeService(context: fixture.context) }

    init() throws { fixture = try AppFixture() }

    @Test func anOverturnAmendsTheAuditOnTheRecordAndIsFinal() throws {
        let id = try fixture.submitCall()
        let before = try #require(try fixture.store.audits.audit(id: id))
        let opened = try service.open(auditID: id, criterionID: "PROACTIVE", reason: "I offered the callback; it is at 3:10", by: "A1001")
        // Released on 2026-11-23 (the fixture's clock); the bundled policy gives 14 days and 3 per audit.
        #expect(opened.windowEnds.description == "2026-12-07" && opened.rules.maximumPerAudit == 3 && opened.rules.source == "policy contact-centre-monthly")
        #expect(opened.dispute.openedBy == "A1001" && opened.dispute.status == "open")
        #expect(throws: InputError.self) { try service.open(auditID: id, criterionID: "PROACTIVE", reason: "again", by: nil) }

        #expect(throws: InputError.self) { try service.decide(opened.dispute.id, .overturn, answers: [], reason: "no answer given") }
        #expect(throws: InputError.self, "only the answer behind the disputed criterion") {
            try service.decide(opened.dispute.id, .overturn, answers: [("empathy", "4")], reason: "another question")
        }
        #expect(throws: InputError.self, "a yes-no criterion is upheld or overturned") {
            try service.decide(opened.dispute.id, .partial, answers: [("proactive", "yes")], reason: "half")
        }
        #expect(throws: InputError.self, "a comment on another answer") {
            try service.decide(opened.dispute.id, .overturn, answers: [("proactive", "yes")], comments: [("empathy", "x")], reason: "r")
        }
        let decided = try service.decide(opened.dispute.id, .overturn, answers: [("proactive", "yes")], comments: [("proactive", "Callback offered at 3:10")],
                                         reason: "Heard it at 3:10")
        let after = try #require(try fixture.store.audits.audit(id: id))
        #expect(after.comments["proactive"] == "Callback offered at 3:10")
        #expect(decided.dispute.status == "overturned" && decided.dispute.amendmentEntry != nil)
        #expect((after.score ?? 0) > (before.score ?? 0), "re-scored: \(before.score ?? 0) → \(after.score ?? 0)")
        let history = try fixture.store.journal.records(auditID: id)
        #expect(history.contains { $0.action == "amended" && ($0.reason ?? "").hasPrefix("dispute \(opened.dispute.id) overturned (PROACTIVE): Heard it at 3:10") })
        #expect(throws: InputError.self) { try service.decide(opened.dispute.id, .uphold, answers: [], reason: "twice") }
        let report = try fixture.verify()
        #expect(report.isClean && report.disputes == 1, "\(report.problems)")

        // Changing the decision behind the tool's back is caught.
        try fixture.store.database.execute("UPDATE dispute SET status = 'upheld'")
        #expect(try fixture.verify().problems.contains { $0.area == .dispute && $0.subject == "dispute \(opened.dispute.id)" })
    }

    @Test func refusesAfterTheWindowOverTheCapAndForWhatWasNotAssessed() throws {
        let id = try fixture.submitCall()
        for criterion in ["PROACTIVE", "EMPATHY", "HOLD-60S"] {
            let opened = try service.open(auditID: id, criterionID: criterion, reason: "disagree", by: nil)
            if criterion == "PROACTIVE" { _ = try service.decide(opened.dispute.id, .uphold, answers: [], reason: "as recorded") }
        }
        #expect(throws: InputError.self) { try service.open(auditID: id, criterionID: "RECORD-CONTACT", reason: "a fourth", by: nil) }
        do {
            _ = try service.open(auditID: id, criterionID: "RECORD-CONTACT", reason: "a fourth", by: nil)
        } catch let error as InputError {
            #expect(error.message == "audit \(id) has 3 disputes already, the most policy contact-centre-monthly allows per audit")
        }

        let other = try fixture.submitCall(agent: "A1002")
        // TRANSFER-WARM is hidden when there was no transfer.
        #expect(throws: InputError.self) { try service.open(auditID: other, criterionID: "TRANSFER-WARM", reason: "x", by: nil) }
        let later = AppContext(store: fixture.store, clock: .fixed("2026-12-08T09:00:00Z"), actor: fixture.context.actor)
        do {
            _ = try DisputeService(context: later).open(auditID: other, criterionID: "PROACTIVE", reason: "too late", by: nil)
            Issue.record("a dispute after the window was accepted")
        } catch let error as InputError {
            #expect(error.message == "the dispute window of audit \(other) closed on 2026-12-07: 14 days after its release on 2026-11-23 (policy contact-centre-monthly)")
        }
        #expect(try fixture.store.disputes.list(DisputeFilter(auditID: other)).count == 0, "a refusal stores nothing")
    }
}
