/// Compiles form expressions; the XML layer implements it with libxml2 so the core stays free of C.
public protocol ExpressionCompiling: Sendable {
    /// Why `source` is not a valid expression, or nil when it compiles.
    func compileError(for source: String) -> String?

    /// Why `source`, which compiles, cannot be evaluated the way the form engine evaluates it —
    /// more work than the evaluator allows, nesting too deep, a type error — over an answers
    /// document in which every one of `fieldIDs` is answered; nil when it can. A rule that fails
    /// here would fail every audit, so `check` refuses it.
    func evaluationProblem(for source: String, fieldIDs: [String]) -> String?

    /// The boolean values `source` takes over `assignments` (each gives the text of some answers;
    /// the others of `fieldIDs` are empty), or nil when it cannot tell. A rule that takes one value
    /// only is dead: `check` warns about it.
    func truthValues(for source: String, assignments: [[String: String]], fieldIDs: [String]) -> Set<Bool>?
}
