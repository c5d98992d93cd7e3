/// A form expression compiled for the native evaluator: the XPath 1.0 subset that forms use, with
/// every answer name resolved to its field slot when the plan compiles.
public indirect enum RuleExpression: Sendable, Hashable {
    /// An answer element of the form (always present, empty when unanswered): a node-set of one.
    case field(Int)
    /// A name the form does not have: an empty node-set.
    case nothing
    case literal(String)
    case number(Double)
    case or(RuleExpression, RuleExpression)
    case and(RuleExpression, RuleExpression)
    case compare(Comparison, RuleExpression, RuleExpression)
    case arithmetic(Arithmetic, RuleExpression, RuleExpression)
    case negate(RuleExpression)
    case call(RuleFunction, [RuleExpression])

    public enum Comparison: Sendable, Hashable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    public enum Arithmetic: Sendable, Hashable {
        case add, subtract, multiply, divide, modulo
    }
}

/// The functions the native evaluator knows, with the argument counts it accepts.
public enum RuleFunction: String, Sendable, Hashable, CaseIterable {
    case not, `true`, `false`, boolean, number, string, count, concat, contains
    case startsWith = "starts-with", stringLength = "string-length"

    func accepts(argumentCount: Int) -> Bool {
        switch self {
        case .true, .false: return argumentCount == 0
        case .not, .boolean, .count: return argumentCount == 1
        case .number, .string, .stringLength: return argumentCount == 1
        case .contains, .startsWith: return argumentCount == 2
        case .concat: return argumentCount >= 2
        }
    }
}

extension RuleExpression {
    /// Why an expression is left to libxml2: a construct outside the native subset.
    public struct Unsupported: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Compiles `source` for the native evaluator. `fieldSlot` resolves a bare name to its slot
    /// (nil: not an answer of the form); `current` is the slot that `.` stands for (a constraint's
    /// own field), or nil where `.` is the whole answers document.
    /// - Throws: `Unsupported` for anything outside the subset (paths, predicates, axes, variables,
    ///   prefixed names, other functions, exponents, non-ASCII names, ambiguous operator names) —
    ///   those expressions are evaluated by libxml2 — and for a syntax error, which libxml2 reports.
    public static func compile(_ source: String, fieldSlot: @escaping (String) -> Int?, current: Int?) throws(Unsupported) -> RuleExpression {
        var parser = RuleParser(tokens: try RuleLexer.tokens(Array(source.utf8)), fieldSlot: fieldSlot, current: current)
        let expression = try parser.expression()
        guard parser.atEnd else { throw Unsupported(reason: "unexpected text after the expression") }
        return expression
    }
}

/// XPath 1.0 tokens of the native subset (XPath 1.0 §3.7).
enum RuleToken: Equatable {
    case name(String)
    case literal(String)
    case number(Double)
    case dot
    case symbol(String)
}

enum RuleLexer {
    static func tokens(_ bytes: [UInt8]) throws(RuleExpression.Unsupported) -> [RuleToken] {
        var tokens: [RuleToken] = []
        var index = 0
        func unsupported(_ reason: String) -> RuleExpression.Unsupported { RuleExpression.Unsupported(reason: reason) }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard let end = bytes[(index + 1)...].firstIndex(of: byte) else { throw unsupported("an unterminated string literal") }
                guard let text = String(validating: bytes[(index + 1)..<end], as: UTF8.self) else { throw unsupported("a literal that is not UTF-8") }
                tokens.append(.literal(text))
                index = end + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
                var end = index
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
                    end += 1
                    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                }
                if byte == UInt8(ascii: "."), end == index + 1 {
                    guard end >= bytes.count || bytes[end] != UInt8(ascii: ".") else { throw unsupported("the parent step '..'") }
                    tokens.append(.dot)
                    index = end
                    continue
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E") || isNameByte(bytes[end]) {
                    throw unsupported("a number written with an exponent or followed by a name")
                }
                tokens.append(.number(XPathNumber.parse(bytes[index..<end])))
                index = end
            case _ where isNameStart(byte):
                var end = index + 1
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ":") { throw unsupported("a prefixed name or an axis") }
                if end < bytes.count, bytes[end] >= 0x80 { throw unsupported("a name with non-ASCII letters") }
                tokens.append(.name(String(decoding: bytes[index..<end], as: UTF8.self)))
                index = end
            case UInt8(ascii: "!"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else { throw unsupported("'!' without '='") }
                tokens.append(.symbol("!="))
                index += 2
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") {
                    tokens.append(.symbol(byte == UInt8(ascii: "<") ? "<=" : ">="))
                    index += 2
                } else {
                    tokens.append(.symbol(byte == UInt8(ascii: "<") ? "<" : ">"))
                    index += 1
                }
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: ","):
                tokens.append(.symbol(String(UnicodeScalar(byte))))
                index += 1
            default:
                throw unsupported("the construct at '\(String(decoding: bytes[index...].prefix(8), as: UTF8.self))'")
            }
        }
        return tokens
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}

