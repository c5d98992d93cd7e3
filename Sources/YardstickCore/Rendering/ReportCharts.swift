/// Draws each `ReportChart` as inline SVG with `SVGWriter` and `ReportPalette`.
public enum ReportCharts {
    /// The chart as an `<svg>` element whose ids start with `id`.
    public static func svg(_ chart: ReportChart, id: String = "chart") -> String {
        switch chart {
        case let .trend(trend): return self.trend(trend, id: id)
        case let .bars(bars): return self.bars(bars, id: id)
        case let .heatMap(map): return heatMap(map, id: id)
        case let .dotPlot(plot): return dotPlot(plot, id: id)
        }
    }

    static func trend(_ chart: ReportChart.TrendChart, id: String) -> String {
        let width = 760.0, height = 280.0, left = 44.0, right = 170.0, top = 16.0, bottom = 40.0
        var svg = SVGWriter(width: width, height: height)
        let values = chart.points.compactMap(\.value) + chart.thresholds.map(\.minimum)
        let low = max(0, ((values.min() ?? 0) - 5) / 10).rounded(.down) * 10
        // Up to 100, or to the next ten above a score past 100 (bonus points).
        let high = max(100, (((values.max() ?? 100) + 0.5) / 10).rounded(.up) * 10)
        let span = max(high - low, 10)
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - (value - low) / span) }
        let plotWidth = width - left - right
        func x(_ index: Int) -> Double {
            chart.points.count > 1 ? left + plotWidth * Double(index) / Double(chart.points.count - 1) : left + plotWidth / 2
        }
        var tick = low
        while tick <= low + span + 0.001 {
            svg.line(left, y(tick), left + plotWidth, y(tick), stroke: ReportPalette.grid)
            svg.text(left - 6, y(tick) + 4, formatNumber(tick), anchor: .end, size: 11, fill: ReportPalette.mutedInk)
            tick += span <= 30 ? 5 : 10
        }
        for threshold in chart.thresholds where threshold.minimum >= low && threshold.minimum <= low + span {
            svg.line(left, y(threshold.minimum), left + plotWidth, y(threshold.minimum), stroke: ReportPalette.mutedInk, width: 1, dashed: true)
            svg.text(left + plotWidth + 6, y(threshold.minimum) + 4, "\(threshold.label) ≥ \(formatNumber(threshold.minimum))", size: 11,
                     fill: ReportPalette.mutedInk)
        }
        // Label at most ~12 buckets on the axis, always the first and the last.
        let step = max(1, Int((Double(chart.points.count) / 12).rounded(.up)))
        for (index, point) in chart.points.enumerated() where index % step == 0 || index == chart.points.count - 1 {
            svg.text(x(index), height - bottom + 16, point.label, anchor: .middle, size: 10.5, fill: ReportPalette.mutedInk)
        }
        var segment: [(Double, Double)] = []
        for (index, point) in chart.points.enumerated() {
            if let value = point.value { segment.append((x(index), y(value))) } else {
                svg.polyline(segment, stroke: ReportPalette.series)
                segment = []
            }
        }
        svg.polyline(segment, stroke: ReportPalette.series)
        for (index, point) in chart.points.enumerated() {
            guard let value = point.value else { continue }
            svg.circle(x(index), y(value), radius: 3.5, fill: ReportPalette.series,
                       tooltip: "\(point.label): \(formatFixed(value, 1)) over \(point.audits) audits")
        }
        if let last = chart.points.lastIndex(where: { $0.value != nil }), let value = chart.points[last].value {
            svg.text(x(last), y(value) - 9, formatFixed(value, 1), anchor: .middle, size: 11, fill: ReportPalette.ink, bold: true)
        }
        let described = chart.points.map { "\($0.label) \($0.value.map { formatFixed($0, 1) } ?? "no audits")" }.joined(separator: ", ")
        return svg.rendered(title: chart.caption, description: described, id: id)
    }

    static func bars(_ chart: ReportChart.BarChart, id: String) -> String {
        let rowHeight = 28.0, left = 230.0, width = 720.0, top = chart.comparisonLabel == nil ? 8.0 : 28.0
        let height = top + rowHeight * Double(chart.items.count) + 24
        var svg = SVGWriter(width: width, height: height)
        let scaleTop = max(100, chart.items.compactMap { max($0.value ?? 0, $0.comparison ?? 0) }.max() ?? 100)
        let plotWidth = width - left - 60
        func x(_ value: Double) -> Double { left + plotWidth * value / scaleTop }
        for tick in stride(from: 0.0, through: scaleTop, by: 25) {
            svg.line(x(tick), top - 4, x(tick), top + rowHeight * Double(chart.items.count), stroke: ReportPalette.grid)
            svg.text(x(tick), height - 6, formatNumber(tick), anchor: .middle, size: 10.5, fill: ReportPalette.mutedInk)
        }
        if let label = chart.comparisonLabel {
            svg.rect(left, 6, 10, 14, fill: ReportPalette.series)
            svg.text(left + 16, 17, chart.seriesLabel, size: 11, fill: ReportPalette.ink)
            svg.rect(left + 110, 6, 4, 14, fill: ReportPalette.accent)
            svg.text(left + 120, 17, label, size: 11, fill: ReportPalette.ink)
        }
        for (index, item) in chart.items.enumerated() {
            let rowTop = top + rowHeight * Double(index)
            svg.text(left - 8, rowTop + 18, shortened(item.label, 34), anchor: .end, size: 12, fill: ReportPalette.ink)
            if let value = item.value {
                svg.rect(left, rowTop + 5, x(value) - left, rowHeight - 10, fill: ReportPalette.series, tooltip: "\(item.label): \(formatFixed(value, 1))")
                // The value stands right of the bar and of the comparison mark, so the mark never hides it.
                svg.text(max(x(value), x(item.comparison ?? 0) + 2) + 6, rowTop + 18, formatFixed(value, 1), size: 11.5, fill: ReportPalette.ink)
            } else {
                svg.text(left + 4, rowTop + 18, "not assessed", size: 11, fill: ReportPalette.mutedInk)
            }
            if let comparison = item.comparison {
                svg.rect(x(comparison) - 2, rowTop + 2, 4, rowHeight - 4, fill: ReportPalette.accent,
                         tooltip: "\(chart.comparisonLabel ?? "comparison"): \(formatFixed(comparison, 1))")
            }
        }
        let described = chart.items.map { "\($0.label) \($0.value.map { formatFixed($0, 1) } ?? "not assessed")" }.joined(separator: ", ")
        return svg.rendered(title: chart.caption, description: described, id: id)
    }

    static func heatMap(_ map: ReportChart.HeatMap, id: String) -> String {
        let cell = 20.0, left = 170.0
        // Room above for the rotated criterion ids, and to the right for the last ones' slant.
        let longest = Double(map.columnLabels.map(\.count).max() ?? 4)
        let top = 20 + longest * 6.2 * 0.87, slant = longest * 6.2 * 0.5
        let width = left + cell * Double(map.columnLabels.count) + slant + 10, legendTop = top + cell * Double(map.rowLabels.count) + 18
        let height = legendTop + 40
        var svg = SVGWriter(width: max(width, 420), height: height)
        for (column, label) in map.columnLabels.enumerated() {
            svg.text(left + cell * Double(column) + cell / 2 + 4, top - 6, label, size: 10, fill: ReportPalette.ink, rotate: -60)
        }
        for (row, label) in map.rowLabels.enumerated() {
            let y = top + cell * Double(row)
            svg.text(left - 6, y + cell - 5, shortened(label, 26), anchor: .end, size: 11, fill: ReportPalette.ink)
            for (column, value) in map.values[row].enumerated() {
                let x = left + cell * Double(column)
                if let value {
                    svg.rect(x, y, cell - 1, cell - 1, fill: ReportPalette.heat(value),
                             tooltip: "\(label) × \(map.columnLabels[column]): \(formatFixed(value * 100, 1)) % not met")
                } else {
                    svg.rect(x + 0.5, y + 0.5, cell - 2, cell - 2, fill: ReportPalette.paper, stroke: ReportPalette.grid,
                             tooltip: "\(label) × \(map.columnLabels[column]): not assessed")
                    svg.line(x + 3, y + cell - 4, x + cell - 4, y + 3, stroke: ReportPalette.grid)
                }
            }
        }
        // The legend: the ramp with its scale.
        let steps = 10
        for step in 0..<steps {
            let rate = ReportPalette.heatScaleTop * Double(step) / Double(steps - 1)
            svg.rect(left + 22 * Double(step), legendTop, 22, 12, fill: ReportPalette.heat(rate))
        }
        svg.text(left, legendTop + 26, "0 %", size: 10.5, fill: ReportPalette.mutedInk)
        svg.text(left + 22 * Double(steps), legendTop + 26, "≥ \(formatNumber(ReportPalette.heatScaleTop * 100)) % not met", anchor: .end,
                 size: 10.5, fill: ReportPalette.mutedInk)
        svg.rect(left + 22 * Double(steps) + 16, legendTop, 12, 12, fill: ReportPalette.paper, stroke: ReportPalette.grid)
        svg.line(left + 22 * Double(steps) + 18, legendTop + 10, left + 22 * Double(steps) + 26, legendTop + 2, stroke: ReportPalette.grid)
        svg.text(left + 22 * Double(steps) + 32, legendTop + 10, "not assessed", size: 10.5, fill: ReportPalette.mutedInk)
        return svg.rendered(title: map.caption, description: "\(map.rowLabels.count) rows × \(map.columnLabels.count) criteria", id: id)
    }

    static func dotPlot(_ plot: ReportChart.DotPlot, id: String) -> String {
        let rowHeight = 22.0, left = 150.0, width = 720.0, top = 10.0, right = 170.0
        let height = top + rowHeight * Double(plot.items.count) + 30
        var svg = SVGWriter(width: width, height: height)
        let extreme = plot.items.flatMap { [$0.low, $0.high, $0.estimate].compactMap { $0 }.map(abs) }.max() ?? 5
        let reach = max(5, (extreme / 5).rounded(.up) * 5)
        let plotWidth = width - left - right
        func x(_ value: Double) -> Double { left + plotWidth * (value + reach) / (2 * reach) }
        let bottom = top + rowHeight * Double(plot.items.count)
        let step = reach <= 10 ? 2.0 : (reach <= 25 ? 5.0 : 10.0)
        for tick in stride(from: -reach, through: reach, by: step) {
            svg.line(x(tick), top, x(tick), bottom, stroke: tick == 0 ? ReportPalette.mutedInk : ReportPalette.grid, width: tick == 0 ? 1.5 : 1)
            let label = tick == 0 ? "0" : (tick > 0 ? "+" : "−") + formatNumber(abs(tick))
            svg.text(x(tick), bottom + 16, label, anchor: .middle, size: 10.5, fill: ReportPalette.mutedInk)
        }
        for (index, item) in plot.items.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            svg.text(left - 8, y + 4, shortened(item.label, 22), anchor: .end, size: 11.5, fill: ReportPalette.ink)
            guard let estimate = item.estimate else {
                svg.text(left + plotWidth + 8, y + 4, item.note, size: 10.5, fill: ReportPalette.mutedInk)
                continue
            }
            let flagged = item.flagged
            let colour = flagged ? ReportPalette.accent : ReportPalette.series
            if let low = item.low, let high = item.high { svg.line(x(low), y, x(high), y, stroke: colour, width: 2) }
            let tip = "\(item.label): \(ReportText.signed(estimate)) points" + (item.low.map { l in item.high.map { " (95 % \(ReportText.signed(l)) to \(ReportText.signed($0)))" } ?? "" } ?? "")
            if flagged { svg.diamond(x(estimate), y, radius: 6, fill: colour, tooltip: tip) } else { svg.circle(x(estimate), y, radius: 4.5, fill: colour, tooltip: tip) }
            svg.text(left + plotWidth + 8, y + 4, "\(ReportText.signed(estimate)) · \(item.note)", size: 10.5, fill: flagged ? ReportPalette.badInk : ReportPalette.mutedInk)
        }
        return svg.rendered(title: plot.caption, description: plot.items.map { "\($0.label) \($0.estimate.map { ReportText.signed($0) } ?? $0.note)" }.joined(separator: ", "), id: id)
    }

    static func shortened(_ text: String, _ limit: Int) -> String { text.count > limit ? String(text.prefix(limit - 1)) + "…" : text }
}
