import Testing
@testable import YardstickCore

/// libxml2's `number()` of a string, which the native evaluator must match (the differential test
/// checks the rest against libxml2 itself).
struct XPathNumberTests {
    @Test(arguments: [("12", 12.0), (" 12 ", 12), ("-3.5", -3.5), (".5", 0.5), ("5.", 5), ("1e3", 1000), ("0.1", 0.1), ("\t7\n", 7)])
    func readsNumbersAsLibxml2Does(_ text: String, _ value: Double) {
        #expect(XPathNumber.parse(Array(text.utf8)) == value)
    }

    @Test(arguments: ["", " ", "abc", "1,5", "+1", "--1", ".", "1 2", "yes", "0x10"])
    func readsAnythingElseAsNaN(_ text: String) {
        #expect(XPathNumber.parse(Array(text.utf8)).isNaN)
    }

    @Test func formatsOnlyWhatItCanWordAsLibxml2Does() {
        #expect(XPathNumber.format(.nan) == "NaN")
        #expect(XPathNumber.format(-.infinity) == "-Infinity")
        #expect(XPathNumber.format(-0.0) == "0")
        #expect(XPathNumber.format(42) == "42")
        #expect(XPathNumber.format(0.5) == nil, "fractions are left to libxml2")
        #expect(XPathNumber.format(3e9) == nil, "beyond Int32 libxml2 switches format")
    }
}
