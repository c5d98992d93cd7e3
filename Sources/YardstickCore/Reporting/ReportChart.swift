/// The charts HTML reports draw (as inline SVG); each carries the numbers it shows, never pixels.
public enum ReportChart: Sendable {
    /// Mean score per bucket, with the standard's band thresholds as reference lines.
    case trend(TrendChart)
    /// One bar per category (score 0–100), optionally with a comparison mark (the team's score).
    case bars(BarChart)
    /// Failure rate per row × column (team × criterion), darker = more failures.
    case heatMap(HeatMap)
    /// One estimate per row with its confidence interval around a zero line (auditor leniency).
    case dotPlot(DotPlot)

    public struct TrendChart: Sendable {
        public var caption: String
        public var points: [(label: String, value: Double?, audits: Int64)]
        public var thresholds: [(label: String, minimum: Double)]

        public init(caption: String, points: [(label: String, value: Double?, audits: Int64)], thresholds: [(label: String, minimum: Double)]) {
            self.caption = caption
            self.points = points
            self.thresholds = thresholds
        }
    }

    public struct BarChart: Sendable {
        public var caption: String
        public var items: [(label: String, value: Double?, comparison: Double?)]
        /// The legend's names of the bars and of the comparison mark.
        public var seriesLabel: String
        public var comparisonLabel: String?

        public init(caption: String, items: [(label: String, value: Double?, comparison: Double?)], seriesLabel: String = "this scope",
                    comparisonLabel: String? = nil) {
            self.caption = caption
            self.items = items
            self.seriesLabel = seriesLabel
            self.comparisonLabel = comparisonLabel
        }
    }

    public struct HeatMap: Sendable {
        public var caption: String
        public var rowLabels: [String]
        public var columnLabels: [String]
        /// `values[row][column]`: a failure rate 0…1, nil where the criterion was never assessed.
        public var values: [[Double?]]

        public init(caption: String, rowLabels: [String], columnLabels: [String], values: [[Double?]]) {
            self.caption = caption
            self.rowLabels = rowLabels
            self.columnLabels = columnLabels
            self.values = values
        }
    }

    public struct DotPlot: Sendable {
        public var caption: String
        /// Points difference; nil estimate for a row without enough comparable audits; `flagged` draws it as a diamond in the accent colour.
        public var items: [(label: String, estimate: Double?, low: Double?, high: Double?, note: String, flagged: Bool)]

        public init(caption: String, items: [(label: String, estimate: Double?, low: Double?, high: Double?, note: String, flagged: Bool)]) {
            self.caption = caption
            self.items = items
        }
    }
}
