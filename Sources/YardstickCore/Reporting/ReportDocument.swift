/// A report as every output format sees it: title, facts (period, scope, standard), notes, and
/// sections of tables and charts, plus the one table its CSV export holds. The terminal, CSV, JSON
/// and HTML formatters all render this value, so a new report gets every format and a new format
/// every report.
public struct ReportDocument: Sendable {
    /// `team`, `location`, `form`, `criteria`, `auditors`, `trend` or `agent`.
    public var kind: String
    public var title: String
    public var facts: [ReportFact]
    /// Sentences shown under the facts (e.g. "No audits in 2026-10 for team T9.").
    public var notes: [String]
    public var sections: [ReportSection]
    /// The table `--csv` writes (often wider than what the terminal shows).
    public var export: ReportTable
    /// What the figures mean, for the foot of the HTML page.
    public var footnote = "Scores are means of audit scores; category scores are points earned of points possible over the audits; failure rates are the share of assessments not met (for scales, the share of points missed)."

    public init(kind: String, title: String, facts: [ReportFact], notes: [String] = [], sections: [ReportSection], export: ReportTable) {
        self.kind = kind
        self.title = title
        self.facts = facts
        self.notes = notes
        self.sections = sections
        self.export = export
    }
}

/// One labelled fact of a report's header, with a key for JSON.
public struct ReportFact: Sendable, Hashable {
    public var key: String
    public var label: String
    public var value: String

    public init(_ key: String, _ label: String, _ value: String) {
        self.key = key
        self.label = label
        self.value = value
    }
}

/// A titled part of a report: a table, a chart, or lines of text.
public struct ReportSection: Sendable {
    public enum Content: Sendable {
        case table(ReportTable)
        case chart(ReportChart)
        case lines([String])
    }

    public var title: String
    public var content: Content
    /// Charts are drawn in HTML only; the terminal shows the table beside them.
    public var inTerminal: Bool
    /// A table that stands in for a chart in the terminal is left out of the HTML page.
    public var inHTML: Bool

    public init(_ title: String, _ content: Content, inTerminal: Bool = true, inHTML: Bool = true) {
        self.title = title
        self.content = content
        if case .chart = content { self.inTerminal = false } else { self.inTerminal = inTerminal }
        self.inHTML = inHTML
    }
}

/// Rows under named columns; `id` keys the table in JSON, each column's `id` keys its cells in
/// JSON and names it in CSV.
public struct ReportTable: Sendable {
    public var id: String
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]

    public init(id: String, columns: [ReportColumn], rows: [[ReportCell]] = []) {
        self.id = id
        self.columns = columns
        self.rows = rows
    }
}

public struct ReportColumn: Sendable, Hashable {
    public var id: String
    public var title: String
    public var isNumeric: Bool
    /// Long text (criterion titles) is left to the wider formats; the terminal shows ids.
    public var inTerminal: Bool

    public init(_ id: String, _ title: String, numeric: Bool = false, inTerminal: Bool = true) {
        self.id = id
        self.title = title
        isNumeric = numeric
        self.inTerminal = inTerminal
    }
}

/// How a cell is coloured where colour is used: bands by rank (0 = best), deltas and rates by direction.
public enum ReportTone: Sendable, Hashable {
    case good, bad, muted
    case band(rank: Int, of: Int)
}

/// One typed value; each format writes it its own way (a rate is "12.5 %" in the terminal,
/// 0.1250 in CSV, 0.125 in JSON).
public enum ReportCell: Sendable, Hashable {
    case text(String, tone: ReportTone? = nil)
    case integer(Int64)
    /// An audit or category score in points (one decimal on screen, two in CSV).
    case score(Double?, tone: ReportTone? = nil)
    /// A change in points or percentage points; `higherIsBetter` decides its colour.
    case delta(Double?, higherIsBetter: Bool)
    /// A share 0…1 (failure rates, critical shares); `higherIsWorse` decides its colour.
    case rate(Double?, higherIsWorse: Bool)
    /// A signed number in points without a good or bad colour (a leniency estimate).
    case signed(Double?)
    /// A plain number shown with `decimals` places (a κ, an α).
    case number(Double?, decimals: Int)
    case empty

    public static func count(_ value: Int) -> ReportCell { .integer(Int64(value)) }
}
