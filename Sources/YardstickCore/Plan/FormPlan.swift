/// One form × standard version compiled once for evaluation: integer slots for fields (form
/// order) and criteria (standard order), every rule compiled for the native evaluator or marked
/// for libxml2, the visibility program in form order and what scores each criterion. Immutable
/// and `Sendable`: the interactive session, `audit show`, `verify` and the import all evaluate
/// through it, and answers are an array by field slot, never a dictionary.
public final class FormPlan: Sendable {
    public let form: Form
    public let standard: Standard
    /// Every answer field, in slot order (context first, then the questions in form order).
    public let fields: [FormField]
    public let fieldSlots: [String: Int]
    /// The standard's criteria, in slot order.
    public let criteria: [Criterion]
    public let criterionSlots: [String: Int]
    /// Every expression of the form, compiled once.
    public let rules: [CompiledRule]
    let contextSteps: [VisibilityStep]
    let sectionSteps: [SectionStep]
    /// The form's checks in form order: the criterion each decides, its `relevant` and `met` rules.
    let checkSteps: [CheckStep]
    /// Each consistency flag's rule and message, in form order.
    let flagSteps: [(rule: Int, message: String)]
    /// Per field slot: the constraint rule and the requirement.
    let fieldRules: [FieldRules]
    /// What decides each criterion the form assesses, in form order.
    let scoredSteps: [ScoredStep]
    public let calculator: ScoreCalculator
    public let parser: AnswerParser

    struct VisibilityStep: Sendable {
        var field: Int
        var relevant: Int?
    }

    struct SectionStep: Sendable {
        var relevant: Int?
        var questions: [VisibilityStep]
        var checks: [Int]
    }

    struct CheckStep: Sendable {
        var criterion: Int
        var relevant: Int?
        var met: Int
    }

    enum RequirementRule: Sendable {
        case optional, required, when(Int)
    }

    struct FieldRules: Sendable {
        var constraint: Int?
        var requirement: RequirementRule
        var criterion: Int?
        var comment: CommentPolicy
        var isScored: Bool
    }

    /// The slot of the form's `occurred_on` field, if it has one.
    let occurredOnSlot: Int?
    /// Each criterion's scale, by criterion slot (small enough to read per answer).
    public let criterionScales: [RatingScale]

    enum ScoredStep: Sendable {
        case question(field: Int, criterion: Int)
        case check(Int)
    }

    /// Compiles `form` against `standard`. With `native` false every rule is left to the fallback
    /// evaluator (for tests that stand in for libxml2).
    public init(form: Form, standard: Standard, native: Bool = true) {
        self.form = form
        self.standard = standard
        var fields: [FormField] = []
        var fieldSlots: [String: Int] = [:]
        for field in form.answerFields where fieldSlots[field.id] == nil {
            fieldSlots[field.id] = fields.count
            fields.append(field)
        }
        self.fields = fields
        self.fieldSlots = fieldSlots
        var criteria: [Criterion] = []
        var criterionSlots: [String: Int] = [:]
        for criterion in standard.criteria where criterionSlots[criterion.id] == nil {
            criterionSlots[criterion.id] = criteria.count
            criteria.append(criterion)
        }
        self.criteria = criteria
        self.criterionSlots = criterionSlots
        var rules: [CompiledRule] = []
        func rule(_ expression: Expression?, current: Int? = nil) -> Int? {
            guard let expression else { return nil }
            rules.append(CompiledRule(expression, fieldSlots: fieldSlots, current: current, native: native))
            return rules.count - 1
        }
        contextSteps = form.context.compactMap { field in fieldSlots[field.id].map { VisibilityStep(field: $0, relevant: rule(field.relevant)) } }
        var checkSteps: [CheckStep] = []
        var scoredSteps: [ScoredStep] = []
        var sectionSteps: [SectionStep] = []
        for section in form.sections {
            var step = SectionStep(relevant: rule(section.relevant), questions: [], checks: [])
            for item in section.items {
                switch item {
                case let .question(field):
                    guard let slot = fieldSlots[field.id] else { continue }
                    step.questions.append(VisibilityStep(field: slot, relevant: rule(field.relevant)))
                    if let id = field.criterionID, let criterion = criterionSlots[id] { scoredSteps.append(.question(field: slot, criterion: criterion)) }
                case let .check(check):
                    guard let criterion = criterionSlots[check.criterionID] else { continue }
                    let relevant = rule(check.relevant)
                    let met = rule(check.met) ?? 0
                    step.checks.append(checkSteps.count)
                    scoredSteps.append(.check(checkSteps.count))
                    checkSteps.append(CheckStep(criterion: criterion, relevant: relevant, met: met))
                }
            }
            sectionSteps.append(step)
        }
        self.sectionSteps = sectionSteps
        self.checkSteps = checkSteps
        flagSteps = form.flags.compactMap { flag in rule(flag.when).map { ($0, flag.message) } }
        self.scoredSteps = scoredSteps
        fieldRules = fields.enumerated().map { slot, field in
            let requirement: RequirementRule
            switch field.requirement {
            case .optional: requirement = .optional
            case .required: requirement = .required
            case let .when(expression): requirement = .when(rule(expression) ?? 0)
            }
            return FieldRules(constraint: rule(field.constraint, current: slot), requirement: requirement,
                              criterion: field.criterionID.flatMap { criterionSlots[$0] }, comment: field.comment, isScored: field.isScored)
        }
        occurredOnSlot = fieldSlots["occurred_on"]
        criterionScales = criteria.map(\.scale)
        self.rules = rules
        calculator = ScoreCalculator(standard: standard)
        parser = AnswerParser(standard: standard)
    }

