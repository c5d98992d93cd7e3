/// The arguments of one invocation, checked against the command's spec.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func value(_ option: String) -> String? { values[option]?.last }

    func values(_ option: String) -> [String] { values[option] ?? [] }

    /// Scans `arguments` for `spec`; unknown options, missing values and wrong positional counts are usage errors.
    static func scan(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        let options = spec.options + GlobalOptions.all
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "-h" { name = "--help" }
            if name == "-o" { name = "--output" }
            guard let option = options.first(where: { $0.name == name }) else {
                let known = options.map(\.name).joined(separator: ", ")
                throw UsageError("unknown option '\(name)' for '\(spec.name)'; it takes \(known)", command: spec)
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("\(name) takes no value", command: spec) }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError("\(name) needs a value (\(option.valueName ?? "VALUE"))", command: spec)
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeats, parsed.values[name] != nil {
                throw UsageError("\(name) is given twice", command: spec)
            }
            parsed.values[name, default: []].append(value)
        }
        if parsed.has("--help") { return parsed }
        let required = spec.arguments.filter { !$0.optional }.count
        let repeats = spec.arguments.contains { $0.repeats }
        if parsed.positionals.count < required {
            let missing = spec.arguments[parsed.positionals.count].name
            throw UsageError("missing \(missing)", command: spec)
        }
        if !repeats, parsed.positionals.count > spec.arguments.count {
            throw UsageError("unexpected argument '\(parsed.positionals[spec.arguments.count])'", command: spec)
        }
        return parsed
    }
}

/// A mistake in how the command was called (exit 2).
struct UsageError: Error, Sendable {
    var message: String
    var command: CommandSpec?

    init(_ message: String, command: CommandSpec? = nil) {
        self.message = message
        self.command = command
    }
}
