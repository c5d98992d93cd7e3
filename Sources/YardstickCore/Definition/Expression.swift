/// An XPath 1.0 expression from a form (`relevant`, `constraint`, `met`, `required`) with where it was written.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var location: SourceLocation

    public init(_ source: String, at location: SourceLocation = .start) {
        self.source = source
        self.location = location
    }

    public var description: String { source }
}
