import Foundation

/// XPath 1.0's conversions between strings and numbers, exactly as libxml2 2.9 performs them, so
/// the native evaluator and the libxml2 fallback agree to the last bit.
public enum XPathNumber {
    /// At most this many fraction digits count (libxml2's `MAX_FRAC`); later ones are ignored.
    static let maximumFractionDigits = 20

    /// `number(text)`: optional blanks, an optional `-`, digits with an optional fraction and
    /// exponent, optional blanks; anything else is NaN. Digits accumulate as libxml2 accumulates them.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        func current() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }
        func isBlank(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        while isBlank(current()) { index = bytes.index(after: index) }
        guard let first = current(), first == UInt8(ascii: ".") || isDigit(first) || first == UInt8(ascii: "-") else { return .nan }
        var negative = false
        if first == UInt8(ascii: "-") {
            negative = true
            index = bytes.index(after: index)
        }
        var value = 0.0
        var sawDigit = false
        while let byte = current(), isDigit(byte) {
            value = value * 10 + Double(byte - 0x30)
            sawDigit = true
            index = bytes.index(after: index)
        }
        if current() == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            if !isDigit(current()) && !sawDigit { return .nan }
            var fractionDigits = 0
            var fraction = 0.0
            while current() == UInt8(ascii: "0") {
                fractionDigits += 1
                index = bytes.index(after: index)
            }
            let limit = fractionDigits + maximumFractionDigits
            while let byte = current(), isDigit(byte), fractionDigits < limit {
                fraction = fraction * 10 + Double(byte - 0x30)
                fractionDigits += 1
                index = bytes.index(after: index)
            }
            fraction /= pow(10.0, Double(fractionDigits))
            value += fraction
            while isDigit(current()) { index = bytes.index(after: index) }
        }
        var exponent = 0
        var exponentNegative = false
        if current() == UInt8(ascii: "e") || current() == UInt8(ascii: "E") {
            index = bytes.index(after: index)
            if current() == UInt8(ascii: "-") {
                exponentNegative = true
                index = bytes.index(after: index)
            } else if current() == UInt8(ascii: "+") {
                index = bytes.index(after: index)
            }
            while let byte = current(), isDigit(byte) {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(byte - 0x30) }
                index = bytes.index(after: index)
            }
        }
        while isBlank(current()) { index = bytes.index(after: index) }
        guard current() == nil else { return .nan }
        if negative { value = -value }
        if exponentNegative { exponent = -exponent }
        return value * pow(10.0, Double(exponent))
    }

    /// `string(number)` where libxml2's wording is simple to match (NaN, infinities, zero and whole
    /// numbers within Int32); nil for the rest, which the caller leaves to libxml2.
    public static func format(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == 0 { return "0" }
        if value > Double(Int32.min), value < Double(Int32.max), let whole = Int32(exactly: value) { return String(whole) }
        return nil
    }
}
