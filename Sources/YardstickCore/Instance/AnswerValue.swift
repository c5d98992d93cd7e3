/// The value of one answered field or question, as the scoring and the expressions see it.
public enum AnswerValue: Sendable, Hashable {
    case yes
    case no
    case notApplicable
    /// integer, number, scale level, and durations in seconds
    case number(Double)
    /// text, dates (`YYYY-MM-DD`), times (`HH:MM`), a choice's option value, multi-choice values separated by spaces
    case text(String)

    /// How the value reads inside a form expression (PRODUCT.md §3); numbers as plain decimals.
    public var expressionText: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case .notApplicable: return "na"
        case let .number(value): return Self.plainDecimal(value)
        case let .text(text): return text
        }
    }

    /// `value` with the fewest digits that read back as the same double, written without an
    /// exponent (`0.00001`, `12.5`, `10000000000000000`): XPath 1.0 numbers have no exponent form,
    /// and `String(value)` switches to one below 1e-4 and from 2^53 up.
    public static func plainDecimal(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        if value == 0 { return "0" }
        // Swift's description already has the shortest round-trip digits; only the layout changes.
        let text = String(value)
        let isNegative = text.hasPrefix("-")
        let unsigned = isNegative ? text.dropFirst() : Substring(text)
        let mantissa: Substring
        var exponent = 0
        if let marker = unsigned.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = unsigned[..<marker]
            // The exponent of a finite double has at most three digits; 0 is a safe fallback that cannot occur.
            exponent = Int(unsigned[unsigned.index(after: marker)...].drop(while: { $0 == "+" })) ?? 0
        } else {
            mantissa = unsigned
        }
        let integerDigits = mantissa.prefix { $0 != "." }
        let fractionDigits = mantissa.dropFirst(integerDigits.count + 1)
        var digits = Array(integerDigits) + Array(fractionDigits)
        var point = integerDigits.count + exponent
        // Leading zeros (as in "0.5") and trailing zeros (as in "12.0") carry no digits of the value.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var result = isNegative ? "-" : ""
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            result += String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            result += String(digits[..<point]) + "." + String(digits[point...])
        }
        return result
    }
}
