/// A pay period: one calendar month (`2026-10`) or one quarter (`2026-Q4`).
public struct PayPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: IncentivePeriod
    public let year: Int
    /// The month (1–12) or the quarter (1–4).
    public let number: Int

    /// The first and last day of the period.
    public let firstDay: ISODate
    public let lastDay: ISODate

    public init?(kind: IncentivePeriod, year: Int, number: Int) {
        guard (1900...9999).contains(year), (1...(kind == .month ? 12 : 4)).contains(number) else { return nil }
        let firstMonth = kind == .month ? number : (number - 1) * 3 + 1
        let lastMonth = kind == .month ? number : number * 3
        guard let first = ISODate(year: year, month: firstMonth, day: 1),
              let last = ISODate(year: year, month: lastMonth, day: ISODate.daysIn(month: lastMonth, year: year)) else { return nil }
        self.kind = kind
        self.year = year
        self.number = number
        firstDay = first
        lastDay = last
    }

    /// Reads `YYYY-MM` or `YYYY-Qn`; nil for anything else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q") {
            guard bytes[6] >= 0x31 && bytes[6] <= 0x34 else { return nil }
            self.init(kind: .quarter, year: year, number: Int(bytes[6] - 0x30))
        } else {
            guard bytes[5...6].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let month = Int(String(decoding: bytes[5...6], as: UTF8.self)) else { return nil }
            self.init(kind: .month, year: year, number: month)
        }
    }

    /// What `init?(_:)` accepts, for error messages.
    public static let acceptedForms = "YYYY-MM for a month (e.g. 2026-10) or YYYY-Qn for a quarter (e.g. 2026-Q4)"

    public var description: String {
        kind == .month ? "\(year)-\(number < 10 ? "0" : "")\(number)" : "\(year)-Q\(number)"
    }

    /// The months covered, as `year × 100 + month` keys (the audits' `period_month`).
    public var monthKeys: [Int] {
        kind == .month ? [year * 100 + number] : (0..<3).map { year * 100 + (number - 1) * 3 + 1 + $0 }
    }

    public static func < (lhs: PayPeriod, rhs: PayPeriod) -> Bool {
        (lhs.firstDay, lhs.kind.rawValue) < (rhs.firstDay, rhs.kind.rawValue)
    }
}
