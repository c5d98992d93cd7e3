import YardstickCore
import YardstickStore
import YardstickXML

/// Finds a standard or form by registered id, stored version, or file path, for the show commands.
public struct DefinitionResolver {
    public let store: Store?
    public let databasePath: String
    public private(set) var standards: [String: Standard] = [:]
    public private(set) var trainingModules: [String: TrainingModule] = [:]
    private var forms: [String: Form] = [:]
    private var policies: [String: IncentivePolicy] = [:]
    private var catalogues: [String: TrainingCatalogue] = [:]

    public init(store: Store?, databasePath: String) throws {
        self.store = store
        self.databasePath = databasePath
        for (_, definition) in try DefinitionWorkflow.registered(in: store) {
            switch definition {
            case let .standard(standard): standards[standard.id] = standard
            case let .form(form): forms[form.id] = form
            case let .training(catalogue):
                catalogues[catalogue.id] = catalogue
                for module in catalogue.modules { trainingModules[module.id] = module }
            case let .policy(policy): policies[policy.id] = policy
            }
        }
    }

    public mutating func standard(_ reference: String, versionID: String?) throws -> Standard {
        if case let .standard(standard) = try definition(reference, kind: .standard, versionID: versionID) {
            return standard
        }
        throw InputError("'\(reference)' is not a standard")
    }

    /// What `standards show` shows: a standard, or an incentive policy or training catalogue (which live in standards/ too).
    public mutating func standardsFile(_ reference: String, versionID: String?) throws -> Definition {
        if FileKind.isFile(reference) { return try definition(reference, kind: .standard, versionID: nil) }
        for kind in [DefinitionKind.standard, .policy, .training] where try has(reference, kind: kind, versionID: versionID) {
            return try definition(reference, kind: kind, versionID: versionID)
        }
        return try definition(reference, kind: .standard, versionID: versionID)
    }

    private func has(_ reference: String, kind: DefinitionKind, versionID: String?) throws -> Bool {
        if versionID != nil, let store { return try !store.definitions.versions(kind: kind, id: reference).isEmpty }
        switch kind {
        case .standard: return standards[reference] != nil
        case .policy: return policies[reference] != nil
        case .training: return catalogues[reference] != nil
        case .form: return forms[reference] != nil
        }
    }

    public mutating func form(_ reference: String, versionID: String?) throws -> Form {
        if case let .form(form) = try definition(reference, kind: .form, versionID: versionID) { return form }
        throw InputError("'\(reference)' is not a form")
    }

    private mutating func definition(_ reference: String, kind: DefinitionKind, versionID: String?) throws -> Definition {
        if FileKind.isFile(reference) {
            let inputs = try DefinitionWorkflow.collect([reference])
            let result = DefinitionWorkflow.check(inputs, registered: standards.values.map { .standard($0) })
            guard result.isValid, let file = result.files.first else {
                throw InputError("\(reference) has errors; run 'yardstick check \(reference)' to see them")
            }
            if case let .standard(standard) = file.definition { standards[standard.id] = standard }
            return file.definition
        }
        if let versionID {
            guard let store, let number = Int64(versionID) else { throw InputError("--version-id takes a number from 'list --all-versions'") }
            let versions = try store.definitions.versions(kind: kind, id: reference)
            guard let stored = versions.first(where: { $0.versionID == number }) else {
                throw InputError("\(kind.singularNoun) '\(reference)' has no stored version #\(versionID); versions: \(versions.map { "#\($0.versionID)" }.joined(separator: ", "))")
            }
            let bytes = try store.definitions.content(versionID: stored.versionID)
            guard let definition = DefinitionParser().parse(bytes, path: stored.sourcePath).file?.definition else {
                throw InputError("stored version #\(versionID) cannot be read")
            }
            return definition
        }
        switch kind {
        case .standard: if let standard = standards[reference] { return .standard(standard) }
        case .form: if let form = forms[reference] { return .form(form) }
        case .policy: if let policy = policies[reference] { return .policy(policy) }
        case .training: if let catalogue = catalogues[reference] { return .training(catalogue) }
        }
        let known = (kind == .form ? Array(forms.keys) : Array(standards.keys) + Array(policies.keys) + Array(catalogues.keys)).sorted()
        if store == nil {
            throw InputError("no database at \(databasePath), and '\(reference)' is not a file; run 'yardstick init' or pass a file path")
        }
        throw InputError("no registered \(kind.singularNoun) '\(reference)'; registered: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }
}
