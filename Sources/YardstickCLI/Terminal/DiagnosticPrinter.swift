import YardstickCore

/// Prints diagnostics to stderr in compiler style, sorted, with a count at the end.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], to console: Console) {
        for diagnostic in diagnostics.sorted() {
            guard console.useColor else {
                console.error(diagnostic.description)
                continue
            }
            guard diagnostic.severity != .note else {
                console.error(diagnostic.description)
                continue
            }
            let colour = diagnostic.severity == .error ? "31" : "33"
            console.error("\(diagnostic.path):\(diagnostic.location.line):\(diagnostic.location.column): \u{1B}[\(colour)m\(diagnostic.severity.rawValue):\u{1B}[0m \(diagnostic.message)")
        }
    }

    /// "2 errors, 1 warning".
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
