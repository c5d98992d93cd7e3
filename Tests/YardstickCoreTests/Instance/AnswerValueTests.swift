import Testing
@testable import YardstickCore

struct AnswerValueTests {
    static let plainDecimals: [(Double, String)] = [
        (0.00001, "0.00001"), (12.5, "12.5"), (1e16, "10000000000000000"), (42, "42"), (0, "0"), (-0.0, "0"),
        (-12.5, "-12.5"), (-3, "-3"), (-0.0000001, "-0.0000001"), (0.1, "0.1"), (1.5e-10, "0.00000000015"),
        (1e15, "1000000000000000"), (123_456_789_012_345_680, "123456789012345680"), (-2.5e20, "-250000000000000000000"),
        (1.0 / 3, "0.3333333333333333"), (0.0001, "0.0001"), (100, "100"),
    ]

    @Test(arguments: plainDecimals)
    func writesNumbersAsPlainDecimals(_ value: Double, _ text: String) {
        #expect(AnswerValue.number(value).expressionText == text)
    }

    @Test func writesTheExtremesOfDoubleWithoutAnExponent() {
        let smallest = AnswerValue.plainDecimal(.leastNonzeroMagnitude)
        #expect(smallest == "0." + String(repeating: "0", count: 323) + "5")
        let largest = AnswerValue.plainDecimal(.greatestFiniteMagnitude)
        #expect(largest == "17976931348623157" + String(repeating: "0", count: 292))
        #expect(AnswerValue.plainDecimal(-.greatestFiniteMagnitude) == "-" + largest)
    }

    @Test func writesTheShortestDigitsThatReadBackAsTheSameNumber() {
        var random = SeededRandom(seed: 2026)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            let text = AnswerValue.plainDecimal(value)
            #expect(!text.contains("e") && !text.contains("E"), "\(value) → \(text)")
            #expect(Double(text) == value, "\(value) → \(text)")
        }
    }

    @Test func writesTheOtherValuesAsExpressionsCompareThem() {
        #expect(AnswerValue.yes.expressionText == "yes")
        #expect(AnswerValue.no.expressionText == "no")
        #expect(AnswerValue.notApplicable.expressionText == "na")
        #expect(AnswerValue.text("2026-03-02").expressionText == "2026-03-02")
    }
}
