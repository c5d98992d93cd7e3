/// The whole evaluation of one answer sheet: the import's hot path and the engine's `evaluate`.
extension FormPlan {
    /// Problems, visibility, outcomes and score summary of one audit's answers, from one pass.
    public struct SheetEvaluation: Sendable {
        public var problems: [FieldProblem]
        public var visibility: Visibility
        /// By criterion slot; nil where the form does not assess the criterion.
        public var outcomes: [CriterionOutcome?]
        public var summary: ScoreSummary
        /// The messages of the consistency flags the answers raise (the report goes to review).
        public var flags: [String] = []
    }

    /// Evaluates `answers` (by field slot). `hasComment` tells whether field slot has a non-empty
    /// comment; `latestOccurredOn` bounds the date of the interaction (nil: any date).
    public func evaluate(_ answers: [AnswerValue?], hasComment: (Int) -> Bool, latestOccurredOn: ISODate?,
                         fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> SheetEvaluation {
        var visible = answers
        let shown = try visibility(&visible, fallback: fallback)
        var problems: [FieldProblem] = []
        // Field values are only copied out of `fields` to word a problem: the loop runs per audit.
        for slot in fields.indices {
            let value = answers[slot]
            guard shown.shownFields.contains(slot) else {
                if value != nil { problems.append(FieldProblem(fieldID: fields[slot].id, "must be empty: the question is hidden by its skip rule")) }
                continue
            }
            guard let value else {
                if try isRequired(slot, visible: visible, fallback: fallback) { problems.append(FieldProblem(fieldID: fields[slot].id, "an answer is required")) }
                continue
            }
            if slot == occurredOnSlot, let problem = Self.futureDateProblem(value, latest: latestOccurredOn) {
                problems.append(FieldProblem(fieldID: fields[slot].id, problem))
            }
            if try failsConstraint(slot, visible: visible, fallback: fallback) {
                problems.append(FieldProblem(fieldID: fields[slot].id, Self.constraintMessage(for: fields[slot])))
            }
            if needsComment(slot, value: value), !hasComment(slot) {
                problems.append(FieldProblem(fieldID: fields[slot].id + "_comment", Self.missingCommentMessage(for: fields[slot])))
            }
        }
        let outcomes = try outcomes(answers, visible: visible, visibility: shown, fallback: fallback)
        var flags: [String] = []
        for step in flagSteps where try holds(step.rule, visible, fallback) { flags.append(step.message) }
        return SheetEvaluation(problems: problems, visibility: shown, outcomes: outcomes, summary: calculator.summary(outcomes), flags: flags)
    }

    /// Whether a comment must explain `value`, the answer to field `slot`.
    public func needsComment(_ slot: Int, value: AnswerValue?) -> Bool {
        switch fieldRules[slot].comment {
        case .none, .optional: return false
        case .required: return value != nil
        case .requiredIfNotMet:
            guard let value, let criterion = fieldRules[slot].criterion else { return false }
            return ScoreCalculator.fails(scale: criterionScales[criterion], Self.outcome(of: value))
        }
    }

    /// Why a date of the interaction cannot be right: it lies after `latest`.
    public static func futureDateProblem(_ value: AnswerValue, latest: ISODate?) -> String? {
        guard let latest, case let .text(text) = value, let date = ISODate(text), latest < date else { return nil }
        return "'\(text)' is in the future; the interaction must have happened already (dates up to \(latest) are accepted, for time zones)"
    }

    static func constraintMessage(for field: FormField) -> String {
        field.constraintMessage.isEmpty ? "the answer must satisfy \(field.constraint?.source ?? "its constraint")" : "must be \(field.constraintMessage)"
    }

    /// Why a comment is missing, worded for the field's comment policy.
    static func missingCommentMessage(for field: FormField) -> String {
        field.comment == .required ? "a comment is required for '\(field.id)'" : "a comment is required when '\(field.id)' is not met"
    }

    /// `answers` by name as an array by field slot (names the form does not have are left out).
    public func sheet(_ answers: [String: AnswerValue]) -> [AnswerValue?] {
        var sheet = [AnswerValue?](repeating: nil, count: fields.count)
        for (id, value) in answers { if let slot = fieldSlots[id] { sheet[slot] = value } }
        return sheet
    }

    /// Answers by field slot as a dictionary by field id.
    public func answersByID(_ answers: [AnswerValue?]) -> [String: AnswerValue] {
        var result: [String: AnswerValue] = [:]
        for (slot, answer) in answers.enumerated() { if let answer { result[fields[slot].id] = answer } }
        return result
    }

    /// Outcomes by criterion slot as a dictionary by criterion id, for display and explanations.
    public func outcomesByID(_ outcomes: [CriterionOutcome?]) -> [String: CriterionOutcome] {
        var result: [String: CriterionOutcome] = [:]
        for (slot, outcome) in outcomes.enumerated() { if let outcome { result[criteria[slot].id] = outcome } }
        return result
    }
}
