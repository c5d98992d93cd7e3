import Testing
import YardstickCore
@testable import YardstickXML

struct XPathCompilerTests {
    let compiler = XPathCompiler()

    /// Ids of a form with `count` answers.
    static func fieldIDs(_ count: Int) -> [String] { (0..<count).map { "q\($0)" } }

    /// `terms` comparisons joined by `joiner`, cycling over the first `fields` answers.
    static func chain(_ terms: Int, _ joiner: String, value: String = "yes", fields: Int = 20) -> String {
        (0..<terms).map { "q\($0 % fields) = '\(value)'" }.joined(separator: " \(joiner) ")
    }

    @Test(arguments: ["held = 'yes'", "longest_hold <= 60", ". >= 0 and . < 3600", "string-length(.) >= 4", "not(a) or b"])
    func compilesValidExpressions(_ source: String) {
        #expect(compiler.compileError(for: source) == nil)
    }

    @Test func explainsWhereAnExpressionBreaks() {
        let problem = compiler.compileError(for: "longest_hold <= = 60")
        #expect(problem == "invalid expression at character 17 of \"longest_hold <= = 60\"")
    }

    @Test(arguments: ["held = 'yes", "(a", "a ==", "]"])
    func rejectsInvalidExpressions(_ source: String) {
        #expect(compiler.compileError(for: source) != nil)
    }

    @Test(arguments: [
        "q1 = 'yes'", ". >= 0 and . < 3600", "string-length(.) >= 4", "q3 = 'yes' and q4 <= 60",
        "contains(concat(' ', q5, ' '), ' refund ')", "count(*[. = 'yes']) >= 3", chain(200, "and"),
    ])
    func findsNoProblemInRulesOfARealisticSize(_ source: String) {
        #expect(compiler.evaluationProblem(for: source, fieldIDs: Self.fieldIDs(60)) == nil)
    }

    @Test func refusesAChainTooLongForTheOperationLimitWhateverTheAnswers() throws {
        // With every term false the first one decides it, so a single trial run would look cheap;
        // the bound counts the work of the answers that make every term true.
        let problem = try #require(compiler.evaluationProblem(for: Self.chain(2000, "and", value: "no", fields: 60), fieldIDs: Self.fieldIDs(60)))
        #expect(problem.hasPrefix("it may need up to "))
        #expect(problem.hasSuffix("XPath operations, more than the limit of 100000 per rule; simplify it or split it over several questions or checks"))
        #expect(compiler.evaluationProblem(for: Self.chain(2000, "or", fields: 60), fieldIDs: Self.fieldIDs(60)) != nil)
    }

    @Test func refusesAPathExpressionThatDoesMoreWorkThanAllowedOnAFullForm() {
        let problem = compiler.evaluationProblem(for: "count(//*[count(//*[count(//*) > 0]) > 0]) > 0", fieldIDs: Self.fieldIDs(100))
        #expect(problem == "with every question answered it needs more than 100000 XPath operations, the limit per rule; simplify it or split it over several questions or checks")
    }

    @Test func refusesNestingTooDeepForLibxml2AndRuntimeTypeErrors() {
        // Cheap by the bound, but libxml2 stops evaluating at a recursion depth of 5000.
        let deep = Array(repeating: "1 = 1", count: 4999).joined(separator: " and ")
        #expect(compiler.evaluationProblem(for: deep, fieldIDs: Self.fieldIDs(3)) == "libxml2 cannot evaluate it (recursion limit exceeded)")
        #expect(compiler.evaluationProblem(for: "count('a') > 0", fieldIDs: Self.fieldIDs(3)) == "libxml2 cannot evaluate it (invalid type)")
    }

    @Test func checkRefusesAFiveThousandTermRuleQuicklyAtItsLocation() throws {
        let questions = Self.fieldIDs(20).map { SectionItem.question(FormField(id: $0, type: .yesNo)) }
        let rule = Expression(Self.chain(5000, "and"), at: SourceLocation(line: 31, column: 42))
        let form = Form(id: "f", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "F", context: [],
                        sections: [FormSection(id: "s", title: "S", items: questions + [.question(FormField(id: "last", type: .text, relevant: rule))])])
        var catalog = ReferenceCatalog()
        catalog.add([.standard(Standard(id: "s", version: "1", title: "S", bands: [Band(label: "All", minimum: 0)], categories: []))])
        let validator = DefinitionValidator(catalog: catalog, compiler: compiler)

        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure { diagnostics = validator.validate(.form(form), path: "f.xml") }

        #expect(elapsed < .milliseconds(500), "took \(elapsed)")
        let diagnostic = try #require(diagnostics.first { $0.message.contains("cannot be evaluated") })
        #expect(diagnostic.location == SourceLocation(line: 31, column: 42))
        #expect(diagnostic.message.hasPrefix("relevant expression \"q0 = 'yes' and q1 = 'yes'"))
        #expect(diagnostic.message.contains(" … "))
        #expect(diagnostic.message.hasSuffix("more than the limit of 100000 per rule; simplify it or split it over several questions or checks"))
    }

    @Test func everyRuleThatChecksCanBeEvaluatedByTheFormEvaluator() throws {
        // The trial runs as the evaluator does: what it accepts, the evaluator evaluates.
        let form = Form(id: "f", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "F", context: [],
                        sections: [FormSection(id: "s", title: "S", items: Self.fieldIDs(60).map { .question(FormField(id: $0, type: .yesNo)) })])
        let evaluator = XPathFormEvaluator(form: form)
        for field in form.answerFields { evaluator.setAnswer(.yes, for: field.id) }
        for terms in [100, 1000, 1400, 1600, 3000] {
            let source = Self.chain(terms, "and", fields: 60)
            let accepted = compiler.evaluationProblem(for: source, fieldIDs: Self.fieldIDs(60)) == nil
            let evaluated = (try? evaluator.evaluate(Expression(source), current: nil)) != nil
            #expect(!accepted || evaluated, "\(terms) terms: accepted by check but not evaluable")
        }
    }

    @Test func findsTheValuesARuleTakesOverEveryCombinationOfAnswers() {
        let held = ["", "yes", "no", "na"].map { ["held": $0] }
        #expect(compiler.truthValues(for: "held = 'yes' and held = 'no'", assignments: held, fieldIDs: ["held"]) == [false])
        #expect(compiler.truthValues(for: "held = 'yes' or held != 'yes'", assignments: held, fieldIDs: ["held"]) == [true])
        #expect(compiler.truthValues(for: "held = 'yes'", assignments: held, fieldIDs: ["held"]) == [true, false])
    }
}
