internal import CLibXML2
import YardstickCore

/// Compiles form expressions with libxml2 to find syntax errors when a form is checked, and tries
/// them on a fully answered form to find the ones that `XPathFormEvaluator` could never evaluate.
public struct XPathCompiler: ExpressionCompiling {
    /// The work limit per evaluation that expressions must fit in, as the evaluator enforces it.
    public let operationLimit: UInt

    public init(operationLimit: UInt = XPathFormEvaluator.defaultOperationLimit) {
        self.operationLimit = operationLimit
    }

    public func compileError(for source: String) -> String? {
        LibXML2.ensureInitialized()
        guard let context = xmlXPathNewContext(nil) else { return "libxml2 could not allocate an XPath context" }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        let unmanaged = collector.install(on: context)
        defer { unmanaged.release() }
        guard let compiled = xmlXPathCtxtCompile(context, source) else {
            return collector.summary ?? "invalid XPath expression"
        }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }

    public func evaluationProblem(for source: String, fieldIDs: [String]) -> String? {
        // `and` and `or` stop at the first term that decides them, so one trial run can look cheap
        // while other answers make the same rule do all its work. Without path syntax the work has
        // a bound from the tokens alone, which covers every set of answers.
        let scan = ExpressionScanner().scan(source)
        if !scan.usesPathSyntax {
            let bound = Self.operationBound(of: scan, answerCount: fieldIDs.count)
            if bound > UInt64(operationLimit) {
                return "it may need up to \(bound) XPath operations, more than the limit of \(operationLimit) per rule; \(Self.advice)"
            }
        }
        return trialEvaluationProblem(for: source, fieldIDs: fieldIDs)
    }

    static let advice = "simplify it or split it over several questions or checks"

    /// An upper bound of libxml2's operation count for an expression without path syntax, measured
    /// on libxml2 2.9.14: a name step visits every answer element (plus a few operations around
    /// it); every other token costs at most one or two operations.
    static func operationBound(of scan: ExpressionScanner.Scan, answerCount: Int) -> UInt64 {
        let names = UInt64(scan.nameReferenceCount)
        let others = UInt64(max(0, scan.tokenCount - scan.nameReferenceCount))
        return names * (UInt64(answerCount) + 6) + others * 3
    }

    /// Evaluates `source` once, as `XPathFormEvaluator` would, over a document in which every
    /// field holds an answer (the most nodes any rule can meet); nil when that succeeds.
    public func truthValues(for source: String, assignments: [[String: String]], fieldIDs: [String]) -> Set<Bool>? {
        LibXML2.ensureInitialized()
        guard let document = xmlNewDoc("1.0"), let root = xmlNewDocNode(document, nil, "answers", nil) else { return nil }
        defer { xmlFreeDoc(document) }
        xmlDocSetRootElement(document, root)
        var nodes: [String: xmlNodePtr] = [:]
        for id in fieldIDs where nodes[id] == nil { nodes[id] = xmlNewChild(root, nil, id, nil) }
        guard let context = xmlXPathNewContext(document) else { return nil }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        let unmanaged = collector.install(on: context)
        defer { unmanaged.release() }
        guard let compiled = xmlXPathCtxtCompile(context, source) else { return nil }
        defer { xmlXPathFreeCompExpr(compiled) }
        var values: Set<Bool> = []
        for assignment in assignments {
            for (id, node) in nodes {
                let text = assignment[id] ?? ""
                xmlNodeSetContentLen(node, nil, 0)
                if !text.isEmpty { xmlNodeAddContentLen(node, text, Int32(text.utf8.count)) }
            }
            context.pointee.node = root
            context.pointee.opCount = 0
            context.pointee.opLimit = operationLimit
            guard let result = xmlXPathCompiledEval(compiled, context) else { return nil }
            values.insert(xmlXPathCastToBoolean(result) != 0)
            xmlXPathFreeObject(result)
            if values.count == 2 { return values }
        }
        return values
    }

    private func trialEvaluationProblem(for source: String, fieldIDs: [String]) -> String? {
        LibXML2.ensureInitialized()
        guard let document = xmlNewDoc("1.0") else { return "libxml2 could not allocate a document" }
        defer { xmlFreeDoc(document) }
        guard let root = xmlNewDocNode(document, nil, "answers", nil) else { return "libxml2 could not allocate a document" }
        xmlDocSetRootElement(document, root)
        for id in fieldIDs { xmlNewChild(root, nil, id, "yes") }
        guard let context = xmlXPathNewContext(document) else { return "libxml2 could not allocate an XPath context" }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        let unmanaged = collector.install(on: context)
        defer { unmanaged.release() }
        guard let compiled = xmlXPathCtxtCompile(context, source) else { return nil }  // compileError reports it
        defer { xmlXPathFreeCompExpr(compiled) }
        context.pointee.node = root
        context.pointee.opCount = 0
        context.pointee.opLimit = operationLimit
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            if context.pointee.opCount >= operationLimit {
                return "with every question answered it needs more than \(operationLimit) XPath operations, the limit per rule; \(Self.advice)"
            }
            return "libxml2 cannot evaluate it (\(collector.entries.first?.reason ?? "evaluation failed"))"
        }
        xmlXPathFreeObject(result)
        return nil
    }
}

/// Gathers libxml2's structured errors during one call.
final class ErrorCollector {
    /// Makes `context` report its errors here; release the returned reference once the context is done.
    func install(on context: xmlXPathContextPtr) -> Unmanaged<ErrorCollector> {
        let unmanaged = Unmanaged.passRetained(self)
        context.pointee.userData = unmanaged.toOpaque()
        context.pointee.error = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
        }
        return unmanaged
    }

    struct Entry {
        var line: Int
        var column: Int
        var message: String
        /// libxml2's words alone, without the place in the expression.
        var reason: String
        var node: UnsafeMutableRawPointer?
    }

    private(set) var entries: [Entry] = []

    func record(_ error: UnsafeMutablePointer<xmlError>) {
        var message = error.pointee.message.map { String(cString: $0) }?.trimmingWhitespace() ?? "unknown error"
        if error.pointee.message == nil, error.pointee.domain == Int32(XML_FROM_XPATH.rawValue) {
            // Errors raised through a context's handler carry only a code; these are libxml2's own words for them.
            let index = Int(error.pointee.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
            if Self.xpathMessages.indices.contains(index) { message = Self.xpathMessages[index] }
        }
        var text = message
        if error.pointee.domain == Int32(XML_FROM_XPATH.rawValue), let expression = error.pointee.str1 {
            // XPath errors say what went wrong; the offset shows where.
            let offset = Int(error.pointee.int1)
            let source = String(cString: expression)
            text = "\(message.lowercasedFirst()) at character \(offset + 1) of \"\(source)\""
        }
        entries.append(Entry(line: Int(error.pointee.line), column: Int(error.pointee.int2), message: text,
                             reason: message.lowercasedFirst(), node: error.pointee.node))
    }

    var summary: String? { entries.first?.message }

    static let xpathMessages = [
        "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
        "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
        "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
        "invalid context size", "invalid context position", "memory allocation error", "syntax error",
        "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
        "character out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable",
        "operation limit exceeded", "recursion limit exceeded",
    ]
}

extension String {
    func lowercasedFirst() -> String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
