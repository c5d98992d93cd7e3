/// A versioned catalogue of criteria grouped into categories, with the bands that name score ranges.
public struct Standard: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String
    public var bands: [Band]
    public var categories: [Category]
    public var anchor: SourceAnchor

    public init(id: String, version: String, title: String, bands: [Band], categories: [Category], anchor: SourceAnchor = .unknown) {
        self.id = id
        self.version = version
        self.title = title
        self.bands = bands
        self.categories = categories
        self.anchor = anchor
    }

    /// Every criterion, in file order.
    public var criteria: [Criterion] { categories.flatMap(\.criteria) }

    /// The criterion with `id`, if the standard has one.
    public func criterion(_ id: String) -> Criterion? {
        for category in categories {
            if let found = category.criteria.first(where: { $0.id == id }) { return found }
        }
        return nil
    }

    /// The band for `score`: the first (highest) band whose minimum the score reaches.
    public func band(for score: Double) -> Band? {
        bands.first { score >= $0.minimum }
    }
}

/// A named score range: a score at or above `minimum` (and below the previous band) gets `label`.
public struct Band: Sendable, Hashable {
    public var label: String
    public var minimum: Double
    public var anchor: SourceAnchor

    public init(label: String, minimum: Double, anchor: SourceAnchor = .unknown) {
        self.label = label
        self.minimum = minimum
        self.anchor = anchor
    }
}

/// A group of related criteria with its own score.
public struct Category: Sendable, Hashable {
    public var id: String
    public var title: String
    public var criteria: [Criterion]
    public var anchor: SourceAnchor

    public init(id: String, title: String, criteria: [Criterion], anchor: SourceAnchor = .unknown) {
        self.id = id
        self.title = title
        self.criteria = criteria
        self.anchor = anchor
    }
}
