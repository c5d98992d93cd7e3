internal import CLibXML2
import YardstickCore

/// Compiles form expressions with libxml2 to find syntax errors when a form is checked.
public struct XPathCompiler: ExpressionCompiling {
    public init() {}

    public func compileError(for source: String) -> String? {
        LibXML2.ensureInitialized()
        guard let context = xmlXPathNewContext(nil) else { return "libxml2 could not allocate an XPath context" }
        defer { xmlXPathFreeContext(context) }
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee.userData = unmanaged.toOpaque()
        context.pointee.error = { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            collector.record(error)
        }
        guard let compiled = xmlXPathCtxtCompile(context, source) else {
            return collector.summary ?? "invalid XPath expression"
        }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }
}

/// Gathers libxml2's structured errors during one call.
final class ErrorCollector {
    struct Entry {
        var line: Int
        var column: Int
        var message: String
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
                             node: error.pointee.node))
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
