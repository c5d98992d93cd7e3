import Testing
@testable import YardstickCore

struct MoneyTests {
    @Test func parsesAmountsExactlyInMinorUnits() {
        #expect(Money.parse("150", digits: 2)?.minorUnits == 15000)
        #expect(Money.parse("-100.5", digits: 2)?.minorUnits == -10050)
        #expect(Money.parse("0.10", digits: 2)?.minorUnits == 10)
        #expect(Money.parse("7", digits: 0)?.minorUnits == 7)
    }

    @Test(arguments: ["1.234", "abc", "", "1.", ".5", "--1", "1e3"])
    func rejectsAmountsThatAreNotPlainDecimals(_ text: String) {
        #expect(Money.parse(text, digits: 2) == nil)
    }

    @Test func printsWithTheCurrencysDecimals() {
        #expect(Money(minorUnits: -10050, digits: 2).decimalString == "-100.50")
        #expect(Money(minorUnits: 5, digits: 2).decimalString == "0.05")
        #expect(Money(minorUnits: 300, digits: 0).decimalString == "300")
    }
}
