/// One form's evaluation by field and criterion name, for the interactive session, answers files,
/// `audit show` and `verify`: a thin adapter over the compiled `FormPlan`, which does all the work
/// over arrays by slot. Rules outside the native subset go to `fallback` (libxml2's XPath).
public final class FormEngine {
    public let plan: FormPlan
    public var form: Form { plan.form }
    public var standard: Standard { plan.standard }
    public var parser: AnswerParser { plan.parser }
    /// The latest date the interaction (`occurred_on`) may have: today plus a tolerance for time
    /// zones; nil accepts any date. Set by whoever knows the clock.
    public var latestOccurredOn: ISODate?
    private let fallback: any FormEvaluating
    /// Every answer field, in slot order.
    public var fields: [FormField] { plan.fields }

    /// An engine over `plan`; `fallback` evaluates the rules the native evaluator leaves to libxml2.
    public init(plan: FormPlan, fallback: any FormEvaluating) {
        self.plan = plan
        self.fallback = fallback
    }

    /// An engine that compiles `form` against `standard`; with `native` false every rule goes to `evaluator`.
    public convenience init(form: Form, standard: Standard, evaluator: any FormEvaluating, native: Bool = true) {
        self.init(plan: FormPlan(form: form, standard: standard, native: native), fallback: evaluator)
    }

    /// The field with `id`.
    public func field(_ id: String) -> FormField? { plan.fieldSlots[id].map { plan.fields[$0] } }

    /// Which fields are shown and which checks apply, given `answers`. Hidden answers are treated
    /// as unanswered by later rules, as form users expect.
    public struct Visibility: Sendable, Hashable {
        public var shownFields: Set<String> = []
        public var appliedChecks: Set<String> = []
    }

    /// Evaluates relevance in form order over `answers`.
    public func visibility(_ answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> Visibility {
        var sheet = plan.sheet(answers)
        return names(try plan.visibility(&sheet, fallback: fallback))
    }

    private func names(_ visibility: FormPlan.Visibility) -> Visibility {
        var result = Visibility()
        for (slot, field) in plan.fields.enumerated() where visibility.shownFields.contains(slot) { result.shownFields.insert(field.id) }
        for check in 0..<plan.checkCount where visibility.appliedChecks.contains(check) {
            result.appliedChecks.insert(plan.criteria[plan.criterion(ofCheck: check)].id)
        }
        return result
    }

    /// Whether `field` must be answered given `answers` (scored questions always must, unless hidden).
    public func isRequired(_ field: FormField, answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> Bool {
        guard let slot = plan.fieldSlots[field.id] else { return field.requirement == .required || field.isScored }
        var visible = plan.sheet(answers)
        _ = try plan.visibility(&visible, fallback: fallback)
        return try plan.isRequired(slot, visible: visible, fallback: fallback)
    }

    /// The constraint problem of `value` for `field`, evaluated with `value` in place; nil when fine.
    /// An `na` answer is never checked: the constraint describes the values of an answer that was given.
    public func constraintProblem(_ value: AnswerValue, for field: FormField, answers: [String: AnswerValue]) throws(ExpressionEvaluationError) -> AnswerProblem? {
        if field.id == "occurred_on", let problem = futureDateProblem(value) { return AnswerProblem(problem) }
        guard value != .notApplicable, field.constraint != nil, let slot = plan.fieldSlots[field.id] else { return nil }
        var visible = plan.sheet(answers)
        visible[slot] = value
        _ = try plan.visibility(&visible, fallback: fallback)
        // The answer being checked is in place even where skip logic would hide it.
        visible[slot] = value
        guard try plan.failsConstraint(slot, visible: visible, fallback: fallback) else { return nil }
        return AnswerProblem(FormPlan.constraintMessage(for: field))
    }

    /// Why a date of the interaction cannot be right: it lies after `latestOccurredOn`.
    public func futureDateProblem(_ value: AnswerValue) -> String? { FormPlan.futureDateProblem(value, latest: latestOccurredOn) }

    /// Whether a comment must explain the answer to `field`.
    public func needsComment(_ field: FormField, value: AnswerValue?) -> Bool {
        guard let slot = plan.fieldSlots[field.id] else { return false }
        return plan.needsComment(slot, value: value)
    }

    /// Everything about one set of answers, from a single pass over the rules.
    public struct Evaluation: Sendable {
        public var problems: [FieldProblem]
        public var visibility: Visibility
        public var outcomes: [String: CriterionOutcome]
        public var score: AuditScore
        /// Messages of the consistency flags raised.
        public var flags: [String] = []
    }

    /// Problems, visibility, outcomes and the explained score of `answers` in one pass.
    public func evaluate(_ answers: [String: AnswerValue], comments: [String: String]) throws(ExpressionEvaluationError) -> Evaluation {
        let result = try evaluateSheet(plan.sheet(answers), comments: comments)
        let outcomes = plan.outcomesByID(result.outcomes)
        return Evaluation(problems: result.problems, visibility: names(result.visibility), outcomes: outcomes, score: plan.calculator.score(outcomes),
                          flags: result.flags)
    }

    /// A sheet evaluation with names and the explained score, for callers that show it.
    public func explained(_ evaluation: FormPlan.SheetEvaluation) -> Evaluation {
        let outcomes = plan.outcomesByID(evaluation.outcomes)
        return Evaluation(problems: evaluation.problems, visibility: names(evaluation.visibility), outcomes: outcomes, score: plan.calculator.score(outcomes),
                          flags: evaluation.flags)
    }

    /// The plan's evaluation of a sheet by slot, with comments by field id.
    public func evaluateSheet(_ sheet: [AnswerValue?], comments: [String: String]) throws(ExpressionEvaluationError) -> FormPlan.SheetEvaluation {
        let fields = plan.fields
        return try plan.evaluate(sheet, hasComment: { !(comments[fields[$0].id] ?? "").trimmingWhitespace().isEmpty },
                                 latestOccurredOn: latestOccurredOn, fallback: fallback)
    }

    /// Every problem that stops `answers` from being submitted: missing required answers, answers to
    /// hidden questions, failed constraints, missing comments. Empty when the audit is complete.
    public func problems(_ answers: [String: AnswerValue], comments: [String: String]) throws(ExpressionEvaluationError) -> [FieldProblem] {
        try evaluateSheet(plan.sheet(answers), comments: comments).problems
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
