import Testing
import YardstickApp
import YardstickCore
import YardstickStore

struct FeedbackServiceTests {
    let fixture: AppFixture
    var service: FeedbackService { FeedbackService(context: fixture.context) }

    init() throws { fixture = try AppFixture() }

    @Test func importsOnceAndReimportsAsANoOp() throws {
        let path = try fixture.write("f.csv", """
            external_id,agent,occurred_on,nps,csat,comment,channel
            F1,A1001,2026-03-02,10,5,Great,phone
            F2,A1001,2026-03-03,6,,Slow,phone
            F3,A1002,2026-03-04,,4,,chat

            """)
        let first = try service.importFile(path)
        #expect(first.stored && first.added == 3 && first.problems.isEmpty)
        let again = try service.importFile(path)
        #expect(again.added == 0 && again.unchanged == 3)
        let summary = try service.summary(from: ISODate("2026-03-01")!, to: ISODate("2026-03-31")!, team: nil, agent: nil, by: .agent)
        let agent = try #require(summary.first { $0.group == "A1001" })
        // One promoter and one detractor of two NPS answers: 50 % − 50 % = 0.
        #expect(agent.responses == 2 && agent.promoters == 1 && agent.detractors == 1 && agent.nps == 0)
        #expect(summary.last?.responses == 3 && summary.last?.csatMean == 4.5 && summary.last?.csatSatisfiedShare == 100)
    }

    @Test func reportsEveryBadRowWithItsColumnAndStoresNothing() throws {
        let path = try fixture.write("bad.csv", """
            agent,occurred_on,nps,csat
            A1001,2026-03-02,11,
            NOBODY,2026-03-02,9,
            A1001,2026-02-30,9,
            A1002,2026-03-05,,
            A1002,2026-03-05,8,4

            """)
        let outcome = try service.importFile(path)
        #expect(!outcome.stored)
        let messages = outcome.problems.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages == [
            "2:3 column 'nps': '11' is not a whole number from 0 to 10",
            "3:1 column 'agent': unknown agent 'NOBODY'; import the roster first ('yardstick agents import')",
            "4:2 column 'occurred_on': '2026-02-30' is not a date YYYY-MM-DD",
            "5:3 the row has neither an nps nor a csat value; give at least one",
        ], "\(messages)")
        #expect(try fixture.store.feedback.count() == 0)
        let skipped = try service.importFile(path, skipInvalid: true)
        #expect(skipped.stored && skipped.added == 1 && skipped.rejected == 4)
    }

    @Test func theSameExternalIDWithOtherContentIsAConflict() throws {
        _ = try service.importFile(try fixture.write("a.csv", "external_id,agent,occurred_on,nps\nF1,A1001,2026-03-02,10\n"))
        let outcome = try service.importFile(try fixture.write("b.csv", "external_id,agent,occurred_on,nps\nF2,A1001,2026-03-02,9\nF1,A1001,2026-03-02,3\n"))
        #expect(!outcome.stored && outcome.problems.count == 1)
        #expect(outcome.problems.first?.message.contains("'F1' is already stored as response 1 with other content") == true)
        #expect(try fixture.store.feedback.count() == 1, "the whole file was rolled back")
    }
}
