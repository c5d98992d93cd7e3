/// An exact currency amount in minor units (cents), never binary floating point.
public struct Money: Sendable, Hashable, Comparable {
    public var minorUnits: Int64
    public var digits: Int

    public init(minorUnits: Int64, digits: Int) {
        self.minorUnits = minorUnits
        self.digits = digits
    }

    /// Parses a decimal such as `-100`, `150.5` or `12.25` with at most `digits` decimals.
    public static func parse(_ text: String, digits: Int) -> Money? {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= digits, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty,
              whole.count <= 15 else { return nil }
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let units = Int64(whole + padded) else { return nil }
        return Money(minorUnits: negative ? -units : units, digits: digits)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// The amount as a plain decimal with exactly `digits` decimals, e.g. `-100.00`.
    public var decimalString: String {
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return "\(minorUnits)" }
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        let paddedFraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (minorUnits < 0 ? "-" : "") + "\(magnitude / divisor).\(paddedFraction)"
    }
}
