/// Help text generated from a command's spec.
enum HelpRenderer {
    static func usageLine(_ spec: CommandSpec) -> String {
        var parts = ["yardstick", spec.name]
        for option in spec.options {
            parts.append(option.valueName.map { "[\(option.name) \($0)]" } ?? "[\(option.name)]")
        }
        for argument in spec.arguments {
            var text = argument.name + (argument.repeats ? "…" : "")
            if argument.optional { text = "[\(text)]" }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }

    static func help(_ spec: CommandSpec) -> String {
        var out = "\(spec.abstract)\n\nUsage: \(usageLine(spec))\n"
        if !spec.discussion.isEmpty { out += "\n\(spec.discussion)\n" }
        if !spec.arguments.isEmpty {
            out += "\nArguments:\n"
            out += table(spec.arguments.map { ($0.name, $0.help) })
        }
        out += "\nOptions:\n"
        out += table((spec.options + GlobalOptions.all).map { option in
            (option.valueName.map { "\(option.name) \($0)" } ?? option.name, option.help)
        })
        out += "\nExample\(spec.examples.count == 1 ? "" : "s"):\n"
        for example in spec.examples { out += "  \(example)\n" }
        return out
    }

    private static func table(_ rows: [(String, String)]) -> String {
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 + "\n" }.joined()
    }
}
