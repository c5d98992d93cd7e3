/// `report criteria`: every criterion's failure rate across the scope, ranked, against the period
/// before, with the team (or location) where it fails most; and the heat map group × criterion.
public enum CriteriaReport {
    /// A group's rate is shown in the heat map once the criterion was assessed this often there.
    public static let minimumAssessedForHeatMap: Int64 = 1
    /// A team is named as where a criterion fails most only with this many assessments of it.
    public static let minimumAssessedForWorst: Int64 = 5
    /// Columns of the heat map the terminal shows (the HTML page shows every criterion).
    static let terminalHeatMapColumns = 8

    public static func build(_ input: ReportInput) -> ReportDocument {
        let standard = input.standard, figures = input.figures
        let last = figures.buckets.count - 1
        let now = figures.total(last), before = figures.total(0)
        let noun = figures.dimension.noun
        // Audits without a team (location-only shops) count in the totals, not as a row of the heat map.
        let groups = figures.groups.filter { !$0.isEmpty && !figures.figures(last, $0).isEmpty }

        let order = rankedCriteria(now, standard: standard)
        var ranked = ReportCells.criteriaTable(now, before, standard: standard, order: order)
        ranked.columns.insert(ReportColumn("rank", "#", numeric: true), at: 0)
        ranked.columns.append(ReportColumn("worst_\(noun)", "Worst \(noun)"))
        ranked.columns.append(ReportColumn("worst_failure_rate", "Its rate", numeric: true))
        for (index, criterion) in order.enumerated() {
            let worst = groups.compactMap { group -> (String, Double)? in
                let counter = figures.figures(last, group).counters(slot: criterion.slot)
                guard counter.assessed >= minimumAssessedForWorst, let rate = counter.failureRate, rate > 0 else { return nil }
                return (group, rate)
            }.max { lhs, rhs in lhs.1 != rhs.1 ? lhs.1 < rhs.1 : lhs.0 > rhs.0 }
            ranked.rows[index].insert(.integer(Int64(index + 1)), at: 0)
            ranked.rows[index].append(.text(worst.map { input.names[$0.0] ?? $0.0 } ?? "—"))
            ranked.rows[index].append(.rate(worst?.1, higherIsWorse: true))
        }

        var values: [[Double?]] = []
        for group in groups {
            let value = figures.figures(last, group)
            values.append(order.map { criterion in
                let counter = value.counters(slot: criterion.slot)
                return counter.assessed >= minimumAssessedForHeatMap ? counter.failureRate : nil
            })
        }
        let rowLabels = groups.map { input.names[$0] ?? $0 }
        var matrix = ReportTable(id: "heat_map", columns: [ReportColumn(noun, noun.capitalized)]
                                 + order.prefix(terminalHeatMapColumns).map { ReportColumn("failure:\($0.id)", $0.id, numeric: true) })
        for (row, label) in rowLabels.enumerated() {
            matrix.rows.append([.text(label)] + values[row].prefix(terminalHeatMapColumns).map { .rate($0, higherIsWorse: true) })
        }

        var export = ReportTable(id: "criteria", columns: [
            ReportColumn("rank", "#", numeric: true), ReportColumn("criterion", "Criterion"), ReportColumn("title", "Title"),
            ReportColumn("category", "Category"), ReportColumn("critical", "Critical"), ReportColumn("assessed", "Assessed", numeric: true),
            ReportColumn("failure_rate", "Failure", numeric: true), ReportColumn("previous_failure_rate", "Before", numeric: true),
            ReportColumn("delta_pp", "Δ pp", numeric: true),
        ] + groups.map { ReportColumn("\(noun):\($0)", input.names[$0] ?? $0, numeric: true) })
        let titles = Dictionary(standard.categories.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for (index, criterion) in order.enumerated() {
            let counter = now.counters(slot: criterion.slot), earlier = before.counters(slot: criterion.slot)
            export.rows.append([
                .integer(Int64(index + 1)), .text(criterion.id), .text(criterion.title), .text(titles[criterion.categoryID] ?? criterion.categoryID),
                .text(criterion.isCritical ? "yes" : "no"), .integer(counter.assessed), .rate(counter.failureRate, higherIsWorse: true),
                .rate(earlier.failureRate, higherIsWorse: true), ReportCells.rateDelta(counter.failureRate, earlier.failureRate),
            ] + groups.indices.map { .rate(values[$0][index], higherIsWorse: true) })
        }
        var sections = [
            ReportSection("Summary", .table(ReportCells.summaryTable(now, before, standard: standard, label: input.scope))),
            ReportSection("Failure rate, \(noun) × criterion", .chart(.heatMap(ReportChart.HeatMap(
                caption: "Share of assessments not met (scales: points missed); criteria ranked by their failure rate across the scope, most failed first; blank = not assessed",
                rowLabels: rowLabels, columnLabels: order.map(\.id), values: values)))),
            ReportSection("Criteria by failure rate", .table(ranked)),
        ]
        if !groups.isEmpty {
            sections.append(ReportSection("Failure rate, \(noun) × the \(min(order.count, terminalHeatMapColumns)) most failed criteria", .table(matrix),
                                          inHTML: false))
        }
        return ReportDocument(kind: "criteria", title: "Criteria report", facts: input.facts(), notes: input.emptyNote, sections: sections, export: export)
    }

    /// The criteria by failure rate, highest first; never-assessed ones last, by id.
    static func rankedCriteria(_ figures: ReportFigures, standard: ReportStandard) -> [ReportCriterion] {
        standard.criteria.sorted { lhs, rhs in
            let left = figures.counters(slot: lhs.slot).failureRate ?? -1, right = figures.counters(slot: rhs.slot).failureRate ?? -1
            return left != right ? left > right : lhs.id < rhs.id
        }
    }
}
