import Foundation
import YardstickCore
import YardstickStore
import YardstickXML

/// Validating and registering standards, training catalogues, forms and policies.
public struct DefinitionWorkflow {
    /// One file to check: the path as the user wrote it, and its bytes.
    public struct Input {
        public var path: String
        public var bytes: [UInt8]
    }

    /// The outcome of checking a set of files.
    public struct CheckResult {
        public var files: [DefinitionFile]
        public var diagnostics: [Diagnostic]
        public var contents: [String: [UInt8]]

        public var isValid: Bool { !diagnostics.hasErrors }
    }

    /// Files and folders → the XML files to check, folders searched recursively, in a stable order.
    public static func collect(_ paths: [String]) throws -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw InputError("\(path): no such file or folder")
            }
            if isFolder.boolValue {
                let files = try xmlFiles(under: path)
                if files.isEmpty { throw InputError("\(path): the folder holds no .xml files") }
                for file in files { inputs.append(Input(path: file, bytes: try FileInput.read(file, limit: SafeXMLDocument.maximumSize))) }
            } else {
                inputs.append(Input(path: path, bytes: try FileInput.read(path, limit: SafeXMLDocument.maximumSize)))
            }
        }
        return inputs
    }

    private static func xmlFiles(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { enumerator.skipDescendants(); continue }
            if relative.hasSuffix(".xml") {
                let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
                files.append(base + "/" + relative)
            }
        }
        return files.sorted()
    }

    /// Parses and validates `inputs`; references resolve among them first, then among `registered`.
    /// - Parameter versions: the registered versions, to warn about a changed file whose version label did not change.
    public static func check(_ inputs: [Input], registered: [Definition], versions: [StoredDefinition] = []) -> CheckResult {
        let parser = DefinitionParser()
        var files: [DefinitionFile] = []
        var diagnostics: [Diagnostic] = []
        var contents: [String: [UInt8]] = [:]
        for input in inputs {
            let outcome = parser.parse(input.bytes, path: input.path)
            diagnostics += outcome.diagnostics
            if let file = outcome.file {
                files.append(file)
                contents[input.path] = input.bytes
            }
        }
        var catalog = ReferenceCatalog()
        catalog.add(files.map(\.definition))
        catalog.add(registered)
        let validator = DefinitionValidator(catalog: catalog, compiler: XPathCompiler())
        diagnostics += validator.validate(files)
        let current = Dictionary(versions.map { ("\($0.kind.rawValue) \($0.docID)", $0) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            guard let stored = current["\(file.definition.kind.rawValue) \(file.definition.id)"], stored.sha256 != file.sha256,
                  stored.versionLabel == file.definition.version else { continue }
            diagnostics.append(.warning(file.path, file.definition.versionLocation,
                "the content differs from the registered \(file.definition.kind.singularNoun) '\(file.definition.id)' \(stored.versionLabel) (#\(stored.versionID)) but version=\"\(stored.versionLabel)\" did not change; raise the version so people can tell them apart"))
        }
        return CheckResult(files: files, diagnostics: diagnostics.sorted(), contents: contents)
    }

    /// The newest registered version of every definition, parsed from the stored bytes.
    public static func registered(in store: Store?, kind: DefinitionKind? = nil) throws -> [(StoredDefinition, Definition)] {
        guard let store else { return [] }
        let parser = DefinitionParser()
        var result: [(StoredDefinition, Definition)] = []
        for stored in try store.definitions.latestVersions(kind: kind) {
            let bytes = try store.definitions.content(versionID: stored.versionID)
            if let definition = parser.parse(bytes, path: stored.sourcePath).file?.definition {
                result.append((stored, definition))
            }
        }
        return result
    }

    /// What `load` did with each file.
    public struct LoadReport {
        public init(diagnostics: [Diagnostic] = []) { self.diagnostics = diagnostics }

        public var outcomes: [(path: String, outcome: RegistrationOutcome)] = []
        public var diagnostics: [Diagnostic] = []

        public var addedCount: Int {
            outcomes.filter { if case .unchanged = $0.outcome { return false } else { return true } }.count
        }
    }

    /// Validates `inputs` and, only when every file is valid, stores new content as new versions in one transaction.
    public static func load(_ inputs: [Input], context: AppContext) throws -> LoadReport {
        let store = context.store, timestamp = context.now
        let registered = try Self.registered(in: store)
        let result = check(inputs, registered: registered.map(\.1), versions: registered.map(\.0))
        var report = LoadReport(diagnostics: result.diagnostics)
        guard result.isValid else { return report }
        // Register what others refer to first, so a form's standard is there before the form.
        let ordered = result.files.sorted { ($0.definition.kind, $0.path) < ($1.definition.kind, $1.path) }
        try store.database.transaction {
            var seen: Set<String> = []
            for file in ordered where seen.insert(file.sha256 + file.definition.kind.rawValue).inserted {
                let outcome = try store.definitions.register(file, content: result.contents[file.path] ?? [], at: timestamp)
                report.outcomes.append((file.path, outcome))
                try record(outcome, path: file.path, context: context)
            }
        }
        return report
    }

    /// Records in the history what registering a file changed (a new version, or an older content made current again).
    static func record(_ outcome: RegistrationOutcome, path: String, context: AppContext) throws {
        let stored: StoredDefinition, previous: StoredDefinition?, reinstated: Bool
        switch outcome {
        case .unchanged: return
        case let .added(definition, earlier): (stored, previous, reinstated) = (definition, earlier, false)
        case let .reinstated(definition, earlier): (stored, previous, reinstated) = (definition, earlier, true)
        }
        try context.store.journal.append(
            .definitionRegistered(DefinitionRegistered(
                kind: stored.kind.rawValue, documentID: stored.docID, versionID: stored.versionID, versionLabel: stored.versionLabel,
                sha256: stored.sha256, path: path, previousVersionID: previous?.versionID, reinstated: reinstated)),
            reason: reinstated ? "older content loaded again from \(path)" : "loaded from \(path)", contentHash: nil,
            actor: context.actor, at: context.now)
    }
}
