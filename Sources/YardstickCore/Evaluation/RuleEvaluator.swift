/// Evaluates a `RuleExpression` over an answer sheet with XPath 1.0's conversion and comparison
/// rules as libxml2 implements them (§3.4, §4): a field is an element whose string value is the
/// answer's text ("" when unanswered), compared and converted as a node-set of one.
public enum RuleEvaluator {
    /// A value during evaluation. A node-set is at most one answer element here.
    enum Value {
        case nodes(Int?)
        case string(String)
        case number(Double)
        case boolean(Bool)
    }

    /// The result could not be decided natively (a computed number turned into text in a way
    /// libxml2 words differently): the caller asks libxml2.
    struct Undecided: Error {}

    /// The boolean value of `expression` over `answers` (by field slot); nil when only libxml2 can tell.
    public static func evaluate(_ expression: RuleExpression, answers: [AnswerValue?]) -> Bool? {
        try? boolean(of: value(expression, answers), answers)
    }

    static func value(_ expression: RuleExpression, _ answers: [AnswerValue?]) throws(Undecided) -> Value {
        switch expression {
        case let .field(slot): return .nodes(slot)
        case .nothing: return .nodes(nil)
        case let .literal(text): return .string(text)
        case let .number(number): return .number(number)
        case let .or(left, right):
            if try boolean(of: value(left, answers), answers) { return .boolean(true) }
            return .boolean(try boolean(of: value(right, answers), answers))
        case let .and(left, right):
            if !(try boolean(of: value(left, answers), answers)) { return .boolean(false) }
            return .boolean(try boolean(of: value(right, answers), answers))
        case let .compare(comparison, left, right):
            return .boolean(try compare(comparison, value(left, answers), value(right, answers), answers))
        case let .arithmetic(operation, left, right):
            let a = try number(of: value(left, answers), answers), b = try number(of: value(right, answers), answers)
            switch operation {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            case .modulo: return .number(fmodLike(a, b))
            }
        case let .negate(inner):
            return .number(-(try number(of: value(inner, answers), answers)))
        case let .call(function, arguments):
            return try call(function, arguments, answers)
        }
    }

    private static func call(_ function: RuleFunction, _ arguments: [RuleExpression], _ answers: [AnswerValue?]) throws(Undecided) -> Value {
        func text(_ index: Int) throws(Undecided) -> String { try string(of: value(arguments[index], answers), answers) }
        switch function {
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .not: return .boolean(!(try boolean(of: value(arguments[0], answers), answers)))
        case .boolean: return .boolean(try boolean(of: value(arguments[0], answers), answers))
        case .number: return .number(try number(of: value(arguments[0], answers), answers))
        case .string: return .string(try text(0))
        case .count:
            guard case let .nodes(slot) = try value(arguments[0], answers) else { throw Undecided() }
            return .number(slot == nil ? 0 : 1)
        case .concat:
            var result = ""
            for index in arguments.indices { result += try text(index) }
            return .string(result)
        case .contains:
            let haystack = try text(0), needle = try text(1)
            return .boolean(needle.isEmpty || contains(Array(haystack.utf8), Array(needle.utf8)))
        case .startsWith:
            let whole = try text(0), prefix = try text(1)
            return .boolean(whole.utf8.starts(with: prefix.utf8))
        case .stringLength:
            return .number(Double(try text(0).unicodeScalars.count))
        }
    }

    // MARK: Conversions (XPath 1.0 §4.2–4.4)

    static func boolean(of value: Value, _ answers: [AnswerValue?]) throws(Undecided) -> Bool {
        switch value {
        case let .nodes(slot): return slot != nil
        case let .string(text): return !text.isEmpty
        case let .number(number): return number != 0 && !number.isNaN
        case let .boolean(flag): return flag
        }
    }

    static func number(of value: Value, _ answers: [AnswerValue?]) throws(Undecided) -> Double {
        switch value {
        case let .nodes(slot): return slot.map { numberValue(answers[$0]) } ?? .nan
        case let .string(text): return XPathNumber.parse(text.utf8)
        case let .number(number): return number
        case let .boolean(flag): return flag ? 1 : 0
        }
    }

    static func string(of value: Value, _ answers: [AnswerValue?]) throws(Undecided) -> String {
        switch value {
        case let .nodes(slot): return slot.map { stringValue(answers[$0]) } ?? ""
        case let .string(text): return text
        case let .number(number):
            guard let text = XPathNumber.format(number) else { throw Undecided() }
            return text
        case let .boolean(flag): return flag ? "true" : "false"
        }
    }

