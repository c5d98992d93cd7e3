internal import CLibXML2
import YardstickCore

/// An XML document parsed safely from bytes in memory: no entity substitution, no DTD loading,
/// no network, and any DOCTYPE refused before its declarations are read, so entity bombs and
/// external entities never get a chance to expand or fetch anything.
public final class SafeXMLDocument {
    /// Files larger than this are refused before parsing; definition files are a few hundred kilobytes.
    public static let maximumSize = 16 * 1024 * 1024
    /// Attributes one element may have; the richest element of the format has about a dozen.
    public static let maximumAttributesPerElement = 256
    /// How deeply elements may nest; the format itself nests five deep.
    public static let maximumDepth = 64
    /// Elements in one file; the bundled forms have a few hundred, a very large choice list a few thousand.
    public static let maximumElements = 100_000

    let document: xmlDocPtr
    public let bytes: [UInt8]
    let tags: [StartTag]
    private(set) var anchors: [UnsafeMutableRawPointer: SourceAnchor] = [:]

    /// Parses `bytes`; throws with a location for a DOCTYPE, malformed XML, an oversized file, or an
    /// element structure beyond the limits above (checked in one pass before libxml2 parses anything).
    public init(bytes: [UInt8]) throws(XMLLoadError) {
        guard bytes.count <= Self.maximumSize else {
            throw XMLLoadError(at: .start, "the file is \(bytes.count) bytes; definition files may be at most \(Self.maximumSize) bytes")
        }
        self.bytes = bytes
        let limits = StartTagScanner.Limits(attributesPerElement: Self.maximumAttributesPerElement, depth: Self.maximumDepth,
                                            elements: Self.maximumElements)
        do {
            tags = try StartTagScanner.scan(bytes, limits: limits)
        } catch {
            var cursor = LineColumnCursor(bytes)
            throw XMLLoadError(at: cursor.location(of: error.offset), error.message)
        }
        LibXML2.ensureInitialized()
        guard let context = xmlNewParserCtxt() else {
            throw XMLLoadError(at: .start, "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let state = ParseState()
        let unmanagedState = Unmanaged.passRetained(state)
        defer { unmanagedState.release() }
        context.pointee._private = unmanagedState.toOpaque()
        // Stop at the DOCTYPE declaration itself: its internal subset (entities, external ids) is never parsed.
        context.pointee.sax.pointee.internalSubset = { rawContext, _, _, _ in
            guard let parser = rawContext?.assumingMemoryBound(to: xmlParserCtxt.self), let state = parser.pointee._private else { return }
            Unmanaged<ParseState>.fromOpaque(state).takeUnretainedValue().refusedDoctype = true
            xmlStopParser(parser)
        }
        // The first error explains a malformed file best; libxml2 keeps only the last one.
        context.pointee.sax.pointee.serror = { rawContext, error in
            guard let parser = rawContext?.assumingMemoryBound(to: xmlParserCtxt.self), let state = parser.pointee._private,
                  let error else { return }
            let collector = Unmanaged<ParseState>.fromOpaque(state).takeUnretainedValue()
            if collector.firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
                collector.firstError = XMLLoadError(
                    at: SourceLocation(line: max(Int(error.pointee.line), 1), column: max(Int(error.pointee.int2), 1)),
                    message.trimmingWhitespace())
            }
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { characters in
                xmlCtxtReadMemory(context, characters, Int32(buffer.count), "input.xml", nil, options)
            }
        }
        if state.refusedDoctype {
            if let parsed { xmlFreeDoc(parsed) }
            let line = Int(context.pointee.input?.pointee.line ?? 1)
            throw XMLLoadError(at: SourceLocation(line: max(line, 1), column: 1),
                               "a DOCTYPE declaration is not allowed; definition files must not declare a DTD or entities")
        }
        guard let parsed, context.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            throw state.firstError ?? Self.parseError(of: context)
        }
        document = parsed
        anchors = assignAnchors()
    }

    deinit { xmlFreeDoc(document) }

    /// The document's root element.
    public var root: XMLElement? {
        guard let node = xmlDocGetRootElement(document) else { return nil }
        return XMLElement(node: node, document: self)
    }

    /// What the parser callbacks found, reached through the parser context's private pointer.
    private final class ParseState {
        var refusedDoctype = false
        var firstError: XMLLoadError?
    }

    private static func parseError(of context: xmlParserCtxtPtr) -> XMLLoadError {
        guard let error = xmlCtxtGetLastError(context) else {
            return XMLLoadError(at: .start, "the file is not well-formed XML")
        }
        let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
        return XMLLoadError(at: SourceLocation(line: max(Int(error.pointee.line), 1), column: max(Int(error.pointee.int2), 1)),
                            message.trimmingWhitespace())
    }

    /// Pairs the k-th element of the tree (in document order) with the k-th start tag of the text.
    /// Tags and their attributes come in file order, so one forward cursor locates them all in linear time.
    private func assignAnchors() -> [UnsafeMutableRawPointer: SourceAnchor] {
        var result: [UnsafeMutableRawPointer: SourceAnchor] = [:]
        var cursor = LineColumnCursor(bytes)
        var index = 0
        var elements: [xmlNodePtr] = []
        func walk(_ node: xmlNodePtr) {
            var child: xmlNodePtr? = node
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    elements.append(current)
                    if let children = current.pointee.children { walk(children) }
                }
                child = current.pointee.next
            }
        }
        if let root = xmlDocGetRootElement(document) { walk(root) }
        for element in elements {
            let name = String(cString: element.pointee.name)
            if index < tags.count, tags[index].localName == name {
                let tag = tags[index]
                let elementLocation = cursor.location(of: tag.offset)
                var attributes: [String: SourceLocation] = [:]
                for (attribute, offset) in tag.attributeOffsets { attributes[attribute] = cursor.location(of: offset) }
                result[UnsafeMutableRawPointer(element)] = SourceAnchor(element: elementLocation, attributes: attributes)
            } else {
                result[UnsafeMutableRawPointer(element)] = SourceAnchor(element: SourceLocation(line: Int(xmlGetLineNo(element)), column: 1))
            }
            index += 1
        }
        return result
    }
}
