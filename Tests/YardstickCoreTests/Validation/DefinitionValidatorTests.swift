import Testing
@testable import YardstickCore

/// Stands in for libxml2: anything containing "!!" fails to compile, anything containing "%%" to evaluate.
struct FakeCompiler: ExpressionCompiling {
    func compileError(for source: String) -> String? { source.contains("!!") ? "invalid expression" : nil }

    func evaluationProblem(for source: String, fieldIDs: [String]) -> String? {
        source.contains("%%") ? "it needs more than 100 operations" : nil
    }

    func truthValues(for source: String, assignments: [[String: String]], fieldIDs: [String]) -> Set<Bool>? { nil }
}

struct DefinitionValidatorTests {
    func at(_ line: Int) -> SourceAnchor { SourceAnchor(element: SourceLocation(line: line, column: 3)) }

    var standard: Standard {
        Standard(id: "cc", version: "1", title: "CC", bands: [Band(label: "Good", minimum: 80), Band(label: "Poor", minimum: 0)], categories: [
            Category(id: "hold", title: "Hold", criteria: [
                Criterion(id: "HOLD-OK", categoryID: "hold", title: "Asks", guidance: "g", weight: 2, channels: ["phone"], trainingModuleIDs: ["TR-1"]),
                Criterion(id: "EMPATHY", categoryID: "hold", title: "Empathy", guidance: "g", weight: 4, scale: .range(minimum: 0, maximum: 4),
                          levels: [ScaleLevel(value: 0, label: "none")]),
                Criterion(id: "RESPECT", categoryID: "hold", title: "Respect", guidance: "g", weight: 5, notApplicable: .never, critical: .zeroAudit),
            ]),
        ])
    }

    func validator(with definitions: [Definition] = []) -> DefinitionValidator {
        var catalog = ReferenceCatalog()
        catalog.add(definitions)
        return DefinitionValidator(catalog: catalog, compiler: FakeCompiler())
    }

    func form(_ items: [SectionItem], context: [FormField] = []) -> Form {
        Form(id: "f", version: "1", standardID: "cc", kind: .callReview, channel: "phone", title: "F", context: context,
             sections: [FormSection(id: "s", title: "S", items: items)])
    }

    func messages(_ form: Form) -> [String] {
        validator(with: [.standard(standard)]).validate(.form(form), path: "f.xml").map { "\($0.severity.rawValue) \($0.location.line): \($0.message)" }
    }

