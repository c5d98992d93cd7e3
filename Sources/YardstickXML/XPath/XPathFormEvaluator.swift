internal import CLibXML2
import YardstickCore

/// Evaluates a form's expressions with libxml2 over one answers document that is built once per
/// form and updated in place as answers change. Each expression is compiled once; each evaluation
/// is bounded by an operation limit, so no expression can run away.
public final class XPathFormEvaluator: FormEvaluating {
    /// Upper bound of XPath operations per evaluation; form rules need a few hundred at most.
    public static let defaultOperationLimit: UInt = 100_000

    private let operationLimit: UInt

    private let document: xmlDocPtr
    private let context: xmlXPathContextPtr
    private var nodes: [String: xmlNodePtr] = [:]
    private var compiled: [String: xmlXPathCompExprPtr] = [:]
    private let root: xmlNodePtr

    /// Prepares an answers document with one (empty) element per field and question of `form`.
    public init(form: Form, operationLimit: UInt = XPathFormEvaluator.defaultOperationLimit) {
        self.operationLimit = operationLimit
        LibXML2.ensureInitialized()
        document = xmlNewDoc("1.0")
        root = xmlNewDocNode(document, nil, "answers", nil)
        xmlDocSetRootElement(document, root)
        for field in form.answerFields where nodes[field.id] == nil {
            nodes[field.id] = xmlNewChild(root, nil, field.id, nil)
        }
        context = xmlXPathNewContext(document)
        // Runtime errors go nowhere on stderr; the failed evaluation is reported by the caller.
        context.pointee.error = { _, _ in }
    }

    deinit {
        for expression in compiled.values { xmlXPathFreeCompExpr(expression) }
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }

    public func setAnswer(_ value: AnswerValue?, for fieldID: String) {
        guard let node = nodes[fieldID] else { return }
        // xmlNodeSetContent would parse entity references in the text; the raw variant escapes nothing away.
        let text = value?.expressionText ?? ""
        xmlNodeSetContentLen(node, nil, 0)
        if !text.isEmpty { xmlNodeAddContentLen(node, text, Int32(text.utf8.count)) }
    }

    public func evaluate(_ expression: Expression, current fieldID: String?) throws(ExpressionEvaluationError) -> Bool {
        let compiledExpression: xmlXPathCompExprPtr
        if let cached = compiled[expression.source] {
            compiledExpression = cached
        } else {
            guard let fresh = xmlXPathCtxtCompile(context, expression.source) else {
                throw ExpressionEvaluationError(expression: expression.source, reason: "it does not compile")
            }
            compiled[expression.source] = fresh
            compiledExpression = fresh
        }
        context.pointee.node = fieldID.flatMap { nodes[$0] } ?? root
        // libxml2 2.9.14 never resets the counter itself.
        context.pointee.opCount = 0
        context.pointee.opLimit = operationLimit
        guard let result = xmlXPathCompiledEval(compiledExpression, context) else {
            throw ExpressionEvaluationError(expression: expression.source,
                                            reason: context.pointee.opCount >= operationLimit ? "it needs more than \(operationLimit) operations" : "evaluation failed")
        }
        defer { xmlXPathFreeObject(result) }
        return xmlXPathCastToBoolean(result) != 0
    }
}
