import YardstickApp

/// The options every CSV-reading command takes: `--delimiter` and `--encoding`.
enum CSVArguments {
    static let options: [OptionSpec] = [
        .value("--delimiter", "SEP", "Field separator: , ; or tab (default: a sep= first line, else detected from the header)"),
        .value("--encoding", "NAME", "utf-8 (default; a BOM is fine) or windows-1252 (Excel's plain CSV on Windows)"),
    ]

    static func parse(_ arguments: ParsedArguments, spec: CommandSpec) throws -> CSVOptions {
        var options = CSVOptions()
        if let text = arguments.value("--delimiter") {
            guard let separator = CSVOptions.separator(named: text) else {
                throw UsageError("--delimiter takes ',' ';' or tab, not '\(text)'", command: spec)
            }
            options.separator = separator
        }
        if let text = arguments.value("--encoding") {
            guard let encoding = CSVOptions.Encoding(rawValue: text.lowercased()) ?? (text.lowercased() == "cp1252" ? .windows1252 : nil) else {
                throw UsageError("--encoding takes utf-8 or windows-1252, not '\(text)'", command: spec)
            }
            options.encoding = encoding
        }
        return options
    }
}
