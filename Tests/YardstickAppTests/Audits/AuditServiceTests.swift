import Foundation
import Testing
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// The one change primitive: transitions, compare-and-set, exact aggregates, typed history.
struct AuditServiceTests {
    @Test func recordsSubmittedThenReleasedWhenNoReviewIsRequired() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall()
        let records = try fixture.store.journal.records(auditID: id)
        #expect(records.map(\.action) == ["submitted", "released"])
        let audit = try fixture.service.stored(id)
        #expect(audit.status == .released)
        #expect(records.last?.contentHash == audit.contentHash)
        #expect(records.last?.login == "tester")
        guard case let .auditReviewed(released)? = try records.last?.event() else {
            Issue.record("the last event is not a review")
            return
        }
        #expect(released.previousContentHash == records.first?.contentHash)
        #expect(try fixture.verify().isClean)
    }

    @Test func waitsForReviewAndCountsOnlyOnceReleased() throws {
        let fixture = try AppFixture(reviewRequired: true)
        let id = try fixture.submitCall()
        #expect(try fixture.service.stored(id).status == .submitted)
        var rows: [AggregateRow] = []
        try fixture.store.aggregates.forEach { if case let .success(row) = $0 { rows.append(row) } }
        #expect(rows.allSatisfy { $0.audits == 0 })
        try fixture.service.review(id, release: true, reason: nil)
        rows = []
        try fixture.store.aggregates.forEach { if case let .success(row) = $0 { rows.append(row) } }
        #expect(rows.map(\.audits).reduce(0, +) == 1)
        #expect(throws: InputError.self) { try fixture.service.review(id, release: false, reason: "again") }
        #expect(try fixture.verify().isClean)
    }

    @Test func amendsWithTheOldContributionTakenFromTheStoredResult() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall()
        let outcome = try #require(try fixture.service.amend(id, answers: [("longest_hold", "0:55")], comments: [], reason: "IVR message counted"))
        #expect(outcome.oldScore.map { abs($0 - 100.0 * 42 / 46) < 1e-9 } == true)
        #expect(outcome.newScore.map { abs($0 - 100.0 * 45 / 46) < 1e-9 } == true)
        let events = try fixture.store.journal.records(auditID: id).map { try $0.event() }
        guard case let .auditAmended(amended)? = events.last else {
            Issue.record("no amendment recorded")
            return
        }
        #expect(amended.changes == [AnswerChange(field: "longest_hold", old: "1:15", new: "0:55")])
        #expect(try fixture.verify().isClean)
    }

    @Test func refusesAChangeFromAStaleRevisionAndChangesNothing() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall()
        let before = try fixture.service.stored(id)
        try fixture.service.amend(id, answers: [("proactive", "yes")], comments: [], reason: "first")
        #expect(throws: StoreError.self) {
            try fixture.service.change(id, .amend, reason: "second", expectedRevision: before.revision) { $0.answers["proactive"] = .no }
        }
        #expect(try fixture.service.stored(id).revision == before.revision + 1)
        #expect(try fixture.store.journal.records(auditID: id).count == 3)
        #expect(try fixture.verify().isClean)
    }

    @Test func composesChangesInOneTransactionThatRollsBackTogether() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall()
        let before = try fixture.service.stored(id)
        struct Undo: Error {}
        #expect(throws: Undo.self) {
            try fixture.store.database.transaction {
                try fixture.service.amend(id, answers: [("proactive", "yes")], comments: [], reason: "part of a larger change")
                throw Undo()
            }
        }
        #expect(try fixture.service.stored(id) == before)
        #expect(try fixture.store.journal.records(auditID: id).count == 2)
        #expect(try fixture.verify().isClean)
    }

    @Test func refusesToSaveADraftThatWasSubmittedMeanwhile() throws {
        let fixture = try AppFixture()
        let definitions = try fixture.context.definitions.latest(formID: "call-review")
        let id = try fixture.service.createDraft(definitions, agentID: "A1001", locationID: nil, auditor: "m.lund", evidenceStore: EvidenceStore(databasePath: fixture.store.path))
        let object = try JSONSerialization.jsonObject(with: Data(AppFixture.callAnswers.utf8)) as? [String: Any] ?? [:]
        var answers: [String: AnswerValue] = [:]
        for field in definitions.engine.fields {
            guard let value = object[field.id] else { continue }
            if case let .success(parsed) = definitions.engine.parser.parse("\(value)", for: field) { answers[field.id] = parsed }
        }
        let session = FormSession(engine: definitions.engine, answers: answers)
        try fixture.service.saveDraft(id, session: session, definitions: definitions)
        try fixture.service.submitDraft(id)
        #expect(throws: StoreError.self) { try fixture.service.saveDraft(id, session: session, definitions: definitions) }
        #expect(try fixture.service.stored(id).status == .released)
        #expect(try fixture.verify().isClean)
    }

    @Test func rescoresUnderAnotherVersionOfTheSameStandardOnly() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall()
        let storeVisit = try #require(try fixture.store.definitions.latest(kind: .standard, id: "store-visit"))
        #expect(throws: InputError.self) { try fixture.service.rescore(id, standardVersionID: storeVisit.versionID, reason: nil) }
        #expect(try fixture.verify().isClean)
    }

    @Test func refusesAnAnswerToAHiddenQuestionAndANoOpAmendment() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall(["transferred": "no"])
        #expect {
            try fixture.service.amend(id, answers: [("warm_transfer", "yes")], comments: [], reason: "r")
        } throws: { "\($0)".contains("hidden by its skip rule") }
        #expect {
            try fixture.service.amend(id, answers: [("proactive", "no")], comments: [], reason: "r")
        } throws: { "\($0)".contains("nothing to amend") }
        #expect(try fixture.store.journal.records(auditID: id).count == 2)
    }

    @Test func amendsADraftAsTheFillWould() throws {
        let fixture = try AppFixture()
        let definitions = try fixture.context.definitions.latest(formID: "call-review")
        let id = try fixture.service.createDraft(definitions, agentID: "A1001", locationID: nil, auditor: "m.lund",
                                                 evidenceStore: EvidenceStore(databasePath: fixture.store.path))
        #expect(try fixture.service.amend(id, answers: [("call_id", "C-77")], comments: [], reason: "typo") == nil)
        let draft = try fixture.service.stored(id)
        #expect(draft.status == .draft)
        #expect(try definitions.decode(draft)["call_id"] == .text("C-77"))
        #expect(try fixture.store.journal.records(auditID: id).isEmpty)
    }

    /// A report whose answers contradict each other goes to the editor even without a review setting.
    @Test func aFlaggedReportWaitsForTheEditorAndSaysWhy() throws {
        let fixture = try AppFixture()
        let id = try fixture.submitCall(["call_length": "0:10", "answer_wait": "0:12"])
        let audit = try #require(try fixture.store.audits.audit(id: id))
        #expect(audit.status == .submitted, "flagged: not released")
        #expect(audit.flags == ["the recorded wait before the answer is longer than the whole call", "the longest hold is longer than the whole call"])
        var filter = AuditFilter()
        filter.flagged = true
        #expect(try fixture.store.audits.list(filter).map(\.id) == [id])
        #expect(try AuditService(fixture.context).explain(id).flags.count == 2)
        // Amending the call length clears the flags; the editor then releases it.
        _ = try fixture.service.amend(id, answers: [("call_length", "6:00")], comments: [], reason: "length was mistyped")
        #expect(try fixture.store.audits.audit(id: id)?.flags == [])
        #expect(try fixture.store.audits.list(filter).isEmpty)
        _ = try fixture.service.review(id, release: true, reason: nil)
        #expect(try fixture.store.audits.audit(id: id)?.status == .released)
        #expect(try fixture.verify().isClean)
        let plain = try fixture.submitCall()
        #expect(try fixture.store.audits.audit(id: plain)?.status == .released, "no flag: released at once")
    }

    @Test func anImportCountsTheRowsHeldForReviewByAFlag() throws {
        let fixture = try AppFixture()
        func line(_ changes: [String: String]) throws -> String {
            var object = try JSONSerialization.jsonObject(with: Data(Answers.callReview.utf8)) as? [String: Any] ?? [:]
            object["agent"] = "A1001"
            object["auditor"] = "m.lund"
            for (key, value) in changes { object[key] = value }
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let path = try fixture.write("calls.jsonl", try line(["call_length": "0:10", "external_id": "x1"]) + "\n" + line(["external_id": "x2"]) + "\n")
        let reporter = CollectingReporter()
        let summary = try AuditImport(path: path, formID: "call-review", skipInvalid: false, context: fixture.context, reporter: reporter).run()
        #expect(summary.imported == 2 && summary.flagged == 1, "\(reporter.diagnostics)")
        var filter = AuditFilter()
        filter.flagged = true
        #expect(try fixture.store.audits.list(filter).map(\.status) == [.submitted])
    }
}
