import YardstickApp
import YardstickCore

/// `yardstick check PATH…`: validates any mix of standard, training, form and policy files.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        path: ["check"], abstract: "Validate standards, training catalogues, forms and incentive policies",
        arguments: [ArgumentSpec(name: "PATH", help: "Files or folders (searched for .xml files)", repeats: true)],
        options: [.json],
        discussion: """
        Every problem in every file is reported as path:line:col: error: message, sorted by line.
        References (a form's standard, a criterion's training module) resolve among the given files
        first, then among the files registered in the database. Exit status 1 when any error is found.
        """,
        examples: ["yardstick check standards forms", "yardstick check forms/call-review.xml"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        try runCheck(arguments, context, spec: spec)
    }

    static func runCheck(_ arguments: ParsedArguments, _ context: CommandContext, spec: CommandSpec) throws {
        let inputs = try DefinitionWorkflow.collect(arguments.positionals)
        let registered = try DefinitionWorkflow.registered(in: try context.existingApp()?.store)
        let result = DefinitionWorkflow.check(inputs, registered: registered.map(\.1), versions: registered.map(\.0))
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("valid", .bool(result.isValid)),
                ("files", .array(result.files.map { file in
                    .object([("path", .string(file.path)), ("kind", .string(file.definition.kind.rawValue)),
                             ("id", .string(file.definition.id)), ("version", .string(file.definition.version)),
                             ("sha256", .string(file.sha256))])
                })),
                ("diagnostics", .array(result.diagnostics.map { diagnostic in
                    .object([("path", .string(diagnostic.path)), ("line", .integer(Int64(diagnostic.location.line))),
                             ("column", .integer(Int64(diagnostic.location.column))), ("severity", .string(diagnostic.severity.rawValue)),
                             ("message", .string(diagnostic.message))])
                })),
            ]).rendered())
        } else {
            DiagnosticPrinter.print(result.diagnostics, to: context.console)
            let counts = Dictionary(grouping: result.files, by: { $0.definition.kind }).mapValues(\.count)
            let described = DefinitionKind.allCases.sorted().compactMap { kind in counts[kind].map(kind.noun) }
            let status = result.isValid ? "OK" : "FAILED"
            let kinds = described.isEmpty ? "" : " (\(described.joined(separator: ", ")))"
            context.console.print("\(status): \(counted(inputs.count, "file")) checked\(kinds); \(DiagnosticPrinter.summary(result.diagnostics))")
        }
        if !result.isValid { throw ReportedFailure() }
    }
}

/// `yardstick standards check` and `yardstick forms check`: the same check, under the noun people look for.
enum StandardsCheckCommand: Command {
    static let spec = CommandSpec(
        path: ["standards", "check"], abstract: "Validate standard files (same as 'yardstick check')",
        arguments: CheckCommand.spec.arguments, options: CheckCommand.spec.options,
        examples: ["yardstick standards check standards/"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        try CheckCommand.runCheck(arguments, context, spec: spec)
    }
}

enum FormsCheckCommand: Command {
    static let spec = CommandSpec(
        path: ["forms", "check"], abstract: "Validate form files (same as 'yardstick check')",
        arguments: CheckCommand.spec.arguments, options: CheckCommand.spec.options,
        examples: ["yardstick forms check forms/call-review.xml"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        try CheckCommand.runCheck(arguments, context, spec: spec)
    }
}
