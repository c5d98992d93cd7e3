import Foundation
import YardstickApp
import YardstickCore
import YardstickStore

/// `yardstick load PATH…`: registers definition files; unchanged content is a no-op, changed content a new version.
enum LoadCommand: Command {
    static let spec = CommandSpec(
        path: ["load"], abstract: "Register standards, training, forms and policies (new content becomes a new version)",
        arguments: [ArgumentSpec(name: "PATH", help: "Files or folders (searched for .xml files)", repeats: true)],
        options: [.json],
        discussion: """
        Every file is checked first; if any has an error, nothing is loaded. A file whose content is
        already stored is reported as unchanged. Changed content is stored as a new version; earlier
        versions are kept, so audits scored against them stay explainable.
        """,
        examples: ["yardstick load standards forms"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let inputs = try DefinitionWorkflow.collect(arguments.positionals)
        let report = try DefinitionWorkflow.load(inputs, context: try context.app(.create))
        try render(report, json: arguments.has("--json"), console: context.console)
    }

    /// What `load --json` prints for the files: one object each.
    static func json(_ report: DefinitionWorkflow.LoadReport) -> JSONValue {
        JSONValue.array(report.outcomes.map { path, outcome in
                let (stored, status, previous): (StoredDefinition, String, StoredDefinition?)
                switch outcome {
                case let .unchanged(definition): (stored, status, previous) = (definition, "unchanged", nil)
                case let .added(definition, earlier): (stored, status, previous) = (definition, earlier == nil ? "new" : "new-version", earlier)
                case let .reinstated(definition, earlier): (stored, status, previous) = (definition, "reinstated", earlier)
                }
                return .object([
                    ("path", .string(path)), ("kind", .string(stored.kind.rawValue)), ("id", .string(stored.docID)),
                    ("version", .string(stored.versionLabel)), ("version_id", .integer(stored.versionID)),
                    ("sha256", .string(stored.sha256)), ("status", .string(status)),
                    ("previous_version_id", previous.map { .integer($0.versionID) } ?? .null),
                ])
            })
    }

    /// The diagnostics as JSON objects.
    static func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map { diagnostic in
            .object([("path", .string(diagnostic.path)), ("line", .integer(Int64(diagnostic.location.line))),
                     ("column", .integer(Int64(diagnostic.location.column))), ("severity", .string(diagnostic.severity.rawValue)),
                     ("message", .string(diagnostic.message))])
        })
    }

    static func render(_ report: DefinitionWorkflow.LoadReport, json: Bool, console: Console) throws {
        DiagnosticPrinter.print(report.diagnostics, to: console)
        if report.diagnostics.hasErrors {
            if json { console.print(JSONValue.object([("loaded", .bool(false)), ("diagnostics", Self.json(report.diagnostics))]).rendered()) }
            console.reportError("nothing was loaded: \(DiagnosticPrinter.summary(report.diagnostics)); fix them and load again")
            throw ReportedFailure()
        }
        if json {
            console.print(Self.json(report).rendered())
            return
        }
        for (path, outcome) in report.outcomes {
            switch outcome {
            case let .unchanged(stored):
                console.print("unchanged    \(stored.kind.singularNoun) \(stored.docID) \(stored.versionLabel)  (\(path))")
            case let .added(stored, previous?):
                console.print("new version  \(stored.kind.singularNoun) \(stored.docID) \(stored.versionLabel) #\(stored.versionID), replaces #\(previous.versionID) \(previous.versionLabel)  (\(path))")
            case let .reinstated(stored, previous):
                console.print("current again \(stored.kind.singularNoun) \(stored.docID) \(stored.versionLabel) #\(stored.versionID), replaces #\(previous.versionID) \(previous.versionLabel)  (\(path))")
            case let .added(stored, nil):
                console.print("new          \(stored.kind.singularNoun) \(stored.docID) \(stored.versionLabel) #\(stored.versionID)  (\(path))")
            }
        }
        let added = report.addedCount
        let unchanged = report.outcomes.count - added
        if added == 0 {
            console.print("Nothing new: \(counted(unchanged, "file")) already loaded with the same content.")
        } else {
            console.print("Loaded \(counted(added, "new version")); \(unchanged) unchanged.")
        }
    }
}

/// `yardstick init`: creates the database and registers ./standards and ./forms when present.
enum InitCommand: Command {
    static let spec = CommandSpec(
        path: ["init"], abstract: "Create the database and register ./standards and ./forms",
        options: [.flag("--review-required", "Audits must be released by a reviewer before they count"),
                  .value("--date-tolerance", "DAYS", "How many days after today an interaction's date may lie, for time zones (default 1)"), .json],
        discussion: "Safe to run again: an existing database is migrated, never emptied.",
        examples: ["yardstick init", "yardstick --db /srv/qa/yardstick.db init --review-required"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let tolerance = try arguments.value("--date-tolerance").map { text -> Int in
            guard let days = Int(text), (0...366).contains(days) else { throw UsageError("--date-tolerance takes 0 to 366 days", command: spec) }
            return days
        }
        let existed = FileManager.default.fileExists(atPath: context.databasePath)
        let app = try context.app(.create)
        let changes = try SettingsService(app).change(reviewRequired: arguments.has("--review-required") ? true : nil,
                                                      futureDateToleranceDays: tolerance)
        let json = arguments.has("--json")
        if !json {
            context.console.print(existed ? "Database \(context.databasePath) is up to date." : "Created database \(context.databasePath).")
            for change in changes { context.console.print("Changed: \(change).") }
        }
        let folders = BundledContent.folders()
        var report = DefinitionWorkflow.LoadReport()
        if folders.isEmpty {
            if !json { context.console.print("No ./standards or ./forms folder here and no installed copy; register files with 'yardstick load PATH…'.") }
        } else {
            report = try DefinitionWorkflow.load(try DefinitionWorkflow.collect(folders), context: app)
            if !json || report.diagnostics.hasErrors { try LoadCommand.render(report, json: json, console: context.console) }
        }
        if json {
            context.console.print(JSONValue.object([
                ("database", .string(context.databasePath)), ("created", .bool(!existed)),
                ("changes", .array(changes.map { .string($0) })), ("definitions", LoadCommand.json(report)),
            ]).rendered())
        }
    }
}
