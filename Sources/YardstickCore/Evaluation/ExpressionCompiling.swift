/// Compiles form expressions; the XML layer implements it with libxml2 so the core stays free of C.
public protocol ExpressionCompiling: Sendable {
    /// Why `source` is not a valid expression, or nil when it compiles.
    func compileError(for source: String) -> String?
}
