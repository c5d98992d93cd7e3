/// The training modules that criteria link to.
public struct TrainingCatalogue: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String
    public var modules: [TrainingModule]
    public var anchor: SourceAnchor

    public init(id: String, version: String, title: String, modules: [TrainingModule], anchor: SourceAnchor = .unknown) {
        self.id = id
        self.version = version
        self.title = title
        self.modules = modules
        self.anchor = anchor
    }

    public func module(_ id: String) -> TrainingModule? { modules.first { $0.id == id } }
}

/// One course, workshop or coaching format that teaches one or more criteria.
public struct TrainingModule: Sendable, Hashable {
    public var id: String
    public var title: String
    public var format: TrainingFormat
    public var minutes: Int
    public var description: String
    public var anchor: SourceAnchor

    public init(id: String, title: String, format: TrainingFormat, minutes: Int, description: String, anchor: SourceAnchor = .unknown) {
        self.id = id
        self.title = title
        self.format = format
        self.minutes = minutes
        self.description = description
        self.anchor = anchor
    }
}

/// How a training module is delivered.
public enum TrainingFormat: String, Sendable, Hashable, CaseIterable {
    case eLearning = "e-learning"
    case workshop
    case coaching = "coaching"
    case shadowing = "shadowing"

    /// The wording trainers use.
    public var displayName: String {
        switch self {
        case .eLearning: return "e-learning"
        case .workshop: return "workshop"
        case .coaching: return "1:1 coaching"
        case .shadowing: return "call shadowing"
        }
    }
}