    /// How many checks the form has (the slots of `Visibility.appliedChecks`).
    public var checkCount: Int { checkSteps.count }

    /// The criterion slot a check decides.
    public func criterion(ofCheck check: Int) -> Int { checkSteps[check].criterion }

    /// Which fields are shown and which checks apply.
    public struct Visibility: Sendable, Hashable {
        public var shownFields: SlotSet
        public var appliedChecks: SlotSet
    }

    /// Evaluates relevance in form order. `answers` becomes what later rules see: a hidden answer
    /// is cleared, as form users expect.
    public func visibility(_ answers: inout [AnswerValue?], fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> Visibility {
        var result = Visibility(shownFields: SlotSet(capacity: fields.count), appliedChecks: SlotSet(capacity: checkSteps.count))
        for step in contextSteps {
            if try holds(step.relevant, answers, fallback) {
                result.shownFields.insert(step.field)
            } else {
                answers[step.field] = nil
            }
        }
        // Questions and checks in form order within each section: a rule sees earlier answers as left.
        for section in sectionSteps {
            let sectionShown = try holds(section.relevant, answers, fallback)
            for question in section.questions {
                if sectionShown, try holds(question.relevant, answers, fallback) {
                    result.shownFields.insert(question.field)
                } else {
                    answers[question.field] = nil
                }
            }
            for check in section.checks where sectionShown {
                if try holds(checkSteps[check].relevant, answers, fallback) { result.appliedChecks.insert(check) }
            }
        }
        return result
    }

    /// Whether rule `index` (none: always) holds over `answers`.
    func holds(_ index: Int?, _ answers: [AnswerValue?], _ fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> Bool {
        guard let index else { return true }
        let rule = rules[index]
        if let native = rule.native, let value = RuleEvaluator.evaluate(native, answers: answers) { return value }
        guard let fallback else {
            throw ExpressionEvaluationError(expression: rule.expression.source, reason: "it needs libxml2's XPath, which is not available here")
        }
        for (slot, field) in fields.enumerated() { fallback.setAnswer(answers[slot], for: field.id) }
        return try fallback.evaluate(rule.expression, current: rule.current.map { fields[$0].id })
    }

    /// Whether field `slot` must be answered, over `visible` (answers after `visibility`).
    func isRequired(_ slot: Int, visible: [AnswerValue?], fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> Bool {
        if fieldRules[slot].isScored { return true }
        switch fieldRules[slot].requirement {
        case .optional: return false
        case .required: return true
        case let .when(rule): return try holds(rule, visible, fallback)
        }
    }

    /// Whether field `slot`'s constraint fails for its answer in `visible`.
    func failsConstraint(_ slot: Int, visible: [AnswerValue?], fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> Bool {
        guard let constraint = fieldRules[slot].constraint, let value = visible[slot], value != .notApplicable else { return false }
        return !(try holds(constraint, visible, fallback))
    }

    /// The outcome of every criterion the form assesses, by criterion slot (nil: not assessed).
    public func outcomes(_ answers: [AnswerValue?], visible: [AnswerValue?], visibility: Visibility,
                         fallback: (any FormEvaluating)?) throws(ExpressionEvaluationError) -> [CriterionOutcome?] {
        var outcomes = [CriterionOutcome?](repeating: nil, count: criteria.count)
        for step in scoredSteps {
            switch step {
            case let .question(field, criterion):
                guard visibility.shownFields.contains(field), let value = answers[field] else {
                    outcomes[criterion] = .hidden
                    continue
                }
                outcomes[criterion] = FormPlan.outcome(of: value)
            case let .check(check):
                let step = checkSteps[check]
                guard visibility.appliedChecks.contains(check) else {
                    outcomes[step.criterion] = .hidden
                    continue
                }
                outcomes[step.criterion] = .met(try holds(step.met, visible, fallback))
            }
        }
        return outcomes
    }

    static func outcome(of value: AnswerValue) -> CriterionOutcome {
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
}

/// One expression of a form, compiled for the native evaluator where it fits the subset.
public struct CompiledRule: Sendable {
    public let expression: Expression
    /// The native form, or nil when libxml2 evaluates it.
    public let native: RuleExpression?
    /// Why libxml2 evaluates it (nil when native).
    public let fallbackReason: String?
    /// The field slot `.` stands for (a constraint's field).
    public let current: Int?

    init(_ expression: Expression, fieldSlots: [String: Int], current: Int?, native: Bool) {
        self.expression = expression
        self.current = current
        guard native else {
            self.native = nil
            fallbackReason = "native evaluation is switched off"
            return
        }
        do {
            self.native = try RuleExpression.compile(expression.source, fieldSlot: { fieldSlots[$0] }, current: current)
            fallbackReason = nil
        } catch {
            self.native = nil
            fallbackReason = error.reason
        }
    }
}
