internal import CLibXML2

/// libxml2's global state must be set up once, before any thread uses it; Swift's lazy statics
/// run exactly once and thread-safely.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Call before any libxml2 use.
    static func ensureInitialized() { _ = initialized }
}
