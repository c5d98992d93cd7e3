import Testing
@testable import YardstickCore

struct AuditRowTests {
    /// Expressions are never evaluated by the header checks.
    private final class UnusedEvaluator: FormEvaluating {
        func setAnswer(_ value: AnswerValue?, for fieldID: String) {}
        func evaluate(_ expression: Expression, current fieldID: String?) throws(ExpressionEvaluationError) -> Bool { true }
    }

    private func reader() -> AuditRowReader {
        let form = Form(id: "call-review", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "Call review",
                        context: [FormField(id: "call_id", type: .text)],
                        sections: [FormSection(id: "main", title: "Main", items: [.question(FormField(id: "greeting", type: .text))])])
        let standard = Standard(id: "s", version: "1", title: "S", bands: [], categories: [])
        return AuditRowReader(engine: FormEngine(form: form, standard: standard, evaluator: UnusedEvaluator()))
    }

    @Test func acceptsFixedColumnsFieldsAndTheirCommentColumns() {
        #expect(reader().headerProblems(["agent", "auditor", "occurred_on", "call_id", "greeting", "greeting_comment", "external_id"]).isEmpty)
    }

    @Test func reportsUnknownAndRepeatedColumnsAndMissingEssentialOnes() {
        let problems = reader().headerProblems(["call_id", "colour", "call_id", "other_comment"])
        #expect(problems.map(\.fieldID) == ["colour", "call_id", "other_comment", "agent", "occurred_on"])
        #expect(problems[0].message == "unknown column: form 'call-review' has no field or question 'colour'")
        #expect(problems[1].message == "the column appears twice")
        #expect(problems[3].message == "the header has no 'agent' column")
    }

    @Test func acceptsALocationInsteadOfAnAgent() {
        #expect(reader().headerProblems(["location", "occurred_on"]).isEmpty)
    }

    @Test func listsAtMostAHundredProblemsForAMillionUnknownColumnsAndSumsUpTheRest() {
        // A million columns once took minutes (a linear search per column) and printed a million lines.
        let columns = (1...1_000_000).map { "c\($0)" }
        let problems = reader().headerProblems(columns)
        #expect(problems.count == AuditRowReader.headerProblemLimit + 1)
        // The essential columns that are missing are never the ones cut.
        #expect(problems.suffix(3).map(\.fieldID) == ["agent", "occurred_on", "c99"])
        #expect(problems.first?.fieldID == "c1")
        #expect(problems.last?.message == "… and 999902 more problems with the header's columns, from this column on")
    }

    @Test func listsEveryProblemUpToTheLimitWithoutASummary() {
        let columns = ["agent", "occurred_on"] + (1...AuditRowReader.headerProblemLimit).map { "c\($0)" }
        let problems = reader().headerProblems(columns)
        #expect(problems.count == AuditRowReader.headerProblemLimit)
        #expect(problems.last?.fieldID == "c100")
    }
}
