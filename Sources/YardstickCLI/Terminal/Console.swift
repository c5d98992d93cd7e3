import Foundation
import YardstickCore

/// Where a command writes: results to stdout, diagnostics to stderr. Output is buffered and
/// flushed before exit or a prompt, since stdout is block-buffered when piped.
///
/// Text bound for a terminal is neutralised (`TerminalText`): an escape sequence stored in an agent's
/// name or an audit comment is shown as "␛[2J", never obeyed. Output to a file or a pipe is written
/// exactly as given, so exports and `--json` output keep their content byte for byte.
final class Console {
    private var standardOutput = ""
    let environment: [String: String]
    private let captureErrors: Bool
    private(set) var capturedErrors = ""
    /// Looked up once: `print` is called for every line of a long report.
    private let outputIsTerminal: Bool

    /// The colour codes the CLI itself writes to stderr (here and in `DiagnosticPrinter`); only these
    /// survive neutralisation, and only when colour is on.
    static let colourSequences = ["\u{1B}[31m", "\u{1B}[33m", "\u{1B}[0m"]

    init(environment: [String: String], captureErrors: Bool = false) {
        self.environment = environment
        self.captureErrors = captureErrors
        outputIsTerminal = isatty(STDOUT_FILENO) == 1
    }

    /// Whether colour may be used on stderr: a terminal, and NO_COLOR unset.
    var useColor: Bool { environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb" }

    var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The terminal's width in columns (`COLUMNS`, else the terminal's own, else 80), for wrapping guidance.
    var width: Int {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 80
    }
    var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether colour may be used on stdout: a terminal, NO_COLOR unset, not a dumb terminal.
    var standardOutputTakesColour: Bool { outputIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb" }

    /// Prints `text`; on a terminal the exact sequences in `kept` (a report's own colour codes) survive neutralisation.
    func print(_ text: String = "", terminator: String = "\n", keeping kept: [String] = []) {
        let line = text + terminator
        standardOutput += outputIsTerminal ? TerminalText.neutralised(line, keeping: kept) : line
        if standardOutput.utf8.count > 1 << 16 { flush() }
    }

    /// Writes a diagnostic line to stderr at once; on a terminal, control characters in it are shown,
    /// not obeyed, except the console's own colour codes.
    func error(_ text: String) {
        flush()
        var line = text + "\n"
        if !captureErrors, standardErrorIsTerminal {
            line = TerminalText.neutralised(line, keeping: useColor ? Self.colourSequences : [])
        }
        if captureErrors { capturedErrors += line; return }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func flush() {
        guard !standardOutput.isEmpty else { return }
        FileHandle.standardOutput.write(Data(standardOutput.utf8))
        standardOutput = ""
    }

    /// `yardstick: error: message`, in red on a colour terminal.
    func reportError(_ message: String) {
        error(useColor ? "yardstick: \u{1B}[31merror:\u{1B}[0m \(neutralisedForStandardError(message))" : "yardstick: error: \(message)")
    }

    func reportWarning(_ message: String) {
        error(useColor ? "yardstick: \u{1B}[33mwarning:\u{1B}[0m \(neutralisedForStandardError(message))" : "yardstick: warning: \(message)")
    }

    /// The message with every control character neutralised before colour is added around it, so
    /// even the colour codes `error` lets through cannot come from the message.
    private func neutralisedForStandardError(_ message: String) -> String {
        standardErrorIsTerminal ? TerminalText.neutralised(message) : message
    }
}
