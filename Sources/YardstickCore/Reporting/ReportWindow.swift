/// The days a report covers, with the label people read: a month `2026-10`, a quarter `2026-Q4`,
/// an ISO week `2026-W44`, a year `2026`, or any range of days `2026-10-05 – 2026-10-18`.
public struct ReportWindow: Sendable, Hashable, CustomStringConvertible {
    public var from: ISODate
    public var to: ISODate
    public var label: String

    public init(from: ISODate, to: ISODate, label: String? = nil) {
        self.from = from
        self.to = to
        self.label = label ?? Self.naturalLabel(from: from, to: to)
    }

    public var description: String { label }

    /// "2026-10 (2026-10-01 – 2026-10-31)", or the dates alone when they are the label.
    public var longDescription: String {
        label == "\(from) – \(to)" || label == from.description ? label : "\(label) (\(from) – \(to))"
    }

    /// What `init?(period:)` accepts, for error messages.
    public static let acceptedPeriods = "YYYY-MM (a month), YYYY-Qn (a quarter), YYYY-Www (an ISO week) or YYYY (a year)"

    /// Reads a month, quarter, ISO week or year; nil for anything else.
    public init?(period text: String) {
        if let pay = PayPeriod(text) {
            self.init(from: pay.firstDay, to: pay.lastDay, label: pay.description)
            return
        }
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        if bytes.count == 4, let year = digits(0..<4), (1900...9999).contains(year),
           let first = ISODate(year: year, month: 1, day: 1), let last = ISODate(year: year, month: 12, day: 31) {
            self.init(from: first, to: last, label: text)
            return
        }
        if bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W") || bytes[5] == UInt8(ascii: "w"),
           let year = digits(0..<4), let week = digits(6..<8), (1900...9999).contains(year),
           week >= 1, week <= Self.weeksIn(isoYear: year) {
            let monday = Self.mondayOfWeekOne(isoYear: year).adding(days: (week - 1) * 7)
            self.init(from: monday, to: monday.adding(days: 6), label: Self.weekLabel(year: year, week: week))
            return
        }
        return nil
    }

    /// The last calendar month that ended before `today`.
    public static func lastFullMonth(before today: ISODate) -> ReportWindow {
        let year = today.month == 1 ? today.year - 1 : today.year, month = today.month == 1 ? 12 : today.month - 1
        let first = ISODate(year: year, month: month, day: 1) ?? today
        return ReportWindow(from: first, to: ISODate(year: year, month: month, day: ISODate.daysIn(month: month, year: year)) ?? today)
    }

    /// How many days it covers.
    public var days: Int { to.dayNumber - from.dayNumber + 1 }

    /// The months it covers whole, as `yyyymm` keys, when it starts on a 1st and ends on a last day
    /// of a month: such a window is read from the monthly aggregates.
    public var wholeMonths: ClosedRange<Int>? {
        guard from.day == 1, to.day == ISODate.daysIn(month: to.month, year: to.year), from <= to else { return nil }
        return from.monthKey...to.monthKey
    }

    /// The window of the same length just before: the same number of months for whole months
    /// (the quarter before a quarter), else the same number of days.
    public var previous: ReportWindow {
        if wholeMonths != nil {
            let months = (to.year * 12 + to.month) - (from.year * 12 + from.month) + 1
            let startIndex = from.year * 12 + (from.month - 1) - months
            let endIndex = from.year * 12 + (from.month - 1) - 1
            let first = ISODate(year: startIndex / 12, month: startIndex % 12 + 1, day: 1) ?? from
            let lastYear = endIndex / 12, lastMonth = endIndex % 12 + 1
            let last = ISODate(year: lastYear, month: lastMonth, day: ISODate.daysIn(month: lastMonth, year: lastYear)) ?? from
            let label: String? = months == 3 && (from.month - 1) % 3 == 0 ? "\(first.year)-Q\((first.month - 1) / 3 + 1)" : nil
            return ReportWindow(from: first, to: last, label: label)
        }
        if label.count == 8, label.dropFirst(5).hasPrefix("W") {
            // The ISO week before, whole, also for a week clipped by the window's start.
            let monday = from.adding(days: -from.weekdayFromMonday - 7)
            let (year, week) = monday.isoWeek
            return ReportWindow(from: monday, to: monday.adding(days: 6), label: Self.weekLabel(year: year, week: week))
        }
        return ReportWindow(from: from.adding(days: -days), to: from.adding(days: -1))
    }

    /// The window cut into months, ISO weeks or quarters, each clipped to the window, oldest first.
    public func buckets(_ granularity: ReportGranularity) -> [ReportWindow] {
        var result: [ReportWindow] = []
        var start = from
        while start <= to {
            var end: ISODate, label: String
            switch granularity {
            case .month:
                end = ISODate(year: start.year, month: start.month, day: ISODate.daysIn(month: start.month, year: start.year)) ?? start
                label = PayPeriod(kind: .month, year: start.year, number: start.month)?.description ?? start.description
            case .quarter:
                let quarter = (start.month - 1) / 3 + 1, lastMonth = quarter * 3
                end = ISODate(year: start.year, month: lastMonth, day: ISODate.daysIn(month: lastMonth, year: start.year)) ?? start
                label = "\(start.year)-Q\(quarter)"
            case .week:
                end = start.adding(days: 6 - start.weekdayFromMonday)
                let (year, week) = start.isoWeek
                label = Self.weekLabel(year: year, week: week)
            }
            if to < end { end = to }
            result.append(ReportWindow(from: start, to: end, label: label))
            start = end.adding(days: 1)
        }
        return result
    }

    static func naturalLabel(from: ISODate, to: ISODate) -> String {
        if from.day == 1, to.day == ISODate.daysIn(month: to.month, year: to.year) {
            if from.year == to.year, from.month == to.month { return PayPeriod(kind: .month, year: from.year, number: from.month)?.description ?? "\(from)" }
            if from.year == to.year, (from.month - 1) % 3 == 0, to.month == from.month + 2 { return "\(from.year)-Q\((from.month - 1) / 3 + 1)" }
        }
        return from == to ? from.description : "\(from) – \(to)"
    }

    static func weekLabel(year: Int, week: Int) -> String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    /// The Monday of ISO week 1 of `isoYear` (the week that holds 4 January).
    static func mondayOfWeekOne(isoYear: Int) -> ISODate {
        let fourth = ISODate(year: isoYear, month: 1, day: 4) ?? ISODate(year: 2000, month: 1, day: 3)!
        return fourth.adding(days: -fourth.weekdayFromMonday)
    }

    static func weeksIn(isoYear: Int) -> Int {
        mondayOfWeekOne(isoYear: isoYear + 1).dayNumber - mondayOfWeekOne(isoYear: isoYear).dayNumber == 371 ? 53 : 52
    }
}

/// How a trend cuts its window.
public enum ReportGranularity: String, Sendable, CaseIterable {
    case month, week, quarter
}

extension ISODate {
    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 for Monday … 6 for Sunday.
    public var weekdayFromMonday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    /// The ISO 8601 week-numbering year and week of this day.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 3 - weekdayFromMonday)
        let firstThursdayWeekMonday = ReportWindow.mondayOfWeekOne(isoYear: thursday.year)
        return (thursday.year, (dayNumber - firstThursdayWeekMonday.dayNumber) / 7 + 1)
    }
}
