internal import CLibXML2
import Foundation
import YardstickCore

/// Validates a document against one of the bundled XML Schemas, reporting every violation
/// at the offending element or attribute.
public struct SchemaValidator {
    public init() {}

    /// Every schema violation of `document` against the schema of `kind` (compiled once per process).
    public func validate(_ document: SafeXMLDocument, as kind: DefinitionKind, path: String) -> [Diagnostic] {
        let schema: CompiledSchema
        switch CompiledSchema.schema(for: kind) {
        case let .compiled(compiled): schema = compiled
        case let .failed(reason): return [.error(path, .start, "internal error: \(reason)")]
        }
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        let handler: xmlStructuredErrorFunc = { userData, error in
            guard let userData, let error else { return }
            Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
        }
        guard schema.validate(document.document, handler: handler, userData: unmanaged.toOpaque()) else {
            return [.error(path, .start, "internal error: no schema validation context")]
        }
        return collector.entries.map { entry in
            .error(path, location(of: entry, in: document), Self.humanise(entry.message))
        }
    }

    private func location(of entry: ErrorCollector.Entry, in document: SafeXMLDocument) -> SourceLocation {
        if let node = entry.node {
            let pointer = node.assumingMemoryBound(to: xmlNode.self)
            if pointer.pointee.type == XML_ATTRIBUTE_NODE, let parent = pointer.pointee.parent,
               let anchor = document.anchors[UnsafeMutableRawPointer(parent)] {
                return anchor.at(String(cString: pointer.pointee.name))
            }
            if let anchor = document.anchors[node] {
                // "attribute 'x'" in the message points at that attribute when it is present.
                if let attribute = Self.quotedAttribute(in: entry.message) { return anchor.at(attribute) }
                return anchor.element
            }
        }
        return SourceLocation(line: max(entry.line, 1), column: 1)
    }

    private static func quotedAttribute(in message: String) -> String? {
        guard let range = message.range(of: "attribute '") else { return nil }
        let rest = message[range.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    /// libxml2's wording, made to read as one sentence.
    static func humanise(_ message: String) -> String {
        var text = message.trimmingWhitespace()
        if text.hasSuffix(".") { text.removeLast() }
        text = text.replacingOccurrences(of: "{http://www.w3.org/2001/XMLSchema}", with: "xs:")
        text = text.replacingOccurrences(of: ": This element is not expected", with: ": this element is not expected here")
        text = text.replacingOccurrences(of: "[facet 'enumeration'] The value ", with: "")
        text = text.replacingOccurrences(of: " is not an element of the set ", with: " is not one of ")
        text = text.replacingOccurrences(of: "[facet 'pattern'] The value ", with: "")
        text = text.replacingOccurrences(of: " is not accepted by the pattern ", with: " does not match the pattern ")
        return text
    }
}
