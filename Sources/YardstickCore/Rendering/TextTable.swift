/// An aligned plain-text table for the terminal: a header, a rule, then the rows.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func rendered() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: width - cell.count)
                parts.append(alignments[index] == .right ? padding + cell : cell + padding)
            }
            return String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
        var lines = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Wraps text at word boundaries to `width` columns, each line prefixed by `indent`.
public func wrap(_ text: String, width: Int, indent: String) -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
        if !current.isEmpty && indent.count + current.count + 1 + word.count > width {
            lines.append(indent + current)
            current = String(word)
        } else {
            current += current.isEmpty ? String(word) : " " + word
        }
    }
    if !current.isEmpty { lines.append(indent + current) }
    return lines.joined(separator: "\n")
}

/// A score or weight as people read it: at most one decimal, no trailing ".0".
public func formatNumber(_ value: Double, decimals: Int = 1) -> String {
    var factor = 1.0
    for _ in 0..<decimals { factor *= 10 }
    let rounded = (value * factor).rounded() / factor
    if rounded == rounded.rounded() { return String(Int64(rounded)) }
    let text = String(rounded)
    return text
}