    /// The text of an answer element, as the libxml2 answers document holds it.
    static func stringValue(_ answer: AnswerValue?) -> String { answer?.expressionText ?? "" }

    /// `number()` of an answer element's text, without making the text for the common cases.
    static func numberValue(_ answer: AnswerValue?) -> Double {
        switch answer {
        case nil, .yes?, .no?, .notApplicable?: return .nan
        case let .number(number)?:
            // Whole numbers below 2^53 read back exactly through libxml2's digit loop.
            if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return number == 0 ? 0 : number }
            return XPathNumber.parse(AnswerValue.plainDecimal(number).utf8)
        case let .text(text)?: return XPathNumber.parse(text.utf8)
        }
    }

    /// Whether an answer element's text is `literal`, byte for byte (as libxml2 compares).
    static func textEquals(_ answer: AnswerValue?, _ literal: String) -> Bool {
        switch answer {
        case nil: return literal.isEmpty
        case .yes?: return literal.utf8.elementsEqual("yes".utf8)
        case .no?: return literal.utf8.elementsEqual("no".utf8)
        case .notApplicable?: return literal.utf8.elementsEqual("na".utf8)
        case let .text(text)?: return text.utf8.elementsEqual(literal.utf8)
        case .number?: return stringValue(answer).utf8.elementsEqual(literal.utf8)
        }
    }

    // MARK: Comparisons (XPath 1.0 §3.4, libxml2's xmlXPathEqualValues / xmlXPathCompareValues)

    static func compare(_ comparison: RuleExpression.Comparison, _ left: Value, _ right: Value,
                        _ answers: [AnswerValue?]) throws(Undecided) -> Bool {
        switch comparison {
        case .equal: return try equal(left, right, negated: false, answers)
        case .notEqual: return try equal(left, right, negated: true, answers)
        case .less: return try relational(left, right, answers) { $0 < $1 }
        case .lessOrEqual: return try relational(left, right, answers) { $0 <= $1 }
        case .greater: return try relational(left, right, answers) { $0 > $1 }
        case .greaterOrEqual: return try relational(left, right, answers) { $0 >= $1 }
        }
    }

    private static func equal(_ left: Value, _ right: Value, negated: Bool, _ answers: [AnswerValue?]) throws(Undecided) -> Bool {
        switch (left, right) {
        case let (.nodes(a), .nodes(b)):
            guard let a, let b else { return false }
            let same = a == b || stringValue(answers[a]).utf8.elementsEqual(stringValue(answers[b]).utf8)
            return negated ? !same : same
        case let (.nodes(slot), other), let (other, .nodes(slot)):
            switch other {
            case let .boolean(flag):
                return negated ? (slot != nil) != flag : (slot != nil) == flag
            case let .number(number):
                guard let slot else { return false }
                let value = numberValue(answers[slot])
                return negated ? value != number : value == number
            case let .string(text):
                guard let slot else { return false }
                let same = textEquals(answers[slot], text)
                return negated ? !same : same
            case .nodes:
                return false
            }
        default:
            let same: Bool
            switch (left, right) {
            case (.boolean, _), (_, .boolean):
                same = try boolean(of: left, answers) == boolean(of: right, answers)
            case (.number, _), (_, .number):
                same = try number(of: left, answers) == number(of: right, answers)
            default:
                same = try string(of: left, answers).utf8.elementsEqual(try string(of: right, answers).utf8)
            }
            return negated ? !same : same
        }
    }

    private static func relational(_ left: Value, _ right: Value, _ answers: [AnswerValue?],
                                   _ holds: (Double, Double) -> Bool) throws(Undecided) -> Bool {
        switch (left, right) {
        case let (.nodes(slot), .boolean(flag)):
            return holds(slot != nil ? 1 : 0, flag ? 1 : 0)
        case let (.boolean(flag), .nodes(slot)):
            return holds(flag ? 1 : 0, slot != nil ? 1 : 0)
        case (.nodes(nil), _), (_, .nodes(nil)):
            return false
        default:
            return holds(try number(of: left, answers), try number(of: right, answers))
        }
    }

    /// libxml2's `mod`: C's fmod.
    static func fmodLike(_ a: Double, _ b: Double) -> Double { a.truncatingRemainder(dividingBy: b) }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
