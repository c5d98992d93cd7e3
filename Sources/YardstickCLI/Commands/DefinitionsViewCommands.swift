import YardstickCore
import YardstickApp
import YardstickStore

/// `yardstick standards list`.
enum StandardsListCommand: Command {
    static let spec = CommandSpec(
        path: ["standards", "list"], abstract: "List registered standards, training catalogues and policies",
        options: [.flag("--all-versions", "Show every version, not only the newest"), .json],
        examples: ["yardstick standards list", "yardstick standards list --all-versions --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.app(.read).store
        let kinds: [DefinitionKind] = [.standard, .training, .policy]
        try DefinitionListing.render(store: store, kinds: kinds, allVersions: arguments.has("--all-versions"),
                                     json: arguments.has("--json"), console: context.console)
    }
}

/// `yardstick forms list`.
enum FormsListCommand: Command {
    static let spec = CommandSpec(
        path: ["forms", "list"], abstract: "List registered forms",
        options: [.flag("--all-versions", "Show every version, not only the newest"), .json],
        examples: ["yardstick forms list"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let store = try context.app(.read).store
        try DefinitionListing.render(store: store, kinds: [.form], allVersions: arguments.has("--all-versions"),
                                     json: arguments.has("--json"), console: context.console)
    }
}

enum DefinitionListing {
    static func render(store: Store, kinds: [DefinitionKind], allVersions: Bool, json: Bool, console: Console) throws {
        var rows: [StoredDefinition] = []
        for kind in kinds {
            let latest = try store.definitions.latestVersions(kind: kind)
            if allVersions {
                for definition in latest { rows += try store.definitions.versions(kind: kind, id: definition.docID) }
            } else {
                rows += latest
            }
        }
        if json {
            console.print(JSONValue.array(rows.map { row in
                .object([
                    ("kind", .string(row.kind.rawValue)), ("id", .string(row.docID)), ("version", .string(row.versionLabel)),
                    ("version_id", .integer(row.versionID)), ("title", .string(row.title)), ("sha256", .string(row.sha256)),
                    ("source", .string(row.sourcePath)), ("loaded_at", .string(row.loadedAt)),
                ])
            }).rendered())
            return
        }
        guard !rows.isEmpty else {
            console.print("Nothing registered yet; run 'yardstick load standards forms'.")
            return
        }
        var table = TextTable(headers: ["KIND", "ID", "VERSION", "#", "TITLE", "SHA-256", "LOADED"])
        for row in rows {
            table.append([row.kind.singularNoun, row.docID, row.versionLabel, String(row.versionID), row.title,
                          String(row.sha256.prefix(12)), row.loadedAt])
        }
        console.print(table.rendered(), terminator: "")
    }
}

/// `yardstick standards show ID`.
enum StandardsShowCommand: Command {
    static let spec = CommandSpec(
        path: ["standards", "show"], abstract: "Show a standard's criteria with guidance and training, an incentive policy or the training catalogue",
        arguments: [ArgumentSpec(name: "ID", help: "A registered standard's, policy's or training catalogue's id, or the path of such a file")],
        options: [.value("--version-id", "N", "A stored version other than the newest (see 'standards list --all-versions')"), .json],
        examples: ["yardstick standards show contact-centre", "yardstick standards show standards/store-visit.xml --json",
                   "yardstick standards show contact-centre-monthly", "yardstick standards show training"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var resolver = try DefinitionResolver(store: try context.existingApp()?.store, databasePath: context.databasePath)
        let json = arguments.has("--json")
        switch try resolver.standardsFile(arguments.positionals[0], versionID: arguments.value("--version-id")) {
        case let .standard(standard):
            context.console.print(json ? DefinitionJSON.standard(standard).rendered() : StandardRenderer(standard: standard, training: resolver.trainingModules).text(),
                                  terminator: json ? "\n" : "")
        case let .policy(policy):
            context.console.print(json ? PolicyRenderer.json(policy).rendered() : PolicyRenderer.text(policy), terminator: json ? "\n" : "")
        case let .training(catalogue):
            context.console.print(json ? PolicyRenderer.json(catalogue).rendered() : PolicyRenderer.text(catalogue), terminator: json ? "\n" : "")
        case .form:
            throw InputError("'\(arguments.positionals[0])' is a form; see it with 'yardstick forms show'")
        }
    }
}

/// `yardstick forms show ID`.
enum FormsShowCommand: Command {
    static let spec = CommandSpec(
        path: ["forms", "show"], abstract: "Show a form as the auditor will see it, with criteria, weights and skip rules",
        arguments: [ArgumentSpec(name: "ID", help: "A registered form's id, or the path of a form file")],
        options: [.value("--version-id", "N", "A stored version other than the newest (see 'forms list --all-versions')"), .json],
        examples: ["yardstick forms show call-review", "yardstick forms show forms/store-visit.xml"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var resolver = try DefinitionResolver(store: try context.existingApp()?.store, databasePath: context.databasePath)
        let form = try resolver.form(arguments.positionals[0], versionID: arguments.value("--version-id"))
        let standard = resolver.standards[form.standardID]
        if arguments.has("--json") {
            context.console.print(DefinitionJSON.form(form, standard: standard).rendered())
        } else {
            context.console.print(FormRenderer(form: form, standard: standard).text(), terminator: "")
        }
    }
}
