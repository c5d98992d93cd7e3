/// What definition files may refer to: the files being checked first, then those already registered.
public struct ReferenceCatalog: Sendable {
    public private(set) var standards: [String: Standard] = [:]
    public private(set) var trainingModuleIDs: Set<String> = []
    /// Whether any training catalogue is known at all; without one, training links cannot be checked.
    public private(set) var hasTrainingCatalogue = false
    /// The forms of each standard, by form id (the checked file wins over the registered one).
    public private(set) var formsByStandard: [String: [String: Form]] = [:]

    public init() {}

    /// Adds the definitions of `files`; later additions do not replace earlier ones, so call this with
    /// the files being checked before the registered ones.
    public mutating func add(_ definitions: [Definition]) {
        for definition in definitions {
            switch definition {
            case let .standard(standard):
                if standards[standard.id] == nil { standards[standard.id] = standard }
            case let .training(catalogue):
                hasTrainingCatalogue = true
                trainingModuleIDs.formUnion(catalogue.modules.map(\.id))
            case let .form(form):
                if formsByStandard[form.standardID]?[form.id] == nil { formsByStandard[form.standardID, default: [:]][form.id] = form }
            case .policy:
                break
            }
        }
    }
}