/// Recursive descent over XPath 1.0's expression grammar (§3.4–3.5), operator precedence as there.
struct RuleParser {
    let tokens: [RuleToken]
    let fieldSlot: (String) -> Int?
    let current: Int?
    private var position = 0

    init(tokens: [RuleToken], fieldSlot: @escaping (String) -> Int?, current: Int?) {
        self.tokens = tokens
        self.fieldSlot = fieldSlot
        self.current = current
    }

    var atEnd: Bool { position == tokens.count }

    private var next: RuleToken? { position < tokens.count ? tokens[position] : nil }

    private func unsupported(_ reason: String) -> RuleExpression.Unsupported { RuleExpression.Unsupported(reason: reason) }

    /// An operator name (`and`, `or`, `div`, `mod`) where an operator may stand.
    private mutating func take(operatorName name: String) -> Bool {
        guard next == .name(name) else { return false }
        position += 1
        return true
    }

    private mutating func take(symbol: String) -> Bool {
        guard next == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    mutating func expression() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try andExpression()
        while take(operatorName: "or") { left = .or(left, try andExpression()) }
        return left
    }

    private mutating func andExpression() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try equality()
        while take(operatorName: "and") { left = .and(left, try equality()) }
        return left
    }

    private mutating func equality() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try relational()
        while true {
            if take(symbol: "=") {
                left = .compare(.equal, left, try relational())
            } else if take(symbol: "!=") {
                left = .compare(.notEqual, left, try relational())
            } else {
                return left
            }
        }
    }

    private mutating func relational() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try additive()
        let operators: [(String, RuleExpression.Comparison)] = [("<", .less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual)]
        loop: while true {
            for (symbol, comparison) in operators where take(symbol: symbol) {
                left = .compare(comparison, left, try additive())
                continue loop
            }
            return left
        }
    }

    private mutating func additive() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try multiplicative()
        while true {
            if take(symbol: "+") {
                left = .arithmetic(.add, left, try multiplicative())
            } else if take(symbol: "-") {
                left = .arithmetic(.subtract, left, try multiplicative())
            } else {
                return left
            }
        }
    }

    private mutating func multiplicative() throws(RuleExpression.Unsupported) -> RuleExpression {
        var left = try unary()
        while true {
            if take(symbol: "*") {
                left = .arithmetic(.multiply, left, try unary())
            } else if take(operatorName: "div") {
                left = .arithmetic(.divide, left, try unary())
            } else if take(operatorName: "mod") {
                left = .arithmetic(.modulo, left, try unary())
            } else {
                return left
            }
        }
    }

    private mutating func unary() throws(RuleExpression.Unsupported) -> RuleExpression {
        if take(symbol: "-") { return .negate(try unary()) }
        return try primary()
    }

    private mutating func primary() throws(RuleExpression.Unsupported) -> RuleExpression {
        guard let token = next else { throw unsupported("the expression ends early") }
        position += 1
        switch token {
        case let .literal(text): return .literal(text)
        case let .number(value): return .number(value)
        case .dot:
            guard let current else { throw unsupported("'.' outside a constraint (the whole answers document)") }
            return .field(current)
        case .symbol("("):
            let inner = try expression()
            guard take(symbol: ")") else { throw unsupported("a '(' that is not closed") }
            return inner
        case let .name(name):
            if ["and", "or", "div", "mod"].contains(name) { throw unsupported("the operator name '\(name)' where a value belongs") }
            if take(symbol: "(") { return try call(name) }
            // A name right after a value would have to be an operator (XPath 1.0 §3.7).
            if case let .name(following)? = next, !["and", "or", "div", "mod"].contains(following) {
                throw unsupported("a name where an operator belongs")
            }
            // In a constraint the context is the answer element itself, which has no children: a name finds nothing.
            guard current == nil else { return .nothing }
            return fieldSlot(name).map(RuleExpression.field) ?? .nothing
        case .symbol:
            throw unsupported("an operator where a value belongs")
        }
    }

    private mutating func call(_ name: String) throws(RuleExpression.Unsupported) -> RuleExpression {
        guard let function = RuleFunction(rawValue: name) else { throw unsupported("the function \(name)()") }
        var arguments: [RuleExpression] = []
        if !take(symbol: ")") {
            repeat { arguments.append(try expression()) } while take(symbol: ",")
            guard take(symbol: ")") else { throw unsupported("a function call that is not closed") }
        }
        guard function.accepts(argumentCount: arguments.count) else { throw unsupported("\(name)() with \(arguments.count) arguments") }
        if function == .count {
            switch arguments[0] {
            case .field, .nothing: break
            default: throw unsupported("count() of something that is not an answer")
            }
        }
        return .call(function, arguments)
    }
}
