/// The four kinds of definition file (PRODUCT.md §3).
public enum DefinitionKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case standard
    case training
    case form
    case policy

    /// The root element name of files of this kind.
    public var rootElement: String {
        self == .policy ? "incentive-policy" : rawValue
    }

    public init?(rootElement: String) {
        guard let kind = Self.allCases.first(where: { $0.rootElement == rootElement }) else { return nil }
        self = kind
    }

    /// Files are ordered so that what others refer to comes first.
    public static func < (lhs: DefinitionKind, rhs: DefinitionKind) -> Bool {
        let order: [DefinitionKind] = [.training, .standard, .form, .policy]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// A parsed definition file of any kind.
public enum Definition: Sendable, Hashable {
    case standard(Standard)
    case training(TrainingCatalogue)
    case form(Form)
    case policy(IncentivePolicy)

    public var kind: DefinitionKind {
        switch self {
        case .standard: return .standard
        case .training: return .training
        case .form: return .form
        case .policy: return .policy
        }
    }

    public var id: String {
        switch self {
        case let .standard(value): return value.id
        case let .training(value): return value.id
        case let .form(value): return value.id
        case let .policy(value): return value.id
        }
    }

    public var version: String {
        switch self {
        case let .standard(value): return value.version
        case let .training(value): return value.version
        case let .form(value): return value.version
        case let .policy(value): return value.version
        }
    }

    public var title: String {
        switch self {
        case let .standard(value): return value.title
        case let .training(value): return value.title
        case let .form(value): return value.title
        case let .policy(value): return value.title
        }
    }
}

/// A definition together with the file it came from and the hash of that file's bytes.
public struct DefinitionFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var definition: Definition

    public init(path: String, sha256: String, definition: Definition) {
        self.path = path
        self.sha256 = sha256
        self.definition = definition
    }
}
