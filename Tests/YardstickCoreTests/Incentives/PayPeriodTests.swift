import Testing
@testable import YardstickCore

struct PayPeriodTests {
    @Test func readsMonthsAndQuartersWithTheirDays() throws {
        let october = try #require(PayPeriod("2026-10"))
        #expect(october.kind == .month && october.monthKeys == [202610])
        #expect(october.firstDay.description == "2026-10-01" && october.lastDay.description == "2026-10-31")
        let fourth = try #require(PayPeriod("2026-Q4"))
        #expect(fourth.kind == .quarter && fourth.monthKeys == [202610, 202611, 202612] && fourth.description == "2026-Q4")
        #expect(fourth.firstDay.description == "2026-10-01" && fourth.lastDay.description == "2026-12-31")
        #expect(PayPeriod("2028-02")?.lastDay.description == "2028-02-29")
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "26-10", "2026/10", "2026-1", "october", "", "2026-10-01", "２026-10"])
    func refusesAnythingElse(text: String) {
        #expect(PayPeriod(text) == nil)
    }
}
