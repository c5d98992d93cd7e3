import Foundation
import YardstickCore
import YardstickStore
import YardstickXML

/// Validating and registering standards, training catalogues, forms and policies.
struct DefinitionWorkflow {
    /// One file to check: the path as the user wrote it, and its bytes.
    struct Input {
        var path: String
        var bytes: [UInt8]
    }

    /// The outcome of checking a set of files.
    struct CheckResult {
        var files: [DefinitionFile]
        var diagnostics: [Diagnostic]
        var contents: [String: [UInt8]]

        var isValid: Bool { !diagnostics.hasErrors }
    }

    /// Files and folders → the XML files to check, folders searched recursively, in a stable order.
    static func collect(_ paths: [String]) throws -> [Input] {
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
    static func check(_ inputs: [Input], registered: [Definition]) -> CheckResult {
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
        return CheckResult(files: files, diagnostics: diagnostics.sorted(), contents: contents)
    }

    /// The newest registered version of every definition, parsed from the stored bytes.
    static func registered(in store: Store?, kind: DefinitionKind? = nil) throws -> [(StoredDefinition, Definition)] {
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
    struct LoadReport {
        var outcomes: [(path: String, outcome: RegistrationOutcome)] = []
        var diagnostics: [Diagnostic] = []

        var addedCount: Int { outcomes.filter { if case .added = $0.outcome { return true } else { return false } }.count }
    }

    /// Validates `inputs` and, only when every file is valid, stores new content as new versions in one transaction.
    static func load(_ inputs: [Input], into store: Store, at timestamp: String) throws -> LoadReport {
        let registered = try Self.registered(in: store).map(\.1)
        let result = check(inputs, registered: registered)
        var report = LoadReport(diagnostics: result.diagnostics)
        guard result.isValid else { return report }
        // Register what others refer to first, so a form's standard is there before the form.
        let ordered = result.files.sorted { ($0.definition.kind, $0.path) < ($1.definition.kind, $1.path) }
        try store.database.transaction {
            var seen: Set<String> = []
            for file in ordered where seen.insert(file.sha256 + file.definition.kind.rawValue).inserted {
                let outcome = try store.definitions.register(file, content: result.contents[file.path] ?? [], at: timestamp)
                report.outcomes.append((file.path, outcome))
            }
        }
        return report
    }
}
