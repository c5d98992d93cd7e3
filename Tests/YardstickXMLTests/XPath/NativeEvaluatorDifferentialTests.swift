import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickXML

/// The native rule evaluator against libxml2's XPath, the specification it must match: every
/// expression of every bundled form and a generated corpus, each over thousands of random answer
/// sheets; any difference is a failure.
struct NativeEvaluatorDifferentialTests {
    static let sheetsPerExpression = 2000

    /// Answers of every kind the engine stores, with the values where XPath's conversions bite.
    static func randomAnswer(for field: FormField, _ random: inout SeededRandom) -> AnswerValue? {
        if random.chance(0.15) { return nil }
        if random.chance(0.05) { return .notApplicable }
        switch field.type {
        case .yesNo: return random.chance(0.5) ? .yes : .no
        case .scale, .integer, .duration:
            return .number(Double(random.pick([0, 1, 2, 3, 4, 5, 20, 59, 60, 61, 300, 3599, 3600, 86_400, -1, 2_147_483_647, 9_007_199_254_740_993])))
        case .number:
            return .number(random.pick([0, 0.5, -0.0, 12.5, 0.1, 0.30000000000000004, 1e-7, 2.675, 123_456.789, 1e21, 99.99, 100, -3.25]))
        case .date: return .text(random.pick(["2026-03-02", "2026-12-31", "1999-01-01"]))
        case .time: return .text(random.pick(["09:05", "23:59", "00:00"]))
        case .choice, .multiChoice:
            let values = field.options.map(\.value)
            return .text(values.isEmpty ? "x" : random.pick(values + [values.joined(separator: " ")]))
        case .text:
            return .text(random.pick(["", "x", "yes", "12", " 12 ", "-0", "1e3", ".5", "5.", "NaN", "abc def", "é", "e\u{301}", "ja", "1.0", "-", "0x10"]))
        }
    }

    struct Tally {
        var expressions = 0
        var evaluations = 0
        var undecided = 0
        var differences: [String] = []
    }

    /// Evaluates every native rule of `plan` both ways over random sheets.
    static func compare(_ plan: FormPlan, rules: [CompiledRule], seed: UInt64, tally: inout Tally) throws {
        let libxml2 = XPathFormEvaluator(form: plan.form)
        var random = SeededRandom(seed: seed)
        for rule in rules {
            guard let native = rule.native else { continue }
            tally.expressions += 1
            for _ in 0..<sheetsPerExpression {
                let sheet = plan.fields.map { randomAnswer(for: $0, &random) }
                for (slot, field) in plan.fields.enumerated() { libxml2.setAnswer(sheet[slot], for: field.id) }
                let expected = try libxml2.evaluate(rule.expression, current: rule.current.map { plan.fields[$0].id })
                tally.evaluations += 1
                guard let actual = RuleEvaluator.evaluate(native, answers: sheet) else {
                    tally.undecided += 1
                    continue
                }
                if actual != expected, tally.differences.count < 20 {
                    let answers = plan.fields.indices.compactMap { slot in sheet[slot].map { "\(plan.fields[slot].id)=\($0.expressionText)" } }
                    tally.differences.append("\(rule.expression.source): libxml2 \(expected), native \(actual) with \(answers.joined(separator: ", "))")
                }
            }
        }
    }

    static let bundled = [
        ("forms/call-review.xml", "standards/contact-centre.xml"), ("forms/chat-review.xml", "standards/contact-centre.xml"),
        ("forms/email-review.xml", "standards/contact-centre.xml"), ("forms/store-visit.xml", "standards/store-visit.xml"),
    ]

    @Test func agreesWithLibxml2OnEveryBundledRule() throws {
        var tally = Tally()
        for (formPath, standardPath) in Self.bundled {
            guard case let .form(form) = try CallReviewScenarioTests.load(formPath),
                  case let .standard(standard) = try CallReviewScenarioTests.load(standardPath) else { throw CallReviewScenarioTests.Failure() }
            let plan = FormPlan(form: form, standard: standard)
            #expect(plan.rules.allSatisfy { $0.native != nil }, "every bundled rule is in the native subset: \(plan.rules.filter { $0.native == nil }.map(\.expression.source))")
            try Self.compare(plan, rules: plan.rules, seed: 7, tally: &tally)
        }
        print("bundled forms: \(tally.expressions) expressions × \(Self.sheetsPerExpression) answer sheets = \(tally.evaluations) evaluations, \(tally.differences.count) differences")
        #expect(tally.expressions >= 40)
        #expect(tally.differences.isEmpty, "\(tally.differences.joined(separator: "\n"))")
        #expect(tally.undecided == 0)
    }

    /// A form with a field of every type, for the generated corpus.
    static let corpusForm = Form(
        id: "corpus", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "Corpus", context: [],
        sections: [FormSection(id: "main", title: "Main", items: [
            .question(FormField(id: "yn", type: .yesNo)), .question(FormField(id: "n", type: .number)),
            .question(FormField(id: "i", type: .integer)), .question(FormField(id: "d", type: .duration)),
            .question(FormField(id: "t", type: .text)), .question(FormField(id: "u", type: .text)),
            .question(FormField(id: "c", type: .choice, options: [ChoiceOption(value: "complaint", label: "C"), ChoiceOption(value: "order", label: "O")])),
            .question(FormField(id: "m", type: .multiChoice, options: [ChoiceOption(value: "a", label: "A"), ChoiceOption(value: "b", label: "B")])),
        ])])

