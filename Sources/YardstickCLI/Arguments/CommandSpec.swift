/// What a command is called, what it takes and an example: help is generated from this, so it cannot drift.
struct CommandSpec: Sendable {
    var path: [String]
    var abstract: String
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    var discussion: String = ""
    var examples: [String]

    var name: String { path.joined(separator: " ") }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    var repeats = false
    var optional = false
}

/// A `--name VALUE` option or a `--name` flag.
struct OptionSpec: Sendable {
    var name: String
    var valueName: String?
    var help: String
    var repeats = false

    static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, valueName: nil, help: help) }

    static func value(_ name: String, _ valueName: String, _ help: String, repeats: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeats: repeats)
    }

    static let json = OptionSpec.flag("--json", "Print JSON instead of text")
}

/// Options every command accepts.
enum GlobalOptions {
    static let all: [OptionSpec] = [
        .value("--db", "PATH", "Database file (default: $YARDSTICK_DB, else ./yardstick.db)"),
        .value("--actor", "NAME", "Who acts, for the history (default: your login name)"),
        .flag("--help", "Show help for the command"),
    ]
}
