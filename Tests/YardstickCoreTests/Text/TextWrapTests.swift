import Testing
import YardstickCore

struct TextWrapTests {
    @Test func wrapsAtSpacesKeepingLineBreaksAndIndents() {
        let text = "Met when the agent asks before the hold starts and says why\n  0 = none"
        #expect(TextWrap.wrap(text, width: 30, indent: "  ") == "  Met when the agent asks\n  before the hold starts and\n  says why\n    0 = none")
    }

    @Test func neverBreaksAWordLongerThanTheWidth() {
        #expect(TextWrap.wrap(String(repeating: "x", count: 40), width: 25) == String(repeating: "x", count: 40))
    }
}
