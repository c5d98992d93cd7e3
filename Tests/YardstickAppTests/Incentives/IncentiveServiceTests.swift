import Testing
import YardstickApp
import YardstickCore
import YardstickStore

/// Runs of the bundled contact-centre policy over real submitted audits in a real database.
struct IncentiveServiceTests {
    let fixture: AppFixture
    var service: IncentiveService { IncentiveService(context: fixture.context) }

    init() throws {
        fixture = try AppFixture()
        for agent in [Agent(id: "A1003", name: "Left Early", teamID: "oslo-phone", isActive: false),
                      Agent(id: "A1004", name: "Left Late", teamID: "oslo-phone", isActive: false),
                      Agent(id: "S1001", name: "Store Staff", teamID: "berlin-store")] {
            _ = try RosterWorkflow.add(agent, context: fixture.context)
        }
    }

    @Test func everyActiveAgentInScopeGetsARowAndOneWhoLeftOnlyWithAudits() throws {
        for _ in 0..<3 { _ = try fixture.submitCall(agent: "A1001") }
        _ = try fixture.submitCall(agent: "A1004")
        _ = try fixture.submitCall(agent: "S1001")
        let result = try service.run(policyID: "contact-centre-monthly", period: "2026-03")
        // S1001's team is outside the policy's scope; A1003 left and has no audits.
        #expect(result.lines.map(\.agentID) == ["A1001", "A1002", "A1004"])
        let first = try #require(result.lines.first)
        #expect(first.audits == 3 && first.auditRefs.count == 3 && first.eligible)
        #expect(result.lines[1].explanation.hasPrefix("ineligible: no counted audits in 2026-03"))
        #expect(result.run.correctionOf == nil && !result.run.isFinalised && result.run.fingerprint.count == 64)
    }

    @Test func aFinalisedRunNeverChangesAndTheDiffNamesTheAmendedAudit() throws {
        let ids = try (0..<3).map { _ in try fixture.submitCall(agent: "A1001") }
        let run = try service.run(policyID: "contact-centre-monthly", period: "2026-03")
        let before = try #require(run.lines.first { $0.agentID == "A1001" })
        _ = try service.finalise(run.run.id, reason: "March payroll")
        #expect(throws: InputError.self) { try service.finalise(run.run.id, reason: "again") }

        _ = try fixture.service.amend(ids[1], answers: [("respect", "no")], comments: [("respect", "Blamed the customer")], reason: "Dispute upheld")
        let stored = try service.show(run.run.id)
        #expect(stored.lines == run.lines, "the finalised run is unchanged")
        let (_, comparison) = try service.diffWithNow(run.run.id)
        let change = try #require(comparison.changes.first)
        #expect(comparison.changes.count == 1 && change.agentID == "A1001" && change.oldTotal == before.total && change.newTotal != before.total)
        #expect(change.evidence.contains { $0.hasPrefix("audit \(ids[1]) changed: score ") && $0.hasSuffix("→ 0.0 (critical failure) (amended 2026-11-23 by qa.lead: Dispute upheld)") },
                "\(change.evidence)")

        let correction = try service.run(policyID: "contact-centre-monthly", period: "2026-03")
        #expect(correction.run.correctionOf == run.run.id)
        #expect(throws: InputError.self) { try service.finalise(correction.run.id, reason: "second final") }
        #expect(try service.diff(run.run.id, correction.run.id).comparison.changes.map(\.agentID) == ["A1001"])
        #expect(try fixture.verify().isClean)
    }

    @Test func refusesAnUnknownPolicyAndAPeriodOfTheWrongKind() throws {
        #expect(throws: IncentiveRequestError.self) { try service.run(policyID: "no-such-policy", period: "2026-03") }
        #expect(throws: IncentiveRequestError.self) { try service.run(policyID: "contact-centre-monthly", period: "2026-Q1") }
        #expect(throws: IncentiveRequestError.self) { try service.run(policyID: "contact-centre-monthly", period: "March") }
        #expect(try service.runs().isEmpty, "nothing was stored")
    }

    @Test func aPeriodBeforeTheNoticePaysNobody() throws {
        let result = try service.run(policyID: "contact-centre-monthly", period: "2025-12")
        #expect(!result.lines.isEmpty && result.lines.allSatisfy { $0.total == 0 && $0.explanation.hasPrefix("not paid or docked: staff were informed on 2026-01-05") })
    }
}

/// `verify` over incentive runs: a line or a run changed behind the tool's back is named.
struct IncentiveVerifyTests {
    @Test func namesALineChangedBehindTheToolsBack() throws {
        let fixture = try AppFixture()
        for _ in 0..<3 { _ = try fixture.submitCall(agent: "A1001") }
        let run = try IncentiveService(context: fixture.context).run(policyID: "contact-centre-monthly", period: "2026-03")
        _ = try IncentiveService(context: fixture.context).finalise(run.run.id, reason: "payroll")
        #expect(try fixture.verify().isClean)
        #expect(try fixture.verify().incentiveRuns == 1)

        try fixture.store.database.run("UPDATE incentive_line SET amount_minor = amount_minor + 100000 WHERE agent_id = 'A1001'")
        let columns = try fixture.verify()
        #expect(columns.problems.map(\.description) == ["incentive run 1: agent A1001: the line's columns differ from its stored content"])

        try fixture.store.database.run("UPDATE incentive_line SET amount_minor = amount_minor - 100000 WHERE agent_id = 'A1001'")
        #expect(try fixture.verify().isClean)

        // A consistent edit of a payroll amount (columns and stored content alike) still does not follow from the evidence.
        let stored = try #require(try fixture.store.database.queryFirst("SELECT content FROM incentive_line WHERE agent_id = 'A1001'")?.blob(0))
        var line = try IncentiveLineCodec.decode(stored)
        line.total += 100_000
        try fixture.store.database.run("UPDATE incentive_line SET amount_minor = ?, content = ? WHERE agent_id = 'A1001'", line.total, IncentiveLineCodec.encode(line))
        let forged = try fixture.verify().problems.map(\.description)
        #expect(forged.contains("incentive run 1: agent A1001: the stored amounts or explanation no longer follow from the line's audits and responses under the policy"), "\(forged)")
        #expect(forged.contains { $0.hasPrefix("incentive run 1: its 2 lines total ") && $0.contains("but its history recorded 2 lines totalling") }, "\(forged)")
        line.total -= 100_000
        try fixture.store.database.run("UPDATE incentive_line SET amount_minor = ?, content = ? WHERE agent_id = 'A1001'", line.total, IncentiveLineCodec.encode(line))

        try fixture.store.database.run("DELETE FROM incentive_line WHERE agent_id = 'A1002'")
        let deleted = try fixture.verify().problems.map(\.description)
        #expect(deleted.contains("incentive run 1: its lines' evidence no longer hashes to the run's fingerprint; a line was changed, added or removed"), "\(deleted)")

        try fixture.store.database.run("UPDATE incentive_run SET finalised_at = NULL")
        #expect(try fixture.verify().problems.contains { $0.description == "incentive run 1: its history finalised it, but the run is no longer marked finalised" })
    }
}
