internal import CLibXML2
import YardstickCore

/// A read-only view of one element of a `SafeXMLDocument`; valid while the document lives.
public struct XMLElement {
    let node: xmlNodePtr
    let document: SafeXMLDocument

    init(node: xmlNodePtr, document: SafeXMLDocument) {
        self.node = node
        self.document = document
    }

    public var name: String { String(cString: node.pointee.name) }

    /// The namespace URI of the element, if it has one.
    public var namespaceURI: String? {
        node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    /// Where the element and its attributes stand in the file.
    public var anchor: SourceAnchor {
        document.anchors[UnsafeMutableRawPointer(node)] ?? SourceAnchor(element: SourceLocation(line: Int(xmlGetLineNo(node)), column: 1))
    }

    /// The value of the attribute `name` (without namespace), or nil when absent.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { yardstick_xml_free(value) }
        return String(cString: value)
    }

    /// Names of all attributes, in file order.
    public var attributeNames: [String] {
        var names: [String] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            names.append(String(cString: current.pointee.name))
            attribute = current.pointee.next
        }
        return names
    }

    /// The child elements, in file order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: current, document: document)) }
            child = current.pointee.next
        }
        return result
    }

    public func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }

    public func child(named name: String) -> XMLElement? { children.first { $0.name == name } }

    /// All text inside the element, including that of child elements, with runs of white space folded.
    public var text: String { Self.fold(rawText(includingChildren: true)) }

    /// Only the element's own text nodes (not its children's), folded: a question's prompt beside its options.
    public var ownText: String { Self.fold(rawText(includingChildren: false)) }

    private func rawText(includingChildren: Bool) -> String {
        if includingChildren {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { yardstick_xml_free(content) }
            return String(cString: content)
        }
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
        return text
    }

    private static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
