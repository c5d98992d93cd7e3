/// What a report dimension groups audits by.
public enum ReportDimension: String, Sendable, CaseIterable {
    case team, location, form, agent, all

    /// "team", "location", … as column headers and CSV keys name it.
    public var noun: String { self == .all ? "scope" : rawValue }
}

/// Figures per bucket and group: `buckets[0]` is the reference window just before the first shown
/// bucket (for the deltas), `buckets[1...]` are shown.
public struct GroupedFigures: Sendable {
    public var dimension: ReportDimension
    public var buckets: [ReportWindow]
    /// `figures[bucket][group id]`.
    public var figures: [[String: ReportFigures]]

    public init(dimension: ReportDimension, buckets: [ReportWindow]) {
        self.dimension = dimension
        self.buckets = buckets
        figures = Array(repeating: [:], count: buckets.count)
    }

    /// Figures already summed, one dictionary per bucket.
    public init(dimension: ReportDimension, buckets: [ReportWindow], figures: [[String: ReportFigures]]) {
        self.dimension = dimension
        self.buckets = buckets
        self.figures = figures
    }

    /// Adds `value` to `group` in `bucket`.
    public mutating func add(_ value: ReportFigures, bucket: Int, group: String) {
        guard figures.indices.contains(bucket) else { return }
        figures[bucket][group, default: ReportFigures()] += value
    }

    /// The shown buckets' indexes.
    public var shown: Range<Int> { 1..<max(1, buckets.count) }

    /// Every group id with audits in a shown bucket, sorted.
    public var groups: [String] {
        var seen = Set<String>()
        for bucket in shown { for (group, value) in figures[bucket] where !value.isEmpty { seen.insert(group) } }
        return seen.sorted()
    }

    /// All groups of `bucket` together.
    public func total(_ bucket: Int) -> ReportFigures {
        var sum = ReportFigures()
        if figures.indices.contains(bucket) { for value in figures[bucket].values { sum += value } }
        return sum
    }

    /// All shown buckets of `group` together (nil: every group).
    public func overall(_ group: String? = nil) -> ReportFigures {
        var sum = ReportFigures()
        for bucket in shown {
            if let group { if let value = figures[bucket][group] { sum += value } } else { sum += total(bucket) }
        }
        return sum
    }

    public func figures(_ bucket: Int, _ group: String) -> ReportFigures { figures.indices.contains(bucket) ? figures[bucket][group] ?? ReportFigures() : ReportFigures() }
}

/// The cells every report builds alike: deltas, bands, categories, criteria.
enum ReportCells {
    static func delta(_ now: Double?, _ before: Double?) -> ReportCell {
        guard let now, let before else { return .delta(nil, higherIsBetter: true) }
        return .delta(now - before, higherIsBetter: true)
    }

    /// A change in failure rate, in percentage points.
    static func rateDelta(_ now: Double?, _ before: Double?) -> ReportCell {
        guard let now, let before else { return .delta(nil, higherIsBetter: false) }
        return .delta((now - before) * 100, higherIsBetter: false)
    }

    static func score(_ value: Double?, standard: ReportStandard) -> ReportCell {
        guard let value else { return .score(nil) }
        return .score(value, tone: bandTone(value, standard: standard))
    }

    static func bandTone(_ score: Double, standard: ReportStandard) -> ReportTone? {
        guard let rank = standard.bands.firstIndex(where: { $0.minimum <= score }) else { return nil }
        return .band(rank: rank, of: standard.bands.count)
    }

    static func bandTone(label: String, standard: ReportStandard) -> ReportTone? {
        guard let rank = standard.bands.firstIndex(where: { $0.label == label }) else { return nil }
        return .band(rank: rank, of: standard.bands.count)
    }