    @Test func acceptsAConsistentStandard() {
        var catalog = ReferenceCatalog()
        catalog.add([.training(TrainingCatalogue(id: "t", version: "1", title: "T", modules: [
            TrainingModule(id: "TR-1", title: "x", format: .workshop, minutes: 30, description: "d"),
        ]))])
        let diagnostics = DefinitionValidator(catalog: catalog, compiler: FakeCompiler()).validate(.standard(standard), path: "s.xml")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test func reportsBandsOutOfOrderAndWithoutAZeroBand() {
        var broken = standard
        broken.bands = [Band(label: "Good", minimum: 80, anchor: at(3)), Band(label: "Great", minimum: 90, anchor: at(4))]
        let messages = validator().validate(.standard(broken), path: "s.xml").map(\.message)
        #expect(messages.contains { $0.contains("must be below the band before it") })
        #expect(messages.contains { $0.contains("no band has min=\"0\"") })
    }

    @Test func reportsWeightsScalesDuplicatesAndUnknownTraining() {
        var broken = standard
        broken.categories[0].criteria[0].weight = 0
        broken.categories[0].criteria[1].scale = .range(minimum: 4, maximum: 4)
        broken.categories[0].criteria[2].id = "HOLD-OK"
        var catalog = ReferenceCatalog()
        catalog.add([.training(TrainingCatalogue(id: "t", version: "1", title: "T", modules: []))])
        let messages = DefinitionValidator(catalog: catalog, compiler: FakeCompiler()).validate(.standard(broken), path: "s.xml").map(\.message)
        #expect(messages.contains("criterion 'HOLD-OK' has weight 0; a weight must be greater than 0"))
        #expect(messages.contains { $0.contains("scale \"4-4\"; the bounds must be increasing integers") })
        #expect(messages.contains { $0.hasPrefix("duplicate criterion 'HOLD-OK'") })
        #expect(messages.contains("criterion 'HOLD-OK' links to unknown training module 'TR-1'"))
    }

    @Test func reportsScaleBoundsBeyondWhatStoredResultsCanHold() {
        var broken = standard
        broken.categories[0].criteria[1].scale = .range(minimum: 0, maximum: Int(Int32.max) + 1)
        let messages = validator().validate(.standard(broken), path: "s.xml").map(\.message)
        #expect(messages.contains("criterion 'EMPATHY' has scale \"0-2147483648\"; scale bounds must lie between -2147483648 and 2147483647"))
    }

    @Test func reportsAnUnknownStandard() {
        let diagnostics = validator().validate(.form(form([])), path: "f.xml")
        #expect(diagnostics.map(\.message) == ["form 'f' refers to unknown standard 'cc'; check or load that standard with it"])
    }

    @Test func reportsACriterionBoundTwiceAndAnUnknownCriterion() {
        let messages = messages(form([
            .question(FormField(id: "a", type: .yesNo, criterionID: "HOLD-OK", anchor: at(10))),
            .question(FormField(id: "b", type: .yesNo, criterionID: "HOLD-OK", anchor: at(11))),
            .question(FormField(id: "c", type: .yesNo, criterionID: "NOPE", anchor: at(12))),
        ]))
        #expect(messages.contains("error 11: criterion 'HOLD-OK' is bound twice in this form (first at line 10); each criterion is scored once"))
        #expect(messages.contains("error 12: unknown criterion 'NOPE'; standard 'cc' has no such criterion"))
    }

    @Test func reportsQuestionTypesThatDoNotFitTheCriterionsScale() {
        let messages = messages(form([
            .question(FormField(id: "a", type: .scale, criterionID: "HOLD-OK", anchor: at(10))),
            .question(FormField(id: "b", type: .yesNo, criterionID: "EMPATHY", anchor: at(11))),
            .check(Check(criterionID: "RESPECT", met: Expression("a = 'yes'"), anchor: at(12))),
        ]))
        #expect(messages.contains { $0.hasPrefix("error 10: question 'a' is of type scale but criterion 'HOLD-OK' is rated yes-no") })
        #expect(messages.contains { $0.hasPrefix("error 11: question 'b' is of type yes-no but criterion 'EMPATHY' is rated on the scale 0-4") })
        #expect(!messages.contains { $0.hasPrefix("error 12") })
    }

    @Test func reportsACheckBoundToAScaleCriterion() {
        let messages = messages(form([
            .question(FormField(id: "wait", type: .duration)),
            .check(Check(criterionID: "EMPATHY", met: Expression("wait <= 5"), anchor: at(12))),
        ]))
        #expect(messages.contains { $0.hasPrefix("error 12: a check is met or not met, but criterion 'EMPATHY'") })
    }

    @Test func warnsWhenANeverNACriterionCanBeHidden() {
        let messages = messages(form([
            .question(FormField(id: "held", type: .yesNo)),
            .question(FormField(id: "respect", type: .yesNo, relevant: Expression("held = 'yes'"), criterionID: "RESPECT", anchor: at(9))),
        ]))
        #expect(messages.contains { $0.hasPrefix("warning 9: criterion 'RESPECT' is na=\"never\" but can be hidden") })
    }

    @Test func reportsExpressionsThatDoNotCompileOrNameUnknownAnswers() {
        let messages = messages(form([
            .question(FormField(id: "held", type: .yesNo)),
            .question(FormField(id: "a", type: .yesNo, relevant: Expression("helld = 'yes'", at: SourceLocation(line: 20, column: 5)))),
            .question(FormField(id: "b", type: .integer, constraint: Expression(". !! 3", at: SourceLocation(line: 21, column: 5)))),
            .question(FormField(id: "c", type: .yesNo, relevant: Expression("held and and a", at: SourceLocation(line: 22, column: 5)))),
            .question(FormField(id: "d", type: .yesNo, relevant: Expression("today() > $x", at: SourceLocation(line: 23, column: 5)))),
        ]))
        #expect(messages.contains("error 20: relevant expression \"helld = 'yes'\" names 'helld', which is no field or question of this form"))
        #expect(messages.contains("error 21: constraint expression \". !! 3\" does not compile: invalid expression"))
        #expect(messages.contains { $0.hasPrefix("error 22: relevant expression \"held and and a\" names 'and'") && $0.contains("operand missing") })
        #expect(messages.contains { $0.hasPrefix("error 23: relevant expression calls unknown function 'today()'") })
        #expect(messages.contains { $0.hasPrefix("error 23: relevant expression uses variable '$x'") })
    }

    @Test func reportsARelevanceCycleOnce() {
        let messages = messages(form([
            .question(FormField(id: "a", type: .yesNo, relevant: Expression("c = 'yes'", at: SourceLocation(line: 5, column: 1)))),
            .question(FormField(id: "b", type: .yesNo, relevant: Expression("a = 'yes'", at: SourceLocation(line: 6, column: 1)))),
            .question(FormField(id: "c", type: .yesNo, relevant: Expression("b = 'yes'", at: SourceLocation(line: 7, column: 1)))),
        ]))
        let cycles = messages.filter { $0.contains("relevance cycle") }
        #expect(cycles == ["error 5: relevance cycle: a → c → b → a; a question cannot depend on itself"])
    }

    @Test func reportsASelfReferencingRelevance() {
        let messages = messages(form([.question(FormField(id: "a", type: .yesNo, relevant: Expression("a = 'yes'")))]))
        #expect(messages.contains { $0.contains("relevance cycle: a → a") })
    }

    func located(_ form: Form) -> [String] {
        validator(with: [.standard(standard)]).validate(.form(form), path: "f.xml").map(\.description)
    }

    func rule(_ source: String, line: Int) -> Expression { Expression(source, at: SourceLocation(line: line, column: 17)) }

    @Test func reportsARelevanceThatNamesALaterQuestionWithTheRulesLocation() {
        let diagnostics = located(form([
            .question(FormField(id: "greeting", type: .yesNo, relevant: rule("transferred = 'yes'", line: 41), anchor: at(41))),
            .question(FormField(id: "transferred", type: .yesNo, anchor: at(42))),
        ]))
        #expect(diagnostics == [
            "f.xml:41:17: error: relevant expression \"transferred = 'yes'\" names 'transferred', which comes later in the form (line 42); a rule may only use answers given before it — move the question up or the rule down",
        ])
    }

    @Test func reportsRequiredRulesAndConstraintsThatNameLaterAnswers() {
        let messages = messages(form([
            .question(FormField(id: "wait", type: .duration, requirement: .when(rule("held = 'yes'", line: 30)), anchor: at(30))),
            .question(FormField(id: "hold", type: .duration, constraint: rule(". <= wait and . <= longest", line: 31), anchor: at(31))),
            .question(FormField(id: "held", type: .yesNo, anchor: at(32))),
            .question(FormField(id: "longest", type: .duration, anchor: at(33))),
        ]))
        #expect(messages.contains { $0.hasPrefix("error 30: required expression \"held = 'yes'\" names 'held', which comes later in the form (line 32)") })
        #expect(messages.contains { $0.hasPrefix("error 31: constraint expression \". <= wait and . <= longest\" names 'longest', which comes later in the form (line 33)") })
        #expect(!messages.contains { $0.contains("names 'wait'") })
    }

    @Test func reportsAContextRuleThatNamesAQuestion() {
        let messages = messages(form([.question(FormField(id: "held", type: .yesNo, anchor: at(20)))], context: [
            FormField(id: "call_id", type: .text, relevant: rule("held = 'yes'", line: 5), anchor: at(5)),
        ]))
        #expect(messages.contains { $0.hasPrefix("error 5: relevant expression \"held = 'yes'\" names 'held', which comes later in the form (line 20)") })
    }

    @Test func reportsARelevanceOrRequiredRuleThatNamesItsOwnQuestionButNotAConstraint() {
        let messages = messages(form([
            .question(FormField(id: "a", type: .yesNo, relevant: rule("a = 'yes'", line: 8))),
            .question(FormField(id: "b", type: .integer, requirement: .when(rule("b > 1", line: 9)))),
            .question(FormField(id: "c", type: .integer, constraint: rule("c > 1 and . < 9", line: 10))),
        ]))
        #expect(messages.contains { $0.hasPrefix("error 8: relevant expression \"a = 'yes'\" names 'a', the question it belongs to") })
        #expect(messages.contains { $0.hasPrefix("error 9: required expression \"b > 1\" names 'b', the question it belongs to") })
        #expect(!messages.contains { $0.hasPrefix("error 10") })
    }

    @Test func reportsASectionRuleThatNamesAQuestionInsideOrAfterTheSection() {
        let form = Form(id: "f", version: "1", standardID: "cc", kind: .callReview, channel: "phone", title: "F", context: [
            FormField(id: "visit", type: .text, anchor: at(3)),
        ], sections: [
            FormSection(id: "first", title: "First", items: [.question(FormField(id: "bought", type: .yesNo, anchor: at(6)))]),
            FormSection(id: "till", title: "Till", relevant: rule("bought = 'yes' and queue > 0 and visit != ''", line: 8), items: [
                .question(FormField(id: "queue", type: .duration, anchor: at(9))),
            ]),
            FormSection(id: "returns", title: "Returns", relevant: rule("later = 'yes'", line: 11), items: []),
            FormSection(id: "last", title: "Last", items: [.question(FormField(id: "later", type: .yesNo, anchor: at(14)))]),
        ])
        let messages = messages(form)
        #expect(messages.contains { $0.hasPrefix("error 8: relevant expression \"bought = 'yes' and queue > 0 and visit != ''\" of section 'till' names 'queue', which is inside the section or after it (line 9)") })
        #expect(messages.contains { $0.hasPrefix("error 11: relevant expression \"later = 'yes'\" of section 'returns' names 'later', which is inside the section or after it (line 14)") })
        #expect(!messages.contains { $0.contains("names 'bought'") || $0.contains("names 'visit'") })
    }

    @Test func reportsACheckRelevanceThatNamesALaterQuestionButLetsMetNameAnyAnswer() {
        let messages = messages(form([
            .question(FormField(id: "held", type: .yesNo, anchor: at(4))),
            .check(Check(criterionID: "HOLD-OK", relevant: rule("held = 'yes' and longest > 0", line: 5), met: rule("longest <= 60", line: 5), anchor: at(5))),
            .question(FormField(id: "longest", type: .duration, anchor: at(6))),
        ]))
        #expect(messages.filter { $0.contains("comes later") } == [
            "error 5: relevant expression \"held = 'yes' and longest > 0\" names 'longest', which comes later in the form (line 6); a rule may only use answers given before it — move the question up or the rule down",
        ])
    }

    @Test func acceptsRulesThatOnlyNameEarlierAnswers() {
        let messages = messages(form([
            .question(FormField(id: "held", type: .yesNo)),
            .question(FormField(id: "longest", type: .duration, requirement: .when(rule("held = 'yes' and call_id != ''", line: 4)),
                                relevant: rule("held = 'yes'", line: 4), constraint: rule(". <= 3600", line: 4))),
            .check(Check(criterionID: "HOLD-OK", relevant: rule("held = 'yes'", line: 5), met: rule("longest <= 60", line: 5))),
        ], context: [FormField(id: "call_id", type: .text)]))
        #expect(messages.filter { $0.hasPrefix("error") } == [])
    }

    @Test func reportsAnExpressionTheEvaluatorCouldNeverEvaluateAtItsLocation() {
        let diagnostics = located(form([
            .question(FormField(id: "held", type: .yesNo)),
            .question(FormField(id: "longest", type: .duration, relevant: rule("held = 'yes' %% held", line: 12))),
        ]))
        #expect(diagnostics.contains(
            "f.xml:12:17: error: relevant expression \"held = 'yes' %% held\" cannot be evaluated: it needs more than 100 operations"))
    }

    @Test func reportsReservedAndDuplicateIdsAndMissingOptions() {
        let messages = messages(form([
            .question(FormField(id: "agent", type: .text, anchor: at(3))),
            .question(FormField(id: "x", type: .choice, anchor: at(4))),
            .question(FormField(id: "x", type: .text, anchor: at(5))),
        ], context: [FormField(id: "occurred_on", type: .text, anchor: at(2))]))
        #expect(messages.contains { $0.hasPrefix("error 2: context field 'occurred_on' is the date of the interaction") })
        #expect(messages.contains { $0.hasPrefix("error 3: 'agent' is a reserved column name") })
        #expect(messages.contains("error 4: choice question 'x' has no <option> elements"))
        #expect(messages.contains("error 5: duplicate field or question id 'x' (first defined at line 4)"))
    }

    @Test func reportsPolicyTiersOutOfOrderAndWithWrongSigns() {
        let euro = { (units: Int64) in Money(minorUnits: units, digits: 2) }
        let policy = IncentivePolicy(
            id: "p", version: "1", title: "P", currency: "EUR", minorUnitDigits: 2, period: .month,
            eligibility: Eligibility(label: "e", minimumAudits: 0),
            bonusTiers: [BonusTier(label: "Strong", minimumScore: 90, amount: euro(15000)), BonusTier(label: "Top", minimumScore: 95, amount: euro(-1))],
            penaltyTiers: [PenaltyTier(label: "Low", threshold: 70, amount: euro(100))],
            events: [EventRule(kind: .negativeReview, label: "n", amount: euro(500), measure: .nps, threshold: 12)],
            caps: Caps(), disputes: DisputeRules())
        let messages = validator().validate(.policy(policy), path: "p.xml").map(\.message)
        #expect(messages.contains { $0.hasPrefix("min-audits must be at least 1") })
        #expect(messages.contains { $0.hasPrefix("bonus tier 'Top' must have a lower min-score") })
        #expect(messages.contains { $0.hasPrefix("bonus tier 'Top' has a negative amount") })
        #expect(messages.contains { $0.hasPrefix("penalty tier 'Low' has a positive amount") })
        #expect(messages.contains { $0.hasPrefix("<negative-review> is a deduction") })
        #expect(messages.contains { $0.hasPrefix("threshold 12 is outside the NPS range") })
    }

    @Test func sortsDiagnosticsByFileThenLineThenColumn() {
        let diagnostics = [
            Diagnostic.error("b.xml", SourceLocation(line: 1, column: 1), "x"),
            Diagnostic.error("a.xml", SourceLocation(line: 9, column: 2), "y"),
            Diagnostic.error("a.xml", SourceLocation(line: 9, column: 1), "z"),
        ].sorted()
        #expect(diagnostics.map(\.description) == ["a.xml:9:1: error: z", "a.xml:9:2: error: y", "b.xml:1:1: error: x"])
    }

    @Test func reportsComparisonsWithValuesAnAnswerCanNeverHave() {
        let purpose = FormField(id: "purpose", type: .choice, options: [ChoiceOption(value: "loan", label: "Loan"), ChoiceOption(value: "deposit", label: "Deposit")],
                                anchor: at(10))
        let held = FormField(id: "held", type: .yesNo, anchor: at(11))
        let items: [SectionItem] = [
            .question(purpose), .question(held),
            .question(FormField(id: "rate", type: .yesNo, relevant: Expression("purpose = 'Loan' or 'deposit' = purpose", at: SourceLocation(line: 12, column: 51)),
                                criterionID: "HOLD-OK", anchor: at(12))),
            .question(FormField(id: "wait", type: .integer, relevant: Expression("held != 'true'", at: SourceLocation(line: 13, column: 40)), anchor: at(13))),
        ]
        let found = messages(form(items))
        #expect(found.contains("error 12: relevant expression \"purpose = 'Loan' or 'deposit' = purpose\" compares 'purpose' with 'Loan', which is none of its option values (loan, deposit); did you mean 'loan'?"),
                "\(found)")
        #expect(!found.contains { $0.contains("with 'deposit'") })
        #expect(found.contains("error 13: relevant expression \"held != 'true'\" compares the yes-no answer 'held' with 'true'; a yes-no answer is 'yes', 'no' or 'na'"))
    }

    @Test func warnsAboutACriterionThatNoFormOfItsStandardAssesses() {
        var located = standard
        located.categories[0].criteria[1].anchor = SourceAnchor(element: SourceLocation(line: 21, column: 5))
        let onlyHold = form([.question(FormField(id: "a", type: .yesNo, criterionID: "HOLD-OK", anchor: at(10))),
                             .check(Check(criterionID: "RESPECT", met: Expression("a = 'yes'"), anchor: at(11)))])
        let diagnostics = validator(with: [.standard(located), .form(onlyHold)]).validate([
            DefinitionFile(path: "s.xml", sha256: "s", definition: .standard(located)),
        ])
        #expect(diagnostics.map { "\($0.severity.rawValue) \($0.location.line): \($0.message)" }
            .contains("warning 21: criterion 'EMPATHY' is assessed by no form of standard 'cc' for its channels (forms: f); it can never be scored"))
        #expect(validator(with: [.standard(located)]).validate([DefinitionFile(path: "s.xml", sha256: "s", definition: .standard(located))])
            .allSatisfy { !$0.message.contains("assessed by no form") }, "no form known: nothing to say")
    }
}
