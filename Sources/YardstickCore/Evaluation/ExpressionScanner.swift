/// Finds what a form expression refers to — answer names, functions, variables — by tokenising it
/// with the disambiguation rules of XPath 1.0 §3.7, so `a and and b` shows up as a name `and`.
public struct ExpressionScanner: Sendable {
    /// What one expression mentions.
    public struct Scan: Sendable, Hashable {
        /// Bare names the expression reads: answers of the form, in order of first mention.
        public var names: [String] = []
        public var functions: [String] = []
        public var variables: [String] = []
        /// Prefixed names (`a:b`), which never match the unprefixed answers document.
        public var prefixedNames: [String] = []
        /// Whether the expression uses `.` (the answer being checked, in a constraint).
        public var usesContextItem = false
        /// A lexical error, such as an unterminated string literal.
        public var lexicalError: String?
        /// How many tokens the expression has.
        public var tokenCount = 0
        /// How many tokens read an answer by name, repeats counted.
        public var nameReferenceCount = 0
        /// Whether the expression walks the answers document with path syntax (`/`, `[…]`, `@`,
        /// axes, `*`, `..`, `|`, node tests), whose work grows with more than its length.
        public var usesPathSyntax = false
        /// Every `name = 'text'`, `name != 'text'` (either way round) in the expression.
        public var literalComparisons: [LiteralComparison] = []
    }

    /// The functions of the XPath 1.0 core library (XPath 1.0 §4).
    public static let coreFunctions: Set<String> = [
        "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat",
        "starts-with", "contains", "substring-before", "substring-after", "substring", "string-length",
        "normalize-space", "translate", "boolean", "not", "true", "false", "lang", "number", "sum",
        "floor", "ceiling", "round",
    ]
    static let nodeTypes: Set<String> = ["comment", "text", "processing-instruction", "node"]
    static let operatorNames: Set<String> = ["and", "or", "mod", "div"]

    /// A comparison of an answer with a string literal, for lints on option values.
    public struct LiteralComparison: Sendable, Hashable {
        public var name: String
        public var literal: String
    }

    public init() {}

    /// What the comparison lints look at: names, `=`/`!=`, string literals, and anything else.
    private enum Token: Equatable {
        case name(String)
        case equality
        case literal(String)
        case other
    }

    private enum Previous {
        case none
        case opening   // @ :: ( [ , or an operator: a name here is a name, not an operator
        case value     // anything else: a name here is an operator name
        case at
        case axis
        case slash
    }

    public func scan(_ source: String) -> Scan {
        var result = Scan()
        let characters = Array(source.unicodeScalars)
        var index = 0
        var previous = Previous.none
        var trail: [Token] = []

        func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic
        }
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            isNameStart(scalar) || scalar == "-" || scalar == "." || ("0"..."9").contains(scalar)
                || scalar.properties.generalCategory == .nonspacingMark
        }
        func nextNonSpace(from position: Int) -> Int {
            var position = position
            while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
            return position
        }
        func readName(from start: Int) -> (String, Int) {
            var end = start
            while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: characters[start..<end])
            return (String(text), end)
        }
        func remember(_ name: String, in list: inout [String]) {
            if !list.contains(name) { list.append(name) }
        }

        while index < characters.count {
            let scalar = characters[index]
            let followsValue = previous == .value
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            result.tokenCount += 1
            let trailCount = trail.count
            defer { if trail.count == trailCount { trail.append(.other) } }
            switch scalar {
            case "(", "[", ",":
                if scalar == "[" { result.usesPathSyntax = true }
                previous = .opening
                index += 1
            case ")", "]":
                previous = .value
                index += 1
            case "@":
                result.usesPathSyntax = true
                previous = .at
                index += 1
            case "$":
                let (name, end) = readName(from: index + 1)
                if name.isEmpty {
                    result.lexicalError = result.lexicalError ?? "'$' is not followed by a variable name"
                }
                remember(name, in: &result.variables)
                previous = .value
                index = end
            case "\"", "'":
                guard let close = characters[(index + 1)...].firstIndex(of: scalar) else {
                    result.lexicalError = result.lexicalError ?? "string literal opened with \(scalar) is never closed"
                    return result
                }
                var literal = String.UnicodeScalarView()
                literal.append(contentsOf: characters[(index + 1)..<close])
                trail.append(.literal(String(literal)))
                previous = .value
                index = close + 1
            case ".":
                if index + 1 < characters.count, characters[index + 1] == "." {
                    result.usesPathSyntax = true
                    index += 2
                } else if index + 1 < characters.count, ("0"..."9").contains(characters[index + 1]) {
                    index += 1
                    while index < characters.count, ("0"..."9").contains(characters[index]) { index += 1 }
                } else {
                    result.usesContextItem = true
                    index += 1
                }
                previous = .value
            case "0"..."9":
                while index < characters.count, ("0"..."9").contains(characters[index]) || characters[index] == "." {
                    index += 1
                }
                previous = .value
            case "/":
                result.usesPathSyntax = true
                index += (index + 1 < characters.count && characters[index + 1] == "/") ? 2 : 1
                previous = .slash
            case ":":
                result.usesPathSyntax = true
                index += (index + 1 < characters.count && characters[index + 1] == ":") ? 2 : 1
                previous = .axis
            case "*":
                // After a value it multiplies; elsewhere it is a name test that matches every answer.
                if !followsValue { result.usesPathSyntax = true }
                previous = followsValue ? .opening : .value
                index += 1
            case "|", "+", "-", "=", "<", ">", "!":
                if scalar == "|" { result.usesPathSyntax = true }
                index += 1
                let doubled = index < characters.count && characters[index] == "="
                if doubled { index += 1 }
                if scalar == "=" || (scalar == "!" && doubled) { trail.append(.equality) }
                previous = .opening
            default:
                guard isNameStart(scalar) else {
                    result.lexicalError = result.lexicalError ?? "unexpected character '\(scalar)'"
                    index += 1
                    continue
                }
                var (name, end) = readName(from: index)
                if followsValue && Self.operatorNames.contains(name) {
                    previous = .opening
                    index = end
                    continue
                }
                var prefixed = false
                if end + 1 < characters.count, characters[end] == ":", characters[end + 1] != ":" {
                    if characters[end + 1] == "*" {
                        end += 2
                        prefixed = true
                    } else if isNameStart(characters[end + 1]) {
                        let (local, localEnd) = readName(from: end + 1)
                        name += ":" + local
                        end = localEnd
                        prefixed = true
                    }
                }
                let after = nextNonSpace(from: end)
                if after < characters.count, characters[after] == "(" {
                    if Self.nodeTypes.contains(name) {
                        result.usesPathSyntax = true
                    } else {
                        remember(name, in: &result.functions)
                    }
                    previous = .value
                } else if after + 1 < characters.count, characters[after] == ":", characters[after + 1] == ":" {
                    result.usesPathSyntax = true
                    previous = .axis
                } else {
                    result.nameReferenceCount += 1
                    if !prefixed && previous != .at { trail.append(.name(name)) }
                    if previous != .at {
                        if prefixed {
                            remember(name, in: &result.prefixedNames)
                        } else {
                            remember(name, in: &result.names)
                        }
                    }
                    previous = .value
                }
                index = end
            }
        }
        for position in trail.indices.dropLast(2) {
            switch (trail[position], trail[position + 1], trail[position + 2]) {
            case let (.name(name), .equality, .literal(literal)), let (.literal(literal), .equality, .name(name)):
                result.literalComparisons.append(LiteralComparison(name: name, literal: literal))
            default: continue
            }
        }
        return result
    }
}
