import Testing
@testable import YardstickCore

struct AnswerParserTests {
    let standard = Standard(id: "s", version: "1", title: "S", bands: [Band(label: "A", minimum: 0)], categories: [
        Category(id: "c", title: "C", criteria: [
            Criterion(id: "OK", categoryID: "c", title: "ok", weight: 1),
            Criterion(id: "ALWAYS", categoryID: "c", title: "always", weight: 1, notApplicable: .never),
            Criterion(id: "TONE", categoryID: "c", title: "tone", weight: 2, scale: .range(minimum: 1, maximum: 5)),
        ]),
    ])
    var parser: AnswerParser { AnswerParser(standard: standard) }

    func parse(_ text: String, _ field: FormField) -> String {
        switch parser.parse(text, for: field) {
        case let .success(value): return "ok \(value.expressionText)"
        case let .failure(problem): return "error \(problem.message)"
        }
    }

    @Test func readsYesNoAndNotApplicableWhereAllowed() {
        let question = FormField(id: "q", type: .yesNo, criterionID: "OK")
        #expect(parse("Yes", question) == "ok yes")
        #expect(parse(" n ", question) == "ok no")
        #expect(parse("na", question) == "ok na")
        #expect(parse("maybe", question) == "error 'maybe' is not yes or no (or na)")
    }

    @Test func refusesNotApplicableForANeverNACriterion() {
        #expect(parse("na", FormField(id: "q", type: .yesNo, criterionID: "ALWAYS")) == "error N/A is not allowed for ALWAYS; this criterion is always assessed")
        #expect(parse("N/A", FormField(id: "q", type: .scale, criterionID: "ALWAYS")).hasPrefix("error N/A is not allowed for ALWAYS"))
        #expect(parse("maybe", FormField(id: "q", type: .yesNo, criterionID: "ALWAYS")) == "error 'maybe' is not yes or no")
    }

    @Test(arguments: [AnswerType.yesNo, .integer, .number, .duration, .date, .time, .choice, .multiChoice])
    func readsNotApplicableForAnUnscoredField(_ type: AnswerType) {
        let field = FormField(id: "q", type: type, options: [ChoiceOption(value: "refund", label: "Refund")])
        for typed in ["na", "NA", " n/a ", "N/A"] {
            #expect(parser.parse(typed, for: field) == .success(.notApplicable), "\(typed)")
        }
    }

    @Test func keepsNaAsTypedInAnUnscoredTextField() {
        #expect(parser.parse("na", for: FormField(id: "q", type: .text)) == .success(.text("na")))
        #expect(parser.parse("N/A", for: FormField(id: "q", type: .text)) == .success(.text("N/A")))
    }

    @Test func prefersAChoiceOptionSpelledNa() {
        let field = FormField(id: "q", type: .choice, options: [ChoiceOption(value: "na", label: "Not asked"), ChoiceOption(value: "yes", label: "Yes")])
        #expect(parser.parse("NA", for: field) == .success(.text("na")))
    }

    @Test func offersNaForAnUnscoredYesNoQuestion() {
        #expect(parse("maybe", FormField(id: "q", type: .yesNo)) == "error 'maybe' is not yes or no (or na)")
    }

    @Test func refusesNaForAScaleWithoutACriterion() {
        #expect(parse("na", FormField(id: "q", type: .scale)) == "error the question has no scale")
        #expect(parse("na", FormField(id: "q", type: .scale, criterionID: "GONE")) == "error N/A needs the question's criterion GONE, which the standard does not have")
    }

    @Test func readsScaleLevelsWithinTheCriterionsBounds() {
        let question = FormField(id: "q", type: .scale, criterionID: "TONE")
        #expect(parse("5", question) == "ok 5")
        #expect(parse("0", question) == "error '0' is not a whole number from 1 to 5")
        #expect(parse("2.5", question) == "error '2.5' is not a whole number from 1 to 5")
    }

    @Test(arguments: [("75", "75"), ("1:15", "75"), ("0:05", "5"), ("1:02:03", "3723"), ("12:00", "720")])
    func readsDurations(_ text: String, _ seconds: String) {
        #expect(parse(text, FormField(id: "d", type: .duration)) == "ok \(seconds)")
    }

    @Test(arguments: ["1:75", "1:2:3:4", "-5", "1.5", "abc", "1:", ""])
    func rejectsMalformedDurations(_ text: String) {
        #expect(parse(text, FormField(id: "d", type: .duration)).hasPrefix("error"))
    }

    @Test func formatsDurationsBack() {
        #expect(AnswerParser.formatDuration(75) == "1:15")
        #expect(AnswerParser.formatDuration(3723) == "1:02:03")
    }

    @Test func readsDatesTimesAndNumbers() {
        #expect(parse("2026-03-01", FormField(id: "d", type: .date)) == "ok 2026-03-01")
        #expect(parse("2026-02-30", FormField(id: "d", type: .date)) == "error '2026-02-30' is not a date; write YYYY-MM-DD")
        #expect(parse("9:05", FormField(id: "t", type: .time)) == "ok 09:05")
        #expect(parse("24:00", FormField(id: "t", type: .time)).hasPrefix("error"))
        #expect(parse("12.5", FormField(id: "n", type: .number)) == "ok 12.5")
        #expect(parse("12,5", FormField(id: "n", type: .number)).hasPrefix("error"))
        #expect(parse("7", FormField(id: "i", type: .integer)) == "ok 7")
        #expect(parse("7.0", FormField(id: "i", type: .integer)).hasPrefix("error"))
    }

    @Test func readsChoicesByValueIgnoringCase() {
        let options = [ChoiceOption(value: "purchase", label: "Purchase"), ChoiceOption(value: "return", label: "Return")]
        #expect(parse("Purchase", FormField(id: "c", type: .choice, options: options)) == "ok purchase")
        #expect(parse("gift", FormField(id: "c", type: .choice, options: options)) == "error 'gift' is not one of purchase, return")
        #expect(parse("return, purchase", FormField(id: "m", type: .multiChoice, options: options)) == "ok purchase return")
    }

    @Test func refusesAnAnswerWithANulCharacter() {
        #expect(parse("a\u{0}b", FormField(id: "note", type: .text)).contains("NUL"))
    }
}
