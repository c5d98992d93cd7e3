/// A report's export table as CSV (RFC 4180, CRLF, header row), with text cells neutralised against
/// spreadsheet formula injection while numbers — negative deltas too — stay numeric.
public enum ReportCSV {
    public static func render(_ document: ReportDocument, excel: Bool = false) -> String {
        var out = excel ? "\u{FEFF}" : ""
        let table = document.export
        out += table.columns.map { CSVWriter.field(SpreadsheetCell.text($0.id)) }.joined(separator: ",") + "\r\n"
        for row in table.rows {
            out += row.map { CSVWriter.field(value($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Machine values: scores with 2 decimals, rates as fractions with 4, plain minus signs.
    static func value(_ cell: ReportCell) -> String {
        switch cell {
        case let .text(value, _): return SpreadsheetCell.text(value)
        case let .integer(value): return String(value)
        case let .score(value, _), let .delta(value, _), let .signed(value): return value.map { formatFixed($0, 2) } ?? ""
        case let .rate(value, _): return value.map { formatFixed($0, 4) } ?? ""
        case let .number(value, decimals): return value.map { formatFixed($0, decimals) } ?? ""
        case .empty: return ""
        }
    }
}
