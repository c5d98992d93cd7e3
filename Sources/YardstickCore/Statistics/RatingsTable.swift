/// A ratings table as QA leads keep one: one row per unit (a call, a visit), one column per rater,
/// an empty cell where that rater did not rate the unit; an optional first column `unit` (or `id`,
/// `subject`, `item`) names the units. For Fleiss' κ the counts layout is accepted too: one column
/// per category, each cell the number of raters who chose it.
public struct RatingsTable: Sendable {
    /// The raters' names (or, in the counts layout, the categories').
    public var columns: [String]
    public var units: [String]
    /// `cells[unit][column]`, trimmed; nil where empty.
    public var cells: [[String?]]
    /// The spreadsheet row of each unit and the column number of `columns[0]`, for messages.
    public var rows: [Int]
    public var firstColumn: Int

    /// The cells as numbers (a decimal comma is read as a point), or the problems naming row and column.
    public func numbers(path: String) -> (values: [[Double?]], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        let values = cells.enumerated().map { unit, row in
            row.enumerated().map { column, cell -> Double? in
                guard let cell else { return nil }
                if let value = Self.number(cell) { return value }
                problems.append(.error(path, SourceLocation(line: rows[unit], column: firstColumn + column),
                                       "'\(cell)' is not a number; this measure needs numeric ratings (an empty cell means not rated)"))
                return nil
            }
        }
        return (values, problems)
    }

    /// The cells as category codes for nominal data: numbers as they are when every cell is a
    /// number, else every distinct label coded by its position in sorted order (with the labels).
    public func categories() -> (values: [[Double?]], labels: [String]?) {
        let all = cells.flatMap { $0.compactMap { $0 } }
        if all.allSatisfy({ Self.number($0) != nil }) {
            return (cells.map { $0.map { $0.flatMap(Self.number) } }, nil)
        }
        let labels = Array(Set(all)).sorted()
        var code: [String: Double] = [:]
        for (index, label) in labels.enumerated() { code[label] = Double(index) }
        return (cells.map { $0.map { $0.flatMap { code[$0] } } }, labels)
    }

    /// The counts layout as integers (empty = 0), or the problems naming row and column.
    public func counts(path: String) -> (values: [[Int]], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        let values = cells.enumerated().map { unit, row in
            row.enumerated().map { column, cell -> Int in
                guard let cell else { return 0 }
                if let value = Int(cell), value >= 0 { return value }
                problems.append(.error(path, SourceLocation(line: rows[unit], column: firstColumn + column),
                                       "'\(cell)' is not a count; in the counts layout each cell is how many raters chose the column's category"))
                return 0
            }
        }
        return (values, problems)
    }

    static func number(_ text: String) -> Double? {
        if let value = Double(text), value.isFinite { return value }
        guard !text.contains("."), let value = Double(text.replacingAll(",", with: ".")), value.isFinite else { return nil }
        return value
    }
}

/// Builds a `RatingsTable` from CSV records, row by row, reporting malformed rows as it goes.
public struct RatingsTableReader {
    public let path: String
    public private(set) var problems: [Diagnostic] = []
    private var header: [String]?
    private var unitColumn = false
    private var units: [String] = []
    private var cells: [[String?]] = []
    private var rows: [Int] = []

    public static let unitColumnNames: Set<String> = ["unit", "id", "subject", "item", "units", "target"]

    public init(path: String) { self.path = path }

    public mutating func read(_ record: CSVParser.Record) {
        let fields = record.fields.map { $0.trimmingWhitespace() }
        guard let header else {
            unitColumn = fields.first.map { Self.unitColumnNames.contains($0.lowercased()) } ?? false
            let names = Array(fields.dropFirst(unitColumn ? 1 : 0))
            if names.isEmpty || names.allSatisfy(\.isEmpty) {
                problems.append(.error(path, SourceLocation(line: record.row, column: 1), "the header names no rater: one column per rater (or per category), optionally after a 'unit' column"))
            }
            self.header = names
            return
        }
        if fields.allSatisfy(\.isEmpty) { return }
        let expected = header.count + (unitColumn ? 1 : 0)
        guard fields.count == expected else {
            problems.append(.error(path, SourceLocation(line: record.row, column: min(fields.count, expected) + 1),
                                   "row \(record.row) has \(fields.count) fields, the header \(expected)"))
            return
        }
        units.append(unitColumn ? fields[0] : String(units.count + 1))
        cells.append(fields.dropFirst(unitColumn ? 1 : 0).map { $0.isEmpty ? nil : $0 })
        rows.append(record.row)
    }

    /// The table, or nil when the file had no header.
    public var table: RatingsTable? {
        guard let header else { return nil }
        return RatingsTable(columns: header, units: units, cells: cells, rows: rows, firstColumn: unitColumn ? 2 : 1)
    }
}
