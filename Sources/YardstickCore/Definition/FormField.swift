/// A context field or a question: one named answer of a form.
public struct FormField: Sendable, Hashable {
    public var id: String
    public var type: AnswerType
    /// What the auditor is asked; empty when the bound criterion's title is the prompt.
    public var prompt: String
    public var hint: String
    public var requirement: Requirement
    public var relevant: Expression?
    public var constraint: Expression?
    /// Shown when the constraint fails, instead of the expression itself.
    public var constraintMessage: String
    public var criterionID: String?
    public var comment: CommentPolicy
    public var options: [ChoiceOption]
    public var anchor: SourceAnchor

    public init(
        id: String, type: AnswerType, prompt: String = "", hint: String = "", requirement: Requirement = .optional,
        relevant: Expression? = nil, constraint: Expression? = nil, constraintMessage: String = "",
        criterionID: String? = nil, comment: CommentPolicy = .optional, options: [ChoiceOption] = [],
        anchor: SourceAnchor = .unknown
    ) {
        self.id = id
        self.type = type
        self.prompt = prompt
        self.hint = hint
        self.requirement = requirement
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.criterionID = criterionID
        self.comment = comment
        self.options = options
        self.anchor = anchor
    }

    /// Whether the answer is scored against a criterion.
    public var isScored: Bool { criterionID != nil }
}

/// The kind of value a field holds, which decides how it is typed, validated and compared.
public enum AnswerType: String, Sendable, Hashable, CaseIterable {
    case yesNo = "yes-no"
    case scale
    case integer
    case number
    case duration
    case date
    case time
    case text
    case choice
    case multiChoice = "multi-choice"

    /// Types that can be bound to a criterion.
    public var isScorable: Bool { self == .yesNo || self == .scale }
}

/// One allowed value of a choice question.
public struct ChoiceOption: Sendable, Hashable {
    public var value: String
    public var label: String
    public var anchor: SourceAnchor

    public init(value: String, label: String, anchor: SourceAnchor = .unknown) {
        self.value = value
        self.label = label
        self.anchor = anchor
    }
}

/// Whether an answer must be given: never, always, or when an expression over other answers holds.
public enum Requirement: Sendable, Hashable {
    case optional
    case required
    case when(Expression)
}

/// When the auditor must explain an answer in a comment.
public enum CommentPolicy: String, Sendable, Hashable, CaseIterable {
    case none
    case optional
    case required
    case requiredIfNotMet = "required-if-not-met"
}
