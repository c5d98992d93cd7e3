/// Evaluates one form over a set of answers: which questions are shown, which answers are
/// missing or invalid, the outcome of every criterion, and the score.
public final class FormEngine {
    public let form: Form
    public let standard: Standard
    public let parser: AnswerParser
    /// The latest date the interaction (`occurred_on`) may have: today plus a tolerance for time
    /// zones; nil accepts any date. Set by whoever knows the clock.
    public var latestOccurredOn: ISODate?
    private let evaluator: any FormEvaluating
    private let calculator: ScoreCalculator
    /// The form flattened once: every answer field, and the items of each section with the section's rule.
    public let fields: [FormField]
    private let fieldIndex: [String: Int]
    private let criteria: [String: Criterion]
    private let contextRules: [(id: String, relevant: Expression?)]
    /// Per section: its rule, then each question (id, rule) or check (criterion, rule).
    private let visibilityPlan: [(relevant: Expression?, questions: [(id: String, relevant: Expression?)], checks: [(id: String, relevant: Expression?)])]
    /// Scored questions and checks in form order, for outcomes.
    private let scoredItems: [(criterionID: String, fieldID: String?, met: Expression?, scale: RatingScale)]

    public init(form: Form, standard: Standard, evaluator: any FormEvaluating) {
        self.form = form
        self.standard = standard
        self.evaluator = evaluator
        parser = AnswerParser(standard: standard)
        calculator = ScoreCalculator(standard: standard)
        fields = form.answerFields
        fieldIndex = Dictionary(fields.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        criteria = Dictionary(standard.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        contextRules = form.context.map { ($0.id, $0.relevant) }
        visibilityPlan = form.sections.map { section in
            (section.relevant,
             section.items.compactMap(\.question).map { ($0.id, $0.relevant) },
             section.items.compactMap(\.check).map { ($0.criterionID, $0.relevant) })
        }
        let lookup = criteria
        scoredItems = form.sections.flatMap { section in
            section.items.compactMap { item -> (criterionID: String, fieldID: String?, met: Expression?, scale: RatingScale)? in
                switch item {
                case let .question(field):
                    guard let id = field.criterionID, let criterion = lookup[id] else { return nil }
                    return (id, field.id, nil, criterion.scale)
                case let .check(check):
                    return (check.criterionID, nil, check.met, .yesNo)
                }
            }
        }
    }

    /// The field with `id`, from the precomputed index.
    public func field(_ id: String) -> FormField? { fieldIndex[id].map { fields[$0] } }

    /// Which fields are shown and which checks apply, given `answers`. Hidden answers are treated
    /// as unanswered by later rules, as form users expect.
    public struct Visibility: Sendable, Hashable {
        public var shownFields: Set<String> = []
        public var appliedChecks: Set<String> = []
    }

    /// Evaluates relevance in form order over `answers`.
    public func visibility(_ answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> Visibility {
        var result = Visibility()
        result.shownFields.reserveCapacity(fields.count)
        for field in fields { evaluator.setAnswer(answers[field.id], for: field.id) }
        for rule in contextRules {
            if try isShown(rule.relevant) {
                result.shownFields.insert(rule.id)
            } else {
                evaluator.setAnswer(nil, for: rule.id)
            }
        }
        // Questions and checks are evaluated in form order within each section, so a rule sees the
        // earlier answers as the auditor left them.
        for section in visibilityPlan {
            let sectionShown = try isShown(section.relevant)
            for question in section.questions {
                if sectionShown, try isShown(question.relevant) {
                    result.shownFields.insert(question.id)
                } else {
                    evaluator.setAnswer(nil, for: question.id)
                }
            }
            for check in section.checks where sectionShown {
                if try isShown(check.relevant) { result.appliedChecks.insert(check.id) }
            }
        }
        return result
    }

    private func isShown(_ relevant: Expression?) throws(ExpressionEvaluationError) -> Bool {
        guard let relevant else { return true }
        return try evaluator.evaluate(relevant, current: nil)
    }

    /// Whether `field` must be answered now (scored questions always must, unless hidden).
    public func isRequired(_ field: FormField) throws(ExpressionEvaluationError) -> Bool {
        if field.isScored { return true }
        switch field.requirement {
        case .optional: return false
        case .required: return true
        case let .when(expression): return try evaluator.evaluate(expression, current: nil)
        }
    }

    /// The constraint problem of `value` for `field`, evaluated with `value` in place; nil when fine.
    /// An `na` answer is never checked: the constraint describes the values of an answer that was given.
    public func constraintProblem(_ value: AnswerValue, for field: FormField, answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> AnswerProblem? {
        if field.id == "occurred_on", let problem = futureDateProblem(value) { return AnswerProblem(problem) }
        guard value != .notApplicable, let constraint = field.constraint else { return nil }
        var trial = answers
        trial[field.id] = value
        _ = try visibility(trial)
        evaluator.setAnswer(value, for: field.id)
        guard try evaluator.evaluate(constraint, current: field.id) else {
            return AnswerProblem(field.constraintMessage.isEmpty ? "the answer must satisfy \(constraint.source)" : "must be \(field.constraintMessage)")
        }
        return nil
    }

    /// Why a date of the interaction cannot be right: it lies after `latestOccurredOn`.
    public func futureDateProblem(_ value: AnswerValue) -> String? {
        guard let latestOccurredOn, case let .text(text) = value, let date = ISODate(text), latestOccurredOn < date else { return nil }
        return "'\(text)' is in the future; the interaction must have happened already (dates up to \(latestOccurredOn) are accepted, for time zones)"
    }

    /// Whether a comment must explain the answer to `field`.
    public func needsComment(_ field: FormField, value: AnswerValue?) -> Bool {
        switch field.comment {
        case .none, .optional: return false
        case .required: return value != nil
        case .requiredIfNotMet:
            guard let value, let criterion = field.criterionID.flatMap({ criteria[$0] }) else { return false }
            return ScoreCalculator.fails(criterion, Self.outcome(of: value))
        }
    }

    /// The outcome of each assessed criterion.
    public func outcomes(_ answers: [String: AnswerValue], visibility: Visibility) throws(ExpressionEvaluationError) -> [String: CriterionOutcome] {
        var outcomes: [String: CriterionOutcome] = [:]
        outcomes.reserveCapacity(scoredItems.count)
        for item in scoredItems {
            if let fieldID = item.fieldID {
                guard visibility.shownFields.contains(fieldID), let value = answers[fieldID] else {
                    outcomes[item.criterionID] = .hidden
                    continue
                }
                outcomes[item.criterionID] = Self.outcome(of: value)
            } else if let met = item.met {
                guard visibility.appliedChecks.contains(item.criterionID) else {
                    outcomes[item.criterionID] = .hidden
                    continue
                }
                outcomes[item.criterionID] = .met(try evaluator.evaluate(met, current: nil))
            }
        }
        return outcomes
    }

    private static func outcome(of value: AnswerValue) -> CriterionOutcome {
        switch value {
        case .notApplicable: return .notApplicable
        case .yes: return .met(true)
        case .no: return .met(false)
        case let .number(level):
            // The parser and the answer codec only let whole levels within the scale through; anything
            // else cannot be scored, and must not trap.
            guard let whole = Int(exactly: level) else { return .notApplicable }
            return .level(whole)
        case .text: return .notApplicable
        }
    }

    /// Why a comment is missing, worded for the field's comment policy.
    static func missingCommentMessage(for field: FormField) -> String {
        field.comment == .required ? "a comment is required for '\(field.id)'" : "a comment is required when '\(field.id)' is not met"
    }

    /// Everything about one set of answers, from a single pass over the rules.
    public struct Evaluation: Sendable {
        public var problems: [FieldProblem]
        public var visibility: Visibility
        public var outcomes: [String: CriterionOutcome]
        public var score: AuditScore
    }

    /// Problems, visibility, outcomes and score of `answers` in one pass (the import path).
    public func evaluate(_ answers: [String: AnswerValue], comments: [String: String]) throws(ExpressionEvaluationError) -> Evaluation {
        let shown = try visibility(answers)
        var problems: [FieldProblem] = []
        for field in fields {
            let value = answers[field.id]
            guard shown.shownFields.contains(field.id) else {
                if value != nil { problems.append(FieldProblem(fieldID: field.id, "must be empty: the question is hidden by its skip rule")) }
                continue
            }
            guard let value else {
                if try isRequired(field) { problems.append(FieldProblem(fieldID: field.id, "an answer is required")) }
                continue
            }
            // The evaluator holds exactly the shown answers now, so `.` is this field's value.
            if field.id == "occurred_on", let problem = futureDateProblem(value) {
                problems.append(FieldProblem(fieldID: field.id, problem))
            }
            if value != .notApplicable, let constraint = field.constraint, !(try evaluator.evaluate(constraint, current: field.id)) {
                let message = field.constraintMessage.isEmpty ? "the answer must satisfy \(constraint.source)" : "must be \(field.constraintMessage)"
                problems.append(FieldProblem(fieldID: field.id, message))
            }
            if needsComment(field, value: value), (comments[field.id] ?? "").trimmingWhitespace().isEmpty {
                problems.append(FieldProblem(fieldID: field.id + "_comment", Self.missingCommentMessage(for: field)))
            }
        }
        let outcomes = try outcomes(answers, visibility: shown)
        return Evaluation(problems: problems, visibility: shown, outcomes: outcomes, score: calculator.score(outcomes))
    }

    /// Every problem that stops `answers` from being submitted: missing required answers, answers to
    /// hidden questions, failed constraints, missing comments. Empty when the audit is complete.
    public func problems(_ answers: [String: AnswerValue], comments: [String: String]) throws(ExpressionEvaluationError) -> [FieldProblem] {
        try evaluate(answers, comments: comments).problems
    }

    /// The score of `answers` (PRODUCT.md §4).
    public func score(_ answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> AuditScore {
        try evaluate(answers, comments: [:]).score
    }
}

/// A problem with one field of an audit, for messages that name the field (or CSV column).
public struct FieldProblem: Sendable, Hashable, CustomStringConvertible {
    public var fieldID: String
    public var message: String

    public init(fieldID: String, _ message: String) {
        self.fieldID = fieldID
        self.message = message
    }

    public var description: String { "\(fieldID): \(message)" }
}
