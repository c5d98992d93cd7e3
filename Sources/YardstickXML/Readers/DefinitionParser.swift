import YardstickCore

/// Bytes of a definition file → its kind, its typed definition and every schema or reading problem.
public struct DefinitionParser {
    /// The outcome for one file: the definition when it could be read at all, and the diagnostics.
    public struct Outcome {
        public var file: DefinitionFile?
        public var diagnostics: [Diagnostic]
    }

    public init() {}

    public func parse(_ bytes: [UInt8], path: String) -> Outcome {
        let document: SafeXMLDocument
        do {
            document = try SafeXMLDocument(bytes: bytes)
        } catch {
            return Outcome(file: nil, diagnostics: [.error(path, error.location, error.message)])
        }
        guard let root = document.root else {
            return Outcome(file: nil, diagnostics: [.error(path, .start, "the file has no root element")])
        }
        guard root.namespaceURI == nil else {
            return Outcome(file: nil, diagnostics: [.error(path, root.anchor.element,
                "<\(root.name)> declares the namespace '\(root.namespaceURI ?? "")'; Yardstick files use no namespace")])
        }
        guard let kind = DefinitionKind(rootElement: root.name) else {
            let expected = DefinitionKind.allCases.map { "<\($0.rootElement)>" }.joined(separator: ", ")
            return Outcome(file: nil, diagnostics: [.error(path, root.anchor.element,
                "<\(root.name)> is not a Yardstick definition; expected a root element \(expected)")])
        }
        if let format = root.attribute("format"), format != "1" {
            return Outcome(file: nil, diagnostics: [.error(path, root.anchor.at("format"),
                "format=\"\(format)\" is not supported; this version of yardstick reads format=\"1\"")])
        }
        var diagnostics = SchemaValidator().validate(document, as: kind, path: path)
        var reader = DefinitionReader(path: path)
        let definition = reader.read(root, as: kind)
        diagnostics += reader.diagnostics
        let file = DefinitionFile(path: path, sha256: SHA256.hex(of: bytes), definition: definition)
        return Outcome(file: file, diagnostics: diagnostics)
    }
}