    /// "Excellent 12 · Good 3", in band order, bands without audits left out.
    static func bandSummary(_ figures: ReportFigures, standard: ReportStandard) -> String {
        let parts = standard.bands.compactMap { band -> String? in
            let count = figures.bands[band.label]
            return count > 0 ? "\(band.label) \(count)" : nil
        }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    static func bandColumns(_ standard: ReportStandard) -> [ReportColumn] {
        standard.bands.map { ReportColumn("band:\($0.label)", $0.label, numeric: true) }
    }

    static func bandCells(_ figures: ReportFigures, standard: ReportStandard) -> [ReportCell] {
        standard.bands.map { .integer(figures.bands[$0.label]) }
    }

    static func categoryColumns(_ standard: ReportStandard) -> [ReportColumn] {
        standard.categories.map { ReportColumn("category:\($0.id)", $0.title, numeric: true) }
    }

    static func categoryCells(_ figures: ReportFigures, standard: ReportStandard) -> [ReportCell] {
        standard.categories.map { score(figures.categoryScore(standard.criteria(inCategory: $0.id)), standard: standard) }
    }

    static func failureColumns(_ standard: ReportStandard) -> [ReportColumn] {
        standard.criteria.map { ReportColumn("failure:\($0.id)", $0.id, numeric: true) }
    }

    static func failureCells(_ figures: ReportFigures, standard: ReportStandard) -> [ReportCell] {
        standard.criteria.map { .rate(figures.counters(slot: $0.slot).failureRate, higherIsWorse: true) }
    }

    /// Per category: score now, before and the change, with the bar chart of the scores.
    static func categorySection(_ now: ReportFigures, _ before: ReportFigures, standard: ReportStandard,
                                comparison: (label: String, figures: ReportFigures)? = nil, seriesLabel: String = "this scope") -> [ReportSection] {
        var columns = [ReportColumn("category", "Category"), ReportColumn("score", "Score", numeric: true),
                       ReportColumn("previous", "Before", numeric: true), ReportColumn("delta", "Δ", numeric: true)]
        if let comparison { columns += [ReportColumn("comparison", comparison.label, numeric: true), ReportColumn("versus", "vs \(comparison.label)", numeric: true)] }
        var table = ReportTable(id: "categories", columns: columns)
        // Without a period before (a trend's whole window), the before and change columns say nothing.
        let dropped = before.isEmpty && comparison == nil
        if dropped { table.columns = Array(table.columns.prefix(2)) }
        var bars: [(label: String, value: Double?, comparison: Double?)] = []
        for category in standard.categories {
            let criteria = standard.criteria(inCategory: category.id)
            let score = now.categoryScore(criteria), earlier = before.categoryScore(criteria)
            var row: [ReportCell] = [.text(category.title), Self.score(score, standard: standard), Self.score(earlier, standard: standard), delta(score, earlier)]
            let other = comparison.map { $0.figures.categoryScore(criteria) } ?? nil
            if comparison != nil { row += [Self.score(other, standard: standard), delta(score, other)] }
            table.rows.append(dropped ? Array(row.prefix(2)) : row)
            bars.append((category.title, score, other))
        }
        return [
            ReportSection("Categories", .table(table)),
            ReportSection("Category scores", .chart(.bars(ReportChart.BarChart(
                caption: "Points earned of points possible per category" + (comparison.map { "; the mark is \($0.label)" } ?? ""),
                items: bars, seriesLabel: seriesLabel, comparisonLabel: comparison?.label)))),
        ]
    }

    /// Per criterion: assessed, failure rate now and before, the change.
    /// - Parameter order: the criteria in the order to list them (default: the standard's).
    static func criteriaTable(_ now: ReportFigures, _ before: ReportFigures, standard: ReportStandard, id: String = "criteria",
                              comparison: (label: String, figures: ReportFigures)? = nil, order: [ReportCriterion]? = nil) -> ReportTable {
        var columns = [ReportColumn("criterion", "Criterion"), ReportColumn("critical", "Critical"), ReportColumn("title", "Title", inTerminal: false),
                       ReportColumn("category", "Category"),
                       ReportColumn("assessed", "Assessed", numeric: true), ReportColumn("failure_rate", "Failure", numeric: true),
                       ReportColumn("previous_failure_rate", "Before", numeric: true), ReportColumn("delta_pp", "Δ pp", numeric: true)]
        if let comparison { columns += [ReportColumn("comparison_failure_rate", comparison.label, numeric: true)] }
        var table = ReportTable(id: id, columns: columns)
        let criteria = order ?? standard.criteria
        let titles = Dictionary(standard.categories.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        for criterion in criteria {
            let counter = now.counters(slot: criterion.slot), earlier = before.counters(slot: criterion.slot)
            var row: [ReportCell] = [.text(criterion.id), .text(criterion.isCritical ? "yes" : ""), .text(criterion.title),
                                     .text(titles[criterion.categoryID] ?? criterion.categoryID), .integer(counter.assessed),
                                     .rate(counter.failureRate, higherIsWorse: true), .rate(earlier.failureRate, higherIsWorse: true),
                                     rateDelta(counter.failureRate, earlier.failureRate)]
            if let comparison { row.append(.rate(comparison.figures.counters(slot: criterion.slot).failureRate, higherIsWorse: true)) }
            table.rows.append(row)
        }
        return table
    }

    /// The summary line of a scope: audits, mean, change, critical failures, bands.
    static func summaryTable(_ now: ReportFigures, _ before: ReportFigures, standard: ReportStandard, label: String) -> ReportTable {
        ReportTable(id: "summary", columns: [
            ReportColumn("scope", "Scope"), ReportColumn("audits", "Audits", numeric: true), ReportColumn("mean_score", "Mean", numeric: true),
            ReportColumn("previous_mean", "Before", numeric: true), ReportColumn("delta", "Δ", numeric: true),
            ReportColumn("critical_failures", "Critical", numeric: true), ReportColumn("bands", "Bands"),
        ], rows: [[
            .text(label), .integer(now.audits), score(now.meanScore, standard: standard), score(before.meanScore, standard: standard),
            delta(now.meanScore, before.meanScore), .integer(now.criticalFails), .text(bandSummary(now, standard: standard)),
        ]])
    }
}
