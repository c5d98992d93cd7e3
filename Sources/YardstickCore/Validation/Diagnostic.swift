/// One problem found in an input file, with where it is and what was expected.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        /// Context for the problems around it (e.g. which separator a header was read with).
        case note
    }

    public var severity: Severity
    public var path: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, path: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.path = path
        self.location = location
        self.message = message
    }

    public static func error(_ path: String, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, path: path, at: location, message)
    }

    public static func warning(_ path: String, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path: path, at: location, message)
    }

    public static func note(_ path: String, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.note, path: path, at: location, message)
    }

    /// Sorted by file, then line and column, as compilers print them.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        return lhs.message < rhs.message
    }

    /// `path:line:col: error: message`.
    public var description: String {
        "\(path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}

/// Collects diagnostics for one file.
struct DiagnosticSink {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(.error(path, location, message))
    }

    mutating func warning(_ location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(path, location, message))
    }

    /// Reports every id that occurs more than once, at its second and later occurrences.
    mutating func reportDuplicates<Item>(_ items: [Item], what: String, id: (Item) -> String, location: (Item) -> SourceLocation) {
        var firstSeen: [String: SourceLocation] = [:]
        for item in items {
            let key = id(item)
            if let first = firstSeen[key] {
                error(location(item), "duplicate \(what) '\(key)' (first defined at line \(first.line))")
            } else {
                firstSeen[key] = location(item)
            }
        }
    }
}
