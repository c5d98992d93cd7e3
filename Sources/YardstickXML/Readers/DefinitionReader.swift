import YardstickCore

/// Reads a schema-valid definition document into domain values, with every element's location.
/// It never fails on a structural problem the schema already reported; it reads what it can.
struct DefinitionReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func read(_ root: XMLElement, as kind: DefinitionKind) -> Definition {
        switch kind {
        case .standard: return .standard(readStandard(root))
        case .training: return .training(readTraining(root))
        case .form: return .form(readForm(root))
        case .policy: return .policy(readPolicy(root))
        }
    }

    mutating func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(.error(path, location, message))
    }

    func string(_ element: XMLElement, _ name: String, default fallback: String = "") -> String {
        element.attribute(name)?.trimmingWhitespace() ?? fallback
    }

    /// A decimal attribute; the schema has reported a malformed one, so it reads as `fallback` here.
    func number(_ element: XMLElement, _ name: String, default fallback: Double = 0) -> Double {
        element.attribute(name).flatMap { Double($0.trimmingWhitespace()) } ?? fallback
    }

    func integer(_ element: XMLElement, _ name: String, default fallback: Int = 0) -> Int {
        element.attribute(name).flatMap { Int($0.trimmingWhitespace()) } ?? fallback
    }

    func boolean(_ element: XMLElement, _ name: String) -> Bool {
        let value = string(element, name)
        return value == "true" || value == "1"
    }

    func list(_ element: XMLElement, _ name: String) -> [String] {
        string(element, name).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    func expression(_ element: XMLElement, _ name: String) -> Expression? {
        guard let source = element.attribute(name) else { return nil }
        return Expression(source, at: element.anchor.at(name))
    }

    mutating func readTraining(_ root: XMLElement) -> TrainingCatalogue {
        let modules = root.children(named: "module").map { element in
            TrainingModule(
                id: string(element, "id"), title: string(element, "title"),
                format: TrainingFormat(rawValue: string(element, "format")) ?? .eLearning,
                minutes: integer(element, "minutes"), description: element.text, anchor: element.anchor)
        }
        return TrainingCatalogue(
            id: string(root, "id", default: "training"), version: string(root, "version", default: "1"),
            title: string(root, "title", default: "Training catalogue"), modules: modules, anchor: root.anchor)
    }
}
