/// Evaluates a form's expressions over the current answers. The XML layer implements it with
/// libxml2's XPath, bounded in work per evaluation.
public protocol FormEvaluating: AnyObject {
    /// Sets (or with nil, clears) the answer that expressions see for `fieldID`.
    func setAnswer(_ value: AnswerValue?, for fieldID: String)

    /// The boolean value of `expression`; `current` is the field that `.` stands for (in a constraint).
    func evaluate(_ expression: Expression, current fieldID: String?) throws(ExpressionEvaluationError) -> Bool
}

/// An expression that could not be evaluated: a runtime error or more work than allowed.
public struct ExpressionEvaluationError: Error, Sendable, CustomStringConvertible {
    public var expression: String
    public var reason: String

    public init(expression: String, reason: String) {
        self.expression = expression
        self.reason = reason
    }

    public var description: String { "expression \"\(expression)\" could not be evaluated: \(reason)" }
}
