import Testing
@testable import YardstickCore

/// Stands in for libxml2: records what the engine shows it, and answers every expression with `result`.
final class RecordingEvaluator: FormEvaluating {
    var result: Bool
    private(set) var answers: [String: String] = [:]
    private(set) var evaluated: [String] = []

    init(result: Bool) { self.result = result }

    func setAnswer(_ value: AnswerValue?, for fieldID: String) { answers[fieldID] = value?.expressionText }

    func evaluate(_ expression: Expression, current fieldID: String?) throws(ExpressionEvaluationError) -> Bool {
        evaluated.append(expression.source)
        return result
    }
}

struct FormEngineTests {
    let standard = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "All", minimum: 0)], categories: [
        Category(id: "c", title: "C", criteria: [Criterion(id: "GREET", categoryID: "c", title: "Greets", weight: 1)]),
    ])

    func engine(_ questions: [FormField], evaluator: RecordingEvaluator) -> FormEngine {
        let form = Form(id: "f", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "F", context: [],
                        sections: [FormSection(id: "s", title: "S", items: questions.map(SectionItem.question))])
        return FormEngine(form: form, standard: standard, evaluator: evaluator, native: false)
    }

    @Test func doesNotApplyAConstraintToAnNAAnswer() throws {
        // Every constraint fails here, so only a constraint that is skipped leaves no problem.
        let evaluator = RecordingEvaluator(result: false)
        let wait = FormField(id: "wait", type: .duration, constraint: Expression(". < 3600"))
        let engine = engine([wait], evaluator: evaluator)

        #expect(try engine.problems(["wait": .notApplicable], comments: [:]) == [])
        #expect(try engine.constraintProblem(.notApplicable, for: wait, answers: [:]) == nil)
        #expect(evaluator.evaluated.isEmpty)

        #expect(try engine.problems(["wait": .number(4000)], comments: [:]) == [FieldProblem(fieldID: "wait", "the answer must satisfy . < 3600")])
        #expect(try engine.constraintProblem(.number(4000), for: wait, answers: [:]) != nil)
        // A rule left to the fallback evaluator sees the answers as the libxml2 document holds them.
        #expect(evaluator.answers["wait"] == "4000")
    }

    @Test func wordsAMissingCommentByTheFieldsCommentPolicy() throws {
        let engine = engine([
            FormField(id: "notes_ok", type: .yesNo, comment: .required),
            FormField(id: "greeting", type: .yesNo, criterionID: "GREET", comment: .requiredIfNotMet),
        ], evaluator: RecordingEvaluator(result: true))
        let problems = try engine.problems(["notes_ok": .yes, "greeting": .no], comments: [:]).map(\.description)
        #expect(problems == [
            "notes_ok_comment: a comment is required for 'notes_ok'",
            "greeting_comment: a comment is required when 'greeting' is not met",
        ])
        #expect(try engine.problems(["notes_ok": .yes, "greeting": .no], comments: ["notes_ok": "fine", "greeting": "mumbled"]) == [])
    }
}
