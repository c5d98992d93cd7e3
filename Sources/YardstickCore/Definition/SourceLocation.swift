/// A 1-based line and column in a source file, as editors show them.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file, for problems that concern the whole file.
    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where one element of a definition file stands, and where each of its attributes stands,
/// so a diagnostic can point at the exact attribute that is wrong.
public struct SourceAnchor: Sendable, Hashable {
    public var element: SourceLocation
    public var attributes: [String: SourceLocation]

    public init(element: SourceLocation, attributes: [String: SourceLocation] = [:]) {
        self.element = element
        self.attributes = attributes
    }

    /// The location of `attribute`, or of the element when the attribute is absent.
    public func at(_ attribute: String) -> SourceLocation {
        attributes[attribute] ?? element
    }

    public static let unknown = SourceAnchor(element: .start)
}
