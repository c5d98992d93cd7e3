/// A report as JSON: facts, notes, every table of its sections, and the export table.
public enum ReportJSON {
    public static func render(_ document: ReportDocument) -> String {
        var tables: [(String, JSONValue)] = []
        var lines: [(String, JSONValue)] = []
        for section in document.sections {
            switch section.content {
            case let .table(table): tables.append((table.id, rows(table)))
            case let .lines(text): lines.append((section.title, .array(text.map { .string($0.trimmingWhitespace()) })))
            case .chart: continue
            }
        }
        return JSONValue.object([
            ("report", .string(document.kind)), ("title", .string(document.title)),
            ("facts", .object(document.facts.map { ($0.key, .string($0.value)) })),
            ("notes", .array(document.notes.map { .string($0) })),
            ("tables", .object(tables)), ("lists", .object(lines)), ("export", rows(document.export)),
        ]).rendered()
    }

    static func rows(_ table: ReportTable) -> JSONValue {
        .array(table.rows.map { row in
            .object(zip(table.columns, row).map { column, cell in (column.id, value(cell)) })
        })
    }

    static func value(_ cell: ReportCell) -> JSONValue {
        switch cell {
        case let .text(value, _): return .string(value)
        case let .integer(value): return .integer(value)
        case let .score(value, _), let .delta(value, _), let .signed(value), let .rate(value, _), let .number(value, _):
            return value.map { .number(rounded($0)) } ?? .null
        case .empty: return .null
        }
    }

    /// Nine significant decimals: the same figures on every machine, without binary noise.
    static func rounded(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }
}
