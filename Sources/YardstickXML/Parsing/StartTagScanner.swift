/// A start tag as written in the file: where it starts and where each attribute starts.
struct StartTag {
    var localName: String
    var offset: Int
    var attributeOffsets: [(String, Int)]
}

/// Finds every start tag in document order, skipping comments, CDATA, processing instructions and
/// end tags. libxml2 keeps only a line per element; this gives diagnostics exact columns.
///
/// It runs before libxml2 sees the file and enforces `Limits` on the way, so a hostile file (tens of
/// thousands of attributes on one element, absurd nesting, millions of elements) is refused in one
/// linear pass, before libxml2 and the schema validator spend time on it.
enum StartTagScanner {
    /// How large the element structure of a definition file may be.
    struct Limits {
        var attributesPerElement: Int
        var depth: Int
        var elements: Int
    }

    /// A limit was exceeded at `offset` (a byte offset into the file).
    struct LimitExceeded: Error {
        var offset: Int
        var message: String
    }

    private static let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    private static let cdataStart = Array("<![CDATA[".utf8), cdataEnd = Array("]]>".utf8)
    private static let instructionStart = Array("<?".utf8), instructionEnd = Array("?>".utf8)
    private static let doctypeStart = Array("<!DOCTYPE".utf8)
    private static let tagEnd = Array(">".utf8)
    private static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let equals = UInt8(ascii: "="), exclamation = UInt8(ascii: "!")

    /// The start tags of `bytes`, in document order.
    /// - Throws: `LimitExceeded` at the first element that breaks one of `limits`.
    static func scan(_ bytes: [UInt8], limits: Limits) throws(LimitExceeded) -> [StartTag] {
        var tags: [StartTag] = []
        var depth = 0
        var index = 0
        let count = bytes.count
        func matches(_ pattern: [UInt8], at position: Int) -> Bool {
            guard position + pattern.count <= count else { return false }
            for offset in pattern.indices where bytes[position + offset] != pattern[offset] { return false }
            return true
        }
        func skip(past terminator: [UInt8], from position: Int) -> Int {
            var position = position
            while position + terminator.count <= count {
                if bytes[position] == terminator[0], matches(terminator, at: position) { return position + terminator.count }
                position += 1
            }
            return count
        }

        while index < count {
            guard bytes[index] == lessThan else {
                index += 1
                continue
            }
            if matches(commentStart, at: index) {
                index = skip(past: commentEnd, from: index + commentStart.count)
            } else if matches(cdataStart, at: index) {
                index = skip(past: cdataEnd, from: index + cdataStart.count)
            } else if matches(instructionStart, at: index) {
                index = skip(past: instructionEnd, from: index + instructionStart.count)
            } else if matches(doctypeStart, at: index) {
                // libxml2 refuses the file at its DOCTYPE with a clearer message than any limit would give.
                return tags
            } else if index + 1 < count, bytes[index + 1] == exclamation {
                index = skip(past: tagEnd, from: index + 2)
            } else if index + 1 < count, bytes[index + 1] == slash {
                depth = max(depth - 1, 0)
                index = skip(past: tagEnd, from: index + 2)
            } else {
                let (tag, end, closesItself) = try startTag(in: bytes, at: index, limits: limits)
                guard tags.count < limits.elements else {
                    throw LimitExceeded(offset: index, message: "the file has more than \(limits.elements) elements; a definition file may have at most \(limits.elements)")
                }
                guard depth < limits.depth else {
                    throw LimitExceeded(offset: index, message: "<\(tag.localName)> is nested more than \(limits.depth) elements deep; definition files may nest elements at most \(limits.depth) deep")
                }
                if !closesItself { depth += 1 }
                tags.append(tag)
                index = end
            }
        }
        return tags
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        !(isSpace(byte) || byte == equals || byte == greaterThan || byte == slash)
    }

    /// The start tag at `tagStart`, the offset just past it, and whether it ends with `/>`.
    private static func startTag(in bytes: [UInt8], at tagStart: Int, limits: Limits) throws(LimitExceeded) -> (StartTag, Int, Bool) {
        let count = bytes.count
        var position = tagStart + 1
        let nameStart = position
        while position < count, isNameByte(bytes[position]) { position += 1 }
        let qualified = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        let localName = qualified.split(separator: ":").last.map(String.init) ?? qualified
        var attributes: [(String, Int)] = []
        var closesItself = false
        while position < count {
            while position < count, isSpace(bytes[position]) { position += 1 }
            guard position < count else { break }
            if bytes[position] == greaterThan {
                position += 1
                break
            }
            if bytes[position] == slash {
                closesItself = true
                position += 1
                continue
            }
            closesItself = false
            let attributeStart = position
            while position < count, isNameByte(bytes[position]) { position += 1 }
            let nameEnd = position
            while position < count, isSpace(bytes[position]) || bytes[position] == equals { position += 1 }
            if position < count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                let quote = bytes[position]
                position += 1
                while position < count, bytes[position] != quote { position += 1 }
                position += 1
            }
            if nameEnd > attributeStart {
                guard attributes.count < limits.attributesPerElement else {
                    throw LimitExceeded(offset: attributeStart, message: "<\(localName)> has more than \(limits.attributesPerElement) attributes; an element may have at most \(limits.attributesPerElement)")
                }
                attributes.append((String(decoding: bytes[attributeStart..<nameEnd], as: UTF8.self), attributeStart))
            }
            if position == attributeStart { position += 1 }
        }
        return (StartTag(localName: localName, offset: tagStart, attributeOffsets: attributes), min(position, count), closesItself)
    }
}
