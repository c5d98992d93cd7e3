import Testing
@testable import YardstickCore

struct TerminalTextTests {
    @Test func leavesOrdinaryTextNewlinesAndTabsAlone() {
        let text = "Kari Nordmann\tteam oslo\nÆøå — “quoted” 日本語 🙂"
        #expect(TerminalText.neutralised(text) == text)
    }

    @Test func showsAWindowTitleSequenceInsteadOfObeyingIt() {
        #expect(TerminalText.neutralised("nice\u{1B}]0;pwned\u{07}comment") == "nice␛]0;pwned␇comment")
    }

    @Test func showsAClearScreenSequence() {
        #expect(TerminalText.neutralised("\u{1B}[2J\u{1B}[H") == "␛[2J␛[H")
    }

    @Test func showsCarriageReturnsBackspacesNulAndDelete() {
        // A CR or backspaces could overwrite what was printed before them on the line.
        #expect(TerminalText.neutralised("ok\rfake\u{08}\u{00}\u{7F}") == "ok␍fake␈␀␡")
    }

    @Test func namesC1ControlsAndBidirectionalOverrides() {
        #expect(TerminalText.neutralised("a\u{9B}2Jb") == "a‹U+009B›2Jb")
        #expect(TerminalText.neutralised("x\u{202E}gnp.exe") == "x‹U+202E›gnp.exe")
    }

    @Test func keepsOnlyTheGivenSequencesVerbatim() {
        let red = "\u{1B}[31m", reset = "\u{1B}[0m"
        let line = "path:1:2: \(red)error:\(reset) bad \u{1B}[2J name"
        #expect(TerminalText.neutralised(line, keeping: [red, reset]) == "path:1:2: \(red)error:\(reset) bad ␛[2J name")
    }

    @Test func keepsTheTextJSONSafe() {
        // No backslash or quote in a stand-in: a JSON string printed to a terminal stays valid.
        let neutralised = TerminalText.neutralised(String((UInt8(0)..<0x20).map { Character(Unicode.Scalar($0)) }) + "\u{7F}\u{85}")
        #expect(!neutralised.contains("\\"))
        #expect(!neutralised.contains("\""))
        #expect(neutralised.unicodeScalars.allSatisfy { !TerminalText.needsReplacing($0) })
    }
}
