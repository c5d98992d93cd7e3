import Foundation

/// Where a command writes: results to stdout, diagnostics to stderr. Output is buffered and
/// flushed before exit or a prompt, since stdout is block-buffered when piped.
final class Console {
    private var standardOutput = ""
    let environment: [String: String]
    private let captureErrors: Bool
    private(set) var capturedErrors = ""

    init(environment: [String: String], captureErrors: Bool = false) {
        self.environment = environment
        self.captureErrors = captureErrors
    }

    /// Whether colour may be used on stderr: a terminal, and NO_COLOR unset.
    var useColor: Bool { environment["NO_COLOR"] == nil && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb" }

    var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    func print(_ text: String = "", terminator: String = "\n") {
        standardOutput += text + terminator
        if standardOutput.utf8.count > 1 << 16 { flush() }
    }

    /// Writes a diagnostic line to stderr at once.
    func error(_ text: String) {
        flush()
        let line = text + "\n"
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
        error(useColor ? "yardstick: \u{1B}[31merror:\u{1B}[0m \(message)" : "yardstick: error: \(message)")
    }

    func reportWarning(_ message: String) {
        error(useColor ? "yardstick: \u{1B}[33mwarning:\u{1B}[0m \(message)" : "yardstick: warning: \(message)")
    }
}
