import Testing
import YardstickCore

struct ReportWindowTests {
    @Test func readsMonthsQuartersIsoWeeksAndYears() throws {
        let month = try #require(ReportWindow(period: "2026-02"))
        #expect((month.from.description, month.to.description, month.label) == ("2026-02-01", "2026-02-28", "2026-02"))
        let quarter = try #require(ReportWindow(period: "2026-Q4"))
        #expect((quarter.from.description, quarter.to.description) == ("2026-10-01", "2026-12-31"))
        // ISO week 1 of 2026 starts on Monday 2025-12-29; 2026 has 53 weeks, 2025 has 52.
        let week = try #require(ReportWindow(period: "2026-W01"))
        #expect((week.from.description, week.to.description) == ("2025-12-29", "2026-01-04"))
        #expect(ReportWindow(period: "2026-W53")?.from.description == "2026-12-28")
        #expect(ReportWindow(period: "2025-W53") == nil)
        #expect(ReportWindow(period: "2026")?.days == 365)
        for bad in ["2026-13", "2026-Q5", "26-10", "2026-W00", "October", ""] { #expect(ReportWindow(period: bad) == nil, "\(bad)") }
    }

    @Test func thePreviousWindowHasTheSameLength() throws {
        #expect(ReportWindow(period: "2026-03")?.previous.label == "2026-02")
        #expect(ReportWindow(period: "2026-01")?.previous.label == "2025-12")
        #expect(ReportWindow(period: "2026-Q1")?.previous.label == "2025-Q4")
        #expect(ReportWindow(period: "2026-W01")?.previous.label == "2025-W52")
        let days = ReportWindow(from: try #require(ISODate("2026-10-05")), to: try #require(ISODate("2026-10-18")))
        #expect((days.previous.from.description, days.previous.to.description) == ("2026-09-21", "2026-10-04"))
        #expect(days.wholeMonths == nil)
        #expect(ReportWindow(period: "2026-Q2")?.wholeMonths == 202604...202606)
        // A week clipped by a window that starts on a Tuesday is compared with the whole ISO week before.
        let clipped = ReportWindow(from: try #require(ISODate("2026-09-01")), to: try #require(ISODate("2026-09-06")), label: "2026-W36")
        #expect((clipped.previous.label, clipped.previous.from.description, clipped.previous.to.description) == ("2026-W35", "2026-08-24", "2026-08-30"))
        #expect(days.longDescription == "2026-10-05 – 2026-10-18" && ReportWindow(period: "2026-10")?.longDescription == "2026-10 (2026-10-01 – 2026-10-31)")
    }

    @Test func cutsAWindowIntoClippedBuckets() throws {
        let window = ReportWindow(from: try #require(ISODate("2026-09-15")), to: try #require(ISODate("2026-11-03")))
        #expect(window.buckets(.month).map(\.label) == ["2026-09", "2026-10", "2026-11"])
        #expect(window.buckets(.month).first?.from.description == "2026-09-15")
        #expect(window.buckets(.month).last?.to.description == "2026-11-03")
        let weeks = window.buckets(.week)
        #expect(weeks.first?.label == "2026-W38" && weeks.first?.to.description == "2026-09-20")
        #expect(weeks.map(\.days).reduce(0, +) == window.days)
        #expect(window.buckets(.quarter).map(\.label) == ["2026-Q3", "2026-Q4"])
    }

    @Test func weekdaysAndIsoWeeksFollowTheCalendar() throws {
        #expect(try #require(ISODate("1970-01-01")).dayNumber == 0)
        #expect(try #require(ISODate("2026-12-01")).weekdayFromMonday == 1)  // a Tuesday
        #expect(try #require(ISODate("2027-01-01")).isoWeek == (2026, 53))
        #expect(try #require(ISODate("2024-12-30")).isoWeek == (2025, 1))
        #expect(ReportWindow.lastFullMonth(before: try #require(ISODate("2026-01-10"))).label == "2025-12")
    }
}
