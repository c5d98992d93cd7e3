import Testing
@testable import YardstickCore

struct ISODateTests {
    @Test func parsesAValidDate() {
        #expect(ISODate("2026-02-28")?.description == "2026-02-28")
        #expect(ISODate("2026-02-28")?.monthKey == 202602)
        #expect(ISODate(year: 7, month: 3, day: 9)?.description == "0007-03-09")
        #expect(ISODate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
    }

    @Test func knowsLeapYears() {
        #expect(ISODate("2024-02-29") != nil)
        #expect(ISODate("2026-02-29") == nil)
        #expect(ISODate("1900-02-29") == nil)
        #expect(ISODate("2000-02-29") != nil)
    }

    @Test(arguments: ["2026-13-01", "2026-04-31", "26-01-01", "2026/01/01", "2026-1-01", "", "2026-01-0x"])
    func rejectsMalformedDates(_ text: String) {
        #expect(ISODate(text) == nil)
    }
}
