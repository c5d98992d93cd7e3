/// `report trend --by month|week|quarter`: per bucket the audits, mean score and its change,
/// critical failures and bands, with the line chart against the band thresholds.
public enum TrendReport {
    /// A criterion is listed among those that moved only with this many assessments in both steps compared.
    public static let minimumAssessedForMoved: Int64 = 5

    public static func build(_ input: ReportInput) -> ReportDocument {
        let standard = input.standard, figures = input.figures
        let columns = [
            ReportColumn("period", "Period"), ReportColumn("from", "From"), ReportColumn("to", "To"),
            ReportColumn("audits", "Audits", numeric: true), ReportColumn("mean_score", "Mean", numeric: true),
            ReportColumn("delta", "Δ", numeric: true), ReportColumn("critical_failures", "Critical", numeric: true),
            ReportColumn("critical_share", "Critical %", numeric: true),
        ] + ReportCells.bandColumns(standard)
        var table = ReportTable(id: "trend", columns: columns)
        var export = ReportTable(id: "trend", columns: columns + ReportCells.categoryColumns(standard) + ReportCells.failureColumns(standard))
        for bucket in figures.shown {
            let window = figures.buckets[bucket]
            let value = figures.total(bucket), earlier = figures.total(bucket - 1)
            let row: [ReportCell] = [.text(window.label), .text(window.from.description), .text(window.to.description), .integer(value.audits),
                                     ReportCells.score(value.meanScore, standard: standard), ReportCells.delta(value.meanScore, earlier.meanScore),
                                     .integer(value.criticalFails), .rate(value.criticalShare, higherIsWorse: true)]
                + ReportCells.bandCells(value, standard: standard)
            table.rows.append(row)
            export.rows.append(row + ReportCells.categoryCells(value, standard: standard) + ReportCells.failureCells(value, standard: standard))
        }
        let overall = figures.overall()
        // The criteria that moved most between the first and the last bucket with audits.
        let filled = figures.shown.filter { !figures.total($0).isEmpty }
        var sections = [
            ReportSection("Mean score per \(input.granularity?.rawValue ?? "period")",
                          .chart(.trend(chart(figures, standard: standard, caption: "Mean score per \(input.granularity?.rawValue ?? "period"); dashed lines are the band thresholds")))),
            ReportSection("Trend", .table(table)),
        ]
        if let first = filled.first, let last = filled.last, first != last {
            var moved = ReportCells.criteriaTable(figures.total(last), figures.total(first), standard: standard, id: "criteria_moved")
            func column(_ id: String) -> Int { moved.columns.firstIndex { $0.id == id } ?? 0 }
            moved.columns[column("failure_rate")].title = figures.buckets[last].label
            moved.columns[column("previous_failure_rate")].title = figures.buckets[first].label
            let deltaColumn = column("delta_pp"), idColumn = column("criterion")
            // Only criteria assessed often enough at both ends: a change measured on one assessment is noise.
            let steady = Set(standard.criteria.filter { criterion in
                [first, last].allSatisfy { figures.total($0).counters(slot: criterion.slot).assessed >= minimumAssessedForMoved }
            }.map(\.id))
            moved.rows = moved.rows.filter { row in if case let .text(id, _) = row[idColumn] { return steady.contains(id) } else { return false } }
            moved.rows.sort { lhs, rhs in magnitude(lhs[deltaColumn]) > magnitude(rhs[deltaColumn]) }
            moved.rows = Array(moved.rows.prefix(10))
            if !moved.rows.isEmpty {
                sections.append(ReportSection("Criteria that moved most, \(figures.buckets[first].label) → \(figures.buckets[last].label) (assessed ≥ \(minimumAssessedForMoved) times in both)", .table(moved)))
            }
        }
        sections += ReportCells.categorySection(overall, ReportFigures(), standard: standard)
        return ReportDocument(kind: "trend", title: "Trend report", facts: input.facts(), notes: input.emptyNote, sections: sections, export: export)
    }

    private static func magnitude(_ cell: ReportCell) -> Double {
        if case let .delta(value?, _) = cell { return abs(value) }
        return -1
    }

    /// The mean score of every shown bucket, with the standard's band thresholds.
    static func chart(_ figures: GroupedFigures, standard: ReportStandard, caption: String) -> ReportChart.TrendChart {
        ReportChart.TrendChart(
            caption: caption,
            points: figures.shown.map { bucket in
                let value = figures.total(bucket)
                return (figures.buckets[bucket].label, value.meanScore, value.audits)
            },
            thresholds: standard.bands.filter { $0.minimum > 0 }.map { ($0.label, $0.minimum) })
    }
}
