import Testing
import YardstickCore
@testable import YardstickXML

struct XPathFormEvaluatorTests {
    let form = Form(id: "f", version: "1", standardID: "s", kind: .callReview, channel: "phone", title: "F", context: [
        FormField(id: "call_id", type: .text),
    ], sections: [FormSection(id: "s", title: "S", items: [
        .question(FormField(id: "held", type: .yesNo)),
        .question(FormField(id: "longest_hold", type: .duration)),
        .question(FormField(id: "topics", type: .multiChoice)),
    ])])

    @Test func evaluatesRulesOverTheCurrentAnswers() throws {
        let evaluator = XPathFormEvaluator(form: form)
        let relevant = Expression("held = 'yes'")
        let met = Expression("longest_hold <= 60")
        #expect(try !evaluator.evaluate(relevant, current: nil))
        evaluator.setAnswer(.yes, for: "held")
        evaluator.setAnswer(.number(75), for: "longest_hold")
        #expect(try evaluator.evaluate(relevant, current: nil))
        #expect(try !evaluator.evaluate(met, current: nil))
        evaluator.setAnswer(.number(60), for: "longest_hold")
        #expect(try evaluator.evaluate(met, current: nil))
        evaluator.setAnswer(nil, for: "held")
        #expect(try !evaluator.evaluate(relevant, current: nil))
    }

    @Test func treatsAnUnansweredFieldAsEmpty() throws {
        let evaluator = XPathFormEvaluator(form: form)
        #expect(try evaluator.evaluate(Expression("held != 'yes'"), current: nil))
        #expect(try evaluator.evaluate(Expression("held = ''"), current: nil))
        #expect(try !evaluator.evaluate(Expression("longest_hold <= 60"), current: nil))
    }

    @Test func evaluatesAConstraintAgainstTheAnswerBeingChecked() throws {
        let evaluator = XPathFormEvaluator(form: form)
        evaluator.setAnswer(.text("C-1234"), for: "call_id")
        #expect(try evaluator.evaluate(Expression("string-length(.) >= 4"), current: "call_id"))
        evaluator.setAnswer(.text("C1"), for: "call_id")
        #expect(try !evaluator.evaluate(Expression("string-length(.) >= 4"), current: "call_id"))
    }

    @Test func keepsMarkupInAnswersAsPlainText() throws {
        let evaluator = XPathFormEvaluator(form: form)
        evaluator.setAnswer(.text("<x>&amp;</x>"), for: "call_id")
        #expect(try evaluator.evaluate(Expression("call_id = '<x>&amp;</x>'"), current: nil))
    }

    @Test func matchesOneOfSeveralChosenValues() throws {
        let evaluator = XPathFormEvaluator(form: form)
        evaluator.setAnswer(.text("billing refund"), for: "topics")
        #expect(try evaluator.evaluate(Expression("contains(concat(' ', topics, ' '), ' refund ')"), current: nil))
    }

    @Test func comparesVerySmallAndVeryLargeNumbersAsTheyAre() throws {
        let evaluator = XPathFormEvaluator(form: form)
        evaluator.setAnswer(.number(0.00001), for: "longest_hold")
        #expect(try evaluator.evaluate(Expression("longest_hold = 0.00001 and longest_hold > 0"), current: nil))
        evaluator.setAnswer(.number(1e16), for: "longest_hold")
        #expect(try evaluator.evaluate(Expression("longest_hold = 10000000000000000"), current: nil))
        // Written as 1.2345678901234568e+17, libxml2 read this one as a different number.
        evaluator.setAnswer(.number(123_456_789_012_345_680), for: "longest_hold")
        #expect(try evaluator.evaluate(Expression("longest_hold = 123456789012345680"), current: nil))
        evaluator.setAnswer(.number(-2.5e-7), for: "longest_hold")
        #expect(try evaluator.evaluate(Expression("longest_hold < 0 and longest_hold > -0.000001"), current: nil))
    }

    @Test func showsAnNAAnswerAsNa() throws {
        let evaluator = XPathFormEvaluator(form: form)
        evaluator.setAnswer(.notApplicable, for: "longest_hold")
        #expect(try evaluator.evaluate(Expression("longest_hold = 'na'"), current: nil))
    }

    @Test func stopsAnExpressionThatDoesMoreWorkThanAllowed() throws {
        let evaluator = XPathFormEvaluator(form: form, operationLimit: 200)
        let heavy = Expression("string-length(concat(" + Array(repeating: "string(//node())", count: 100).joined(separator: ",") + ")) >= 0")
        #expect(throws: ExpressionEvaluationError.self) { try evaluator.evaluate(heavy, current: nil) }
        // The limit is per evaluation: a small rule still runs after many evaluations.
        for _ in 0..<1000 { _ = try evaluator.evaluate(Expression("held = 'yes' or held = 'no'"), current: nil) }
        #expect(try !evaluator.evaluate(Expression("held = 'yes'"), current: nil))
    }
}
