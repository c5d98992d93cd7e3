/// What a team, location or form report is made of: the standard, the window (cut into buckets
/// when `granularity` is set), the figures per group, and the groups' display names.
public struct ReportInput: Sendable {
    public var standard: ReportStandard
    public var window: ReportWindow
    public var granularity: ReportGranularity?
    /// The filters in words: "all teams", "team oslo-phone · form call-review".
    public var scope: String
    public var figures: GroupedFigures
    public var names: [String: String]
    /// The scope's months up to the window's end (buckets as in `figures`), for the trend line of a one-period page.
    public var history: GroupedFigures?

    public init(standard: ReportStandard, window: ReportWindow, granularity: ReportGranularity?, scope: String, figures: GroupedFigures,
                names: [String: String], history: GroupedFigures? = nil) {
        self.standard = standard
        self.window = window
        self.granularity = granularity
        self.scope = scope
        self.figures = figures
        self.names = names
        self.history = history
    }

    var previousLabel: String { figures.buckets.first?.label ?? "" }

    func facts(_ extra: [ReportFact] = []) -> [ReportFact] {
        var facts = [ReportFact("period", "Period", window.longDescription)]
        if granularity == nil {
            facts.append(ReportFact("compared_with", "Compared with", previousLabel))
        } else if let granularity {
            facts.append(ReportFact("by", "By", granularity.rawValue))
        }
        facts.append(ReportFact("scope", "Scope", scope))
        facts.append(ReportFact("standard", "Standard", "\(standard.id) — \(standard.title)"))
        return facts + extra
    }

    /// "No audits in 2026-10 for team T9." when the shown buckets hold none.
    var emptyNote: [String] {
        figures.overall().audits == 0 ? ["No audits in \(window.label) for \(scope)."] : []
    }
}

/// `report team|location|form`: the scope's summary, one row per group (per bucket with `--by`),
/// categories and criteria, each against the period before.
public enum GroupReport {
    public static func build(_ input: ReportInput) -> ReportDocument {
        let standard = input.standard, figures = input.figures
        let noun = figures.dimension.noun
        let last = figures.buckets.count - 1
        let now = input.granularity == nil ? figures.total(last) : figures.overall()
        let before = input.granularity == nil ? figures.total(0) : ReportFigures()

        var groups = ReportTable(id: "groups", columns: [
            ReportColumn("period", "Period"), ReportColumn(noun, noun.capitalized), ReportColumn("name", "Name"),
            ReportColumn("audits", "Audits", numeric: true), ReportColumn("mean_score", "Mean", numeric: true),
            ReportColumn("delta", "Δ", numeric: true), ReportColumn("critical_failures", "Critical", numeric: true),
        ] + ReportCells.bandColumns(standard))
        var export = ReportTable(id: "groups", columns: [
            ReportColumn("period", "Period"), ReportColumn(noun, noun.capitalized), ReportColumn("name", "Name"),
            ReportColumn("audits", "Audits", numeric: true), ReportColumn("mean_score", "Mean", numeric: true),
            ReportColumn("previous_mean", "Before", numeric: true), ReportColumn("delta", "Δ", numeric: true),
            ReportColumn("critical_failures", "Critical", numeric: true),
        ] + ReportCells.bandColumns(standard) + ReportCells.categoryColumns(standard) + ReportCells.failureColumns(standard))
        let names = figures.groups
        for bucket in figures.shown {
            for group in names {
                let value = figures.figures(bucket, group), earlier = figures.figures(bucket - 1, group)
                guard !value.isEmpty else { continue }
                let head: [ReportCell] = [.text(figures.buckets[bucket].label), .text(group), .text(input.names[group] ?? group),
                                          .integer(value.audits), ReportCells.score(value.meanScore, standard: standard)]
                groups.rows.append(head + [ReportCells.delta(value.meanScore, earlier.meanScore), .integer(value.criticalFails)]
                                   + ReportCells.bandCells(value, standard: standard))
                export.rows.append(head + [ReportCells.score(earlier.meanScore, standard: standard), ReportCells.delta(value.meanScore, earlier.meanScore),
                                           .integer(value.criticalFails)] + ReportCells.bandCells(value, standard: standard)
                                   + ReportCells.categoryCells(value, standard: standard) + ReportCells.failureCells(value, standard: standard))
            }
        }
        if names.allSatisfy({ (input.names[$0] ?? $0) == $0 }), let nameColumn = groups.columns.firstIndex(where: { $0.id == "name" }) {
            // Names that are the ids again (a roster without team names) say nothing twice.
            groups.columns.remove(at: nameColumn)
            groups.rows = groups.rows.map { row in var row = row; row.remove(at: nameColumn); return row }
        }
        if input.granularity == nil {
            // One period: the period column says nothing the header does not.
            groups.columns.removeFirst()
            groups.rows = groups.rows.map { Array($0.dropFirst()) }
        }
        var sections = [
            ReportSection("Summary", .table(ReportCells.summaryTable(now, before, standard: standard, label: input.scope))),
            ReportSection("By \(noun)", .table(groups)),
        ]
        if input.granularity != nil {
            sections.append(ReportSection("Trend", .chart(.trend(TrendReport.chart(figures, standard: standard, caption: "Mean score per \(input.granularity?.rawValue ?? "period")")))))
        } else if let history = input.history, history.shown.count > 1 {
            let first = history.buckets[history.shown.lowerBound].label, last = history.buckets[history.shown.upperBound - 1].label
            sections.append(ReportSection("Mean score, \(first) – \(last)", .chart(.trend(TrendReport.chart(
                history, standard: standard, caption: "Mean score of \(input.scope) per month; dashed lines are the band thresholds")))))
        }
        sections += ReportCells.categorySection(now, before, standard: standard)
        sections.append(ReportSection("Criteria", .table(ReportCells.criteriaTable(now, before, standard: standard))))
        let titleNoun = figures.dimension == .form ? "Form" : noun.capitalized
        return ReportDocument(kind: figures.dimension.rawValue, title: "\(titleNoun) report", facts: input.facts(), notes: input.emptyNote,
                              sections: sections, export: export)
    }
}
