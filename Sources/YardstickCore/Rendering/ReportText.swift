/// A report for the terminal: the facts, notes, then each section's table aligned in columns, the
/// last text column wrapped to the width. Colour (bands, deltas) only when asked for; widths are
/// measured on the plain text, so colour never shifts a column.
public enum ReportText {
    public static func render(_ document: ReportDocument, colour: Bool, width: Int = 100) -> String {
        var out = document.title + "\n"
        let labelWidth = document.facts.map(\.label.count).max() ?? 0
        for fact in document.facts { out += "  " + pad(fact.label, labelWidth) + "  " + fact.value + "\n" }
        for note in document.notes { out += "\n" + wrap(note, width: width, indent: "") + "\n" }
        for section in document.sections where section.inTerminal {
            switch section.content {
            case let .table(table):
                guard !table.rows.isEmpty else { continue }
                out += "\n" + section.title + "\n" + render(table, colour: colour, width: width)
            case let .lines(lines):
                out += "\n" + section.title + "\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
            case .chart:
                continue
            }
        }
        return out
    }

    /// The aligned table: header, rule, rows.
    public static func render(_ full: ReportTable, colour: Bool, width: Int) -> String {
        let kept = full.columns.indices.filter { full.columns[$0].inTerminal }
        let table = ReportTable(id: full.id, columns: kept.map { full.columns[$0] },
                                rows: full.rows.map { row in kept.map { $0 < row.count ? row[$0] : .empty } })
        var cells = table.rows.map { $0.map { plain($0) } }
        var columns = table.columns
        var widths = columns.map(\.title.count)
        for row in cells { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        var lastIndex = columns.count - 1
        // The last text column wraps instead of widening the table past the terminal; when too
        // little room is left beside the others, it goes under each row instead.
        var fixed = widths.dropLast().reduce(0, +) + 2 * lastIndex
        let tooWide = lastIndex > 0 && !columns[lastIndex].isNumeric && fixed + widths[lastIndex] > width
        let lastWraps = tooWide && width - fixed >= 30
        var below: [String]? = nil
        if tooWide && !lastWraps {
            below = cells.map { $0.count > lastIndex ? $0[lastIndex] : "" }
            cells = cells.map { Array($0.prefix(lastIndex)) }
            widths.removeLast()
            columns.removeLast()
            lastIndex -= 1
            fixed = widths.dropLast().reduce(0, +) + 2 * lastIndex
        }
        if lastWraps { widths[lastIndex] = width - fixed }
        func line(_ values: [String], tones: [ReportTone?]) -> String {
            var parts: [String] = []
            var continuation: [String] = []
            for (index, columnWidth) in widths.enumerated() {
                var value = index < values.count ? values[index] : ""
                if index == lastIndex, lastWraps, value.count > columnWidth {
                    let wrapped = wrap(value, width: columnWidth, indent: "").split(separator: "\n").map(String.init)
                    value = wrapped.first ?? ""
                    continuation = Array(wrapped.dropFirst())
                }
                let padding = String(repeating: " ", count: max(0, columnWidth - value.count))
                var shown = columns[index].isNumeric ? padding + value : value + padding
                if colour, index < tones.count, let tone = tones[index], let code = ansi(tone) {
                    shown = columns[index].isNumeric ? padding + code + value + reset : code + value + reset + padding
                }
                parts.append(shown)
            }
            var text = String(parts.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
            for extra in continuation { text += "\n" + String(repeating: " ", count: fixed) + extra }
            return text
        }
        var lines = [line(columns.map(\.title), tones: []), line(widths.map { String(repeating: "-", count: $0) }, tones: [])]
        for (row, values) in cells.enumerated() {
            lines.append(line(values, tones: table.rows[row].map(tone)))
            if let below, !below[row].isEmpty, below[row] != "—" {
                lines.append(wrap(below[row], width: max(40, width), indent: "    "))
            }
        }
        if below != nil, let title = table.columns.last?.title { lines.insert("(\(title) under each row)", at: 0) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The cell as the terminal shows it.
    public static func plain(_ cell: ReportCell) -> String {
        switch cell {
        case let .text(value, _): return value
        case let .integer(value): return String(value)
        case let .score(value, _): return value.map { formatFixed($0, 1) } ?? "—"
        case let .delta(value, _), let .signed(value): return value.map(signed) ?? "—"
        case let .rate(value, _): return value.map { formatFixed($0 * 100, 1) + " %" } ?? "—"
        case let .number(value, decimals): return value.map { formatFixed($0, decimals) } ?? "—"
        case .empty: return ""
        }
    }

    /// "+1.2", "−0.8", "0.0": a true minus sign, and no sign on what rounds to zero.
    static func signed(_ value: Double) -> String {
        let text = formatFixed(abs(value), 1)
        if text == "0.0" { return text }
        return (value > 0 ? "+" : "−") + text
    }

    static func tone(_ cell: ReportCell) -> ReportTone? {
        switch cell {
        case let .text(_, tone), let .score(_, tone): return tone
        case let .delta(value?, higherIsBetter):
            guard abs(value) >= 0.05 else { return nil }
            return (value > 0) == higherIsBetter ? .good : .bad
        default: return nil
        }
    }

    static let reset = "\u{1B}[0m"

    /// The colour codes reports use; the console lets exactly these through to a terminal.
    public static let colourSequences = ["\u{1B}[32m", "\u{1B}[36m", "\u{1B}[33m", "\u{1B}[31m", "\u{1B}[2m", reset]

    static func ansi(_ tone: ReportTone) -> String? {
        switch tone {
        case .good: return "\u{1B}[32m"
        case .bad: return "\u{1B}[31m"
        case .muted: return "\u{1B}[2m"
        case let .band(rank, count):
            if rank == 0 { return "\u{1B}[32m" }
            if rank >= count - 1 { return "\u{1B}[31m" }
            return rank == 1 ? "\u{1B}[36m" : "\u{1B}[33m"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
}
