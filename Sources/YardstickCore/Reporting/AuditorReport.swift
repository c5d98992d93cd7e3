/// What one auditor did in the window: audits submitted (returned or not), audits that count, the
/// scores they gave, and how many of their reports a reviewer returned.
public struct AuditorActivity: Sendable, Hashable {
    public var auditor: String
    public var submitted: Int
    public var counted: Int
    public var scoreSum: Double
    public var returned: Int

    public init(auditor: String, submitted: Int = 0, counted: Int = 0, scoreSum: Double = 0, returned: Int = 0) {
        self.auditor = auditor
        self.submitted = submitted
        self.counted = counted
        self.scoreSum = scoreSum
        self.returned = returned
    }

    public var meanScore: Double? { counted > 0 ? scoreSum / Double(counted) : nil }
    public var returnedShare: Double? { submitted > 0 ? Double(returned) / Double(submitted) : nil }
}

/// `report auditors`: per auditor the volume, the mean score given, the returned-report rate and
/// the leniency estimate with its interval, and the dot plot of the estimates.
public enum AuditorReport {
    public static func build(standard: ReportStandard, window: ReportWindow, scope: String, activity: [AuditorActivity],
                             leniency: [AuditorLeniency.Estimate]) -> ReportDocument {
        let estimates = Dictionary(leniency.map { ($0.auditor, $0) }, uniquingKeysWith: { first, _ in first })
        var table = ReportTable(id: "auditors", columns: [
            ReportColumn("auditor", "Auditor"), ReportColumn("submitted", "Submitted", numeric: true), ReportColumn("counted", "Counted", numeric: true),
            ReportColumn("mean_score", "Mean given", numeric: true), ReportColumn("returned", "Returned", numeric: true),
            ReportColumn("returned_rate", "Returned %", numeric: true), ReportColumn("comparable", "Comparable", numeric: true),
            ReportColumn("leniency", "Leniency", numeric: true), ReportColumn("ci_low", "Low", numeric: true),
            ReportColumn("ci_high", "High", numeric: true), ReportColumn("verdict", "Verdict"),
        ])
        var dots: [(label: String, estimate: Double?, low: Double?, high: Double?, note: String, flagged: Bool)] = []
        for entry in activity.sorted(by: { $0.auditor < $1.auditor }) {
            let estimate = estimates[entry.auditor]
            let verdict = estimate?.verdict ?? .tooFew
            let tone: ReportTone? = verdict == .harsher || verdict == .lenient ? .bad : (verdict == .tooFew ? .muted : nil)
            table.rows.append([
                .text(entry.auditor), .count(entry.submitted), .count(entry.counted), ReportCells.score(entry.meanScore, standard: standard),
                .count(entry.returned), .rate(entry.returnedShare, higherIsWorse: true), .count(estimate?.comparable ?? 0),
                .signed(estimate?.meanDifference), .signed(estimate?.low), .signed(estimate?.high), .text(verdict.rawValue, tone: tone),
            ])
            dots.append((entry.auditor, estimate?.meanDifference, estimate?.low, estimate?.high, verdict.rawValue, verdict == .harsher || verdict == .lenient))
        }
        let flagged = leniency.filter { $0.verdict == .harsher || $0.verdict == .lenient }
        var notes: [String] = []
        if activity.isEmpty { notes.append("No audits in \(window.label) for \(scope).") }
        notes.append("Leniency: the mean of (this auditor's score − the mean score other auditors gave the same agent on the same form in the same month, each corrected for their own leniency), in points, centred on the median auditor; negative = harsher; Low and High bound its 95 % interval. Fewer than \(AuditorLeniency.minimumComparable) comparable audits give no estimate (\"too few\").")
        if !flagged.isEmpty {
            notes.append("Apart from the others (the 95 % interval excludes 0 and the difference is at least \(formatNumber(AuditorLeniency.practicalDifference)) points): " + flagged.map { "\($0.auditor) (\(ReportText.signed($0.meanDifference ?? 0)) points)" }.joined(separator: ", ") + ".")
        }
        let facts = [
            ReportFact("period", "Period", window.longDescription), ReportFact("scope", "Scope", scope),
            ReportFact("standard", "Standard", "\(standard.id) — \(standard.title)"),
        ]
        return ReportDocument(kind: "auditors", title: "Auditor report", facts: facts, notes: notes, sections: [
            ReportSection("Auditors", .table(table)),
            ReportSection("Leniency with 95 % intervals", .chart(.dotPlot(ReportChart.DotPlot(
                caption: "Points above (right) or below (left) other auditors' scores for the same agents, forms and months", items: dots)))),
        ], export: table)
    }

}
