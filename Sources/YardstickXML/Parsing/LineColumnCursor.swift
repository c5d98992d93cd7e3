import YardstickCore

/// Turns byte offsets into the editor's line and column (in characters, not bytes), walking the
/// text forward once: asked for offsets in increasing order, as start tags and their attributes
/// come, it costs one pass over the file in all, however long its lines are.
struct LineColumnCursor {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The location of the byte at `target`; an offset before the previous one restarts from the top.
    mutating func location(of target: Int) -> SourceLocation {
        if target < offset { (offset, line, column) = (0, 1, 1) }
        let end = min(target, bytes.count)
        while offset < end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // UTF-8 continuation bytes belong to the character before them.
                column += 1
            }
            offset += 1
        }
        return SourceLocation(line: line, column: column)
    }
}
