/// Text made safe to write to a terminal: stored names, comments and file contents can hold escape
/// sequences (`ESC ] 0 ; title BEL` retitles the window, `ESC [ 2 J` clears the screen, OSC 52 writes
/// the clipboard), which a terminal would obey if they were printed raw.
///
/// Every control character except newline and tab is replaced by a visible stand-in:
/// - C0 controls U+0000–U+001F become their Unicode control picture (ESC → "␛", BEL → "␇", CR → "␍"),
///   DEL U+007F becomes "␡";
/// - C1 controls U+0080–U+009F (U+009B is a one-character CSI to many terminals) and the bidirectional
///   embedding, override and isolate controls (which can make text display in another order than it is
///   stored) become "‹U+009B›".
///
/// The stand-ins contain no backslash or quote, so JSON written to a terminal stays valid JSON.
public enum TerminalText {
    /// `text` with every control character but newline and tab shown visibly instead of obeyed.
    public static func neutralised(_ text: String) -> String {
        neutralised(text, keeping: [])
    }

    /// `text` neutralised, except that the exact sequences in `kept` (a console's own colour codes,
    /// say) are left as they are wherever they occur.
    public static func neutralised(_ text: String, keeping kept: [String]) -> String {
        let scalars = text.unicodeScalars
        // Nearly all text has nothing to replace: return it as it is, without building a copy.
        guard scalars.contains(where: needsReplacing) else { return text }
        let keptScalars = kept.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }
        var output = String.UnicodeScalarView()
        var index = scalars.startIndex
        scan: while index < scalars.endIndex {
            let scalar = scalars[index]
            guard needsReplacing(scalar) else {
                output.append(scalar)
                index = scalars.index(after: index)
                continue
            }
            for sequence in keptScalars where sequence.first == scalar && scalars[index...].starts(with: sequence) {
                output.append(contentsOf: sequence)
                index = scalars.index(index, offsetBy: sequence.count)
                continue scan
            }
            output.append(contentsOf: standIn(for: scalar).unicodeScalars)
            index = scalars.index(after: index)
        }
        return String(output)
    }

    /// Whether `scalar` is a control character a terminal may act on (newline and tab are harmless).
    static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func standIn(for scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F:
            // The Control Pictures block lists the C0 controls in order from U+2400.
            return Unicode.Scalar(0x2400 + scalar.value).map { String(Character($0)) } ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "‹U+" + String(repeating: "0", count: max(4 - hex.count, 0)) + hex + "›"
        }
    }
}
