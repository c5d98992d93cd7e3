/// A start tag as written in the file: where it starts and where each attribute starts.
struct StartTag {
    var localName: String
    var offset: Int
    var attributeOffsets: [(String, Int)]
}

/// Finds every start tag in document order, skipping comments, CDATA, processing instructions and
/// end tags. libxml2 keeps only a line per element; this gives diagnostics exact columns.
enum StartTagScanner {
    static func scan(_ bytes: [UInt8]) -> [StartTag] {
        var tags: [StartTag] = []
        var index = 0
        let count = bytes.count
        func startsWith(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard position + pattern.count <= count else { return false }
            return Array(bytes[position..<(position + pattern.count)]) == pattern
        }
        func skip(past terminator: String, from position: Int) -> Int {
            let pattern = Array(terminator.utf8)
            var position = position
            while position + pattern.count <= count {
                if bytes[position] == pattern[0], Array(bytes[position..<(position + pattern.count)]) == pattern {
                    return position + pattern.count
                }
                position += 1
            }
            return count
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/"))
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if startsWith("<!--", at: index) {
                index = skip(past: "-->", from: index + 4)
            } else if startsWith("<![CDATA[", at: index) {
                index = skip(past: "]]>", from: index + 9)
            } else if startsWith("<?", at: index) {
                index = skip(past: "?>", from: index + 2)
            } else if startsWith("<!", at: index) || startsWith("</", at: index) {
                index = skip(past: ">", from: index + 2)
            } else {
                let tagStart = index
                var position = index + 1
                let nameStart = position
                while position < count, isNameByte(bytes[position]) { position += 1 }
                let qualified = String(decoding: bytes[nameStart..<position], as: UTF8.self)
                let localName = qualified.split(separator: ":").last.map(String.init) ?? qualified
                var attributes: [(String, Int)] = []
                while position < count {
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard position < count else { break }
                    if bytes[position] == UInt8(ascii: ">") { position += 1; break }
                    if bytes[position] == UInt8(ascii: "/") { position += 1; continue }
                    let attributeStart = position
                    while position < count, isNameByte(bytes[position]) { position += 1 }
                    let attribute = String(decoding: bytes[attributeStart..<position], as: UTF8.self)
                    while position < count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "=") { position += 1 }
                    if position < count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                        let quote = bytes[position]
                        position += 1
                        while position < count, bytes[position] != quote { position += 1 }
                        position += 1
                    }
                    if !attribute.isEmpty { attributes.append((attribute, attributeStart)) }
                    if position == attributeStart { position += 1 }
                }
                tags.append(StartTag(localName: localName, offset: tagStart, attributeOffsets: attributes))
                index = position
            }
        }
        return tags
    }
}