    /// A random expression of the subset, up to `depth` levels deep.
    static func expression(_ random: inout SeededRandom, depth: Int) -> String {
        let names = ["yn", "n", "i", "d", "t", "u", "c", "m", "missing", "."]
        let literals = ["'yes'", "'no'", "''", "'12'", "' 12 '", "'1.0'", "'NaN'", "'-0'", "'abc def'", "'complaint'", "'é'", "'1e3'", "\"a\"", "'.5'"]
        let numbers = ["0", "1", "2.5", "12", "-1", "3600", ".5", "5.", "0.1", "100"]
        func atom() -> String {
            switch random.integer(in: 0...3) {
            case 0, 1: return random.pick(names)
            case 2: return random.pick(literals)
            default: return random.pick(numbers)
            }
        }
        guard depth > 0 else { return atom() }
        let a = expression(&random, depth: depth - 1), b = expression(&random, depth: depth - 1)
        switch random.integer(in: 0...12) {
        case 0: return "\(a) \(random.pick(["=", "!=", "<", "<=", ">", ">="])) \(b)"
        case 1: return "\(a) \(random.pick(["and", "or"])) \(b)"
        case 12: return "\(random.pick(names.filter { $0 != "." })) \(random.pick(["and", "or", "div", "mod"])) \(random.pick(names.filter { $0 != "." }))"
        case 2: return "not(\(a))"
        case 3: return "(\(a) \(random.pick(["+", "-", "*", "div", "mod"])) \(b))"
        case 4: return "string-length(\(a))"
        case 5: return "contains(\(a), \(b))"
        case 6: return "starts-with(\(a), \(b))"
        case 7: return "concat(\(a), \(b))"
        case 8: return "count(\(random.pick(["yn", "t", "missing", "m"])))"
        case 9: return "-\(a)"
        case 10: return random.pick(["true()", "false()", "number(\(a))", "boolean(\(a))", "string(\(a))"])
        default: return "\(atom()) \(random.pick(["=", "!=", "<", ">="])) \(atom())"
        }
    }

    @Test func agreesWithLibxml2OnAGeneratedCorpus() throws {
        let standard = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "All", minimum: 0)], categories: [])
        var random = SeededRandom(seed: 11)
        var rules: [CompiledRule] = []
        let probe = FormPlan(form: Self.corpusForm, standard: standard)
        while rules.count < 400 {
            let source = Self.expression(&random, depth: random.integer(in: 0...3))
            // Alternately a skip rule (names are answers) and a constraint of the text field `t`
            // (`.` is that answer and names find nothing, the context being the answer element).
            var form = Self.corpusForm
            if rules.count % 2 == 0 {
                form.sections[0].items[5] = .question(FormField(id: "u", type: .text, relevant: Expression(source)))
            } else {
                form.sections[0].items[4] = .question(FormField(id: "t", type: .text, constraint: Expression(source)))
            }
            let plan = FormPlan(form: form, standard: standard)
            guard let rule = plan.rules.first, rule.native != nil, XPathCompiler().compileError(for: source) == nil else { continue }
            rules.append(rule)
        }
        var tally = Tally()
        try Self.compare(probe, rules: rules, seed: 13, tally: &tally)
        print("generated corpus: \(tally.expressions) expressions × \(Self.sheetsPerExpression) answer sheets = \(tally.evaluations) evaluations, \(tally.undecided) left to libxml2 at run time, \(tally.differences.count) differences")
        #expect(tally.expressions == 400)
        #expect(tally.differences.isEmpty, "\(tally.differences.joined(separator: "\n"))")
        // Only computed non-integral numbers turned into text are left to libxml2 at run time.
        #expect(tally.undecided < tally.evaluations / 10)
    }

    @Test func leavesWhatIsOutsideTheSubsetToLibxml2() {
        for source in ["/answers/held = 'yes'", "held[. = 'yes']", "@id", "..", "a | b", "child::a", "text() = 'x'", "$v", "p:q = 1",
                       "sum(a)", "1e3 > 2", "a and and b", "translate(a, 'x', 'y')", "count(1)", "concat('a')"] {
            #expect((try? RuleExpression.compile(source, fieldSlot: { _ in 0 }, current: nil)) == nil, "\(source)")
        }
        #expect((try? RuleExpression.compile(".", fieldSlot: { _ in 0 }, current: nil)) == nil, "'.' outside a constraint is the whole document")
        #expect((try? RuleExpression.compile(". > 0", fieldSlot: { _ in nil }, current: 3)) == .compare(.greater, .field(3), .number(0)))
        #expect((try? RuleExpression.compile("held and transferred", fieldSlot: { $0 == "held" ? 0 : 1 }, current: nil)) == .and(.field(0), .field(1)),
                "an operator name after a name is the operator")
        #expect((try? RuleExpression.compile("secs div 60 > 1", fieldSlot: { _ in 2 }, current: nil)) != nil)
    }
}
