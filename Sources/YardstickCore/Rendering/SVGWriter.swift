/// A small writer of inline SVG: shapes and text with escaped content, coordinates at one decimal
/// so the same chart is the same bytes on every machine. Charts scale to the page through `viewBox`.
public struct SVGWriter: Sendable {
    public let width: Double
    public let height: Double
    private var body = ""

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The `<svg>` element with a title and description for screen readers; `id` keeps their ids apart between charts of a page.
    public func rendered(title: String, description: String, id: String = "chart") -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="100%" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        style="max-width:\(n(width))px" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">
        <title id="\(id)-title">\(htmlEscaped(title))</title><desc id="\(id)-desc">\(htmlEscaped(description))</desc>
        \(body)</svg>
        """
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
            + (dashed ? " stroke-dasharray=\"5 4\"" : "") + "/>\n"
    }

    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let open = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? "")
        body += tooltip.map { open + "><title>\(htmlEscaped($0))</title></rect>\n" } ?? open + "/>\n"
    }

    public mutating func circle(_ cx: Double, _ cy: Double, radius: Double, fill: String, stroke: String? = nil, tooltip: String? = nil) {
        let open = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(radius))\" fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\" stroke-width=\"1.5\"" } ?? "")
        body += tooltip.map { open + "><title>\(htmlEscaped($0))</title></circle>\n" } ?? open + "/>\n"
    }

    /// A diamond centred on (cx, cy): the second marker shape, so two kinds of point differ by more than colour.
    public mutating func diamond(_ cx: Double, _ cy: Double, radius: Double, fill: String, tooltip: String? = nil) {
        let points = [(cx, cy - radius), (cx + radius, cy), (cx, cy + radius), (cx - radius, cy)].map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let open = "<polygon points=\"\(points)\" fill=\"\(fill)\""
        body += tooltip.map { open + "><title>\(htmlEscaped($0))</title></polygon>\n" } ?? open + "/>\n"
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        guard points.count > 1 else { return }
        body += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" points=\""
            + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>\n"
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: Anchor = .start, size: Double = 12, fill: String,
                              bold: Bool = false, rotate: Double? = nil) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\" text-anchor=\"\(anchor.rawValue)\""
            + (bold ? " font-weight=\"600\"" : "") + (rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? "")
            + ">\(htmlEscaped(text))</text>\n"
    }

    /// A coordinate with one decimal, no trailing ".0".
    func n(_ value: Double) -> String {
        let text = formatFixed(value, 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
