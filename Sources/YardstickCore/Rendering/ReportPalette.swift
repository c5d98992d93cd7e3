import Foundation

/// The colours of report pages, chosen for readers with colour-vision deficiencies: the Okabe–Ito
/// palette for categorical marks (told apart under protanopia, deuteranopia and tritanopia), a
/// single-hue lightness ramp for the heat map (its order survives any colour blindness), and ink
/// colours with at least 4.5:1 contrast on white (WCAG AA). Colour never carries meaning alone:
/// values are printed, and flagged points also change shape. `ReportPaletteTests` checks all this.
public enum ReportPalette {
    public static let ink = "#1d2330"
    public static let mutedInk = "#5b6475"
    public static let grid = "#dfe3ea"
    public static let paper = "#ffffff"
    /// Good and bad text (deltas), dark enough for body text.
    public static let goodInk = "#1f6b37"
    public static let badInk = "#a22c2c"
    /// The main series (trend line, bars, estimates): Okabe–Ito blue.
    public static let series = "#0072B2"
    /// The comparison and the flagged marks: Okabe–Ito vermillion.
    public static let accent = "#D55E00"
    /// Band chips from best to worst: bluish green, sky blue, orange, vermillion, then reddish purple, yellow.
    public static let bands = ["#009E73", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7", "#F0E442"]
    /// The heat map ramp from no failures to the top of the scale (ColorBrewer Blues, starting
    /// light enough to tell 0 % from a white "not assessed" cell).
    public static let heatRamp = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]
    /// A failure rate at or above this takes the darkest colour.
    public static let heatScaleTop = 0.5

    /// The band chip colour of `rank` out of `count` bands (the worst band always vermillion).
    public static func band(rank: Int, of count: Int) -> String {
        if count > 1 && rank == count - 1 && count <= 4 { return bands[3] }
        return bands[min(max(rank, 0), bands.count - 1)]
    }

    /// The heat map colour of a failure rate, interpolated along the ramp.
    public static func heat(_ rate: Double) -> String {
        let position = min(max(rate / heatScaleTop, 0), 1) * Double(heatRamp.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, heatRamp.count - 1)
        let fraction = position - Double(lower)
        let a = rgb(heatRamp[lower]), b = rgb(heatRamp[upper])
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * fraction).rounded()) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// Dark cells take white text, light ones ink: whichever contrasts more.
    public static func heatText(_ rate: Double) -> String {
        let background = heat(rate)
        return contrast(background, "#ffffff") >= contrast(background, ink) ? "#ffffff" : ink
    }

    /// WCAG contrast ratio of two colours (1…21).
    public static func contrast(_ first: String, _ second: String) -> Double {
        let l1 = luminance(first), l2 = luminance(second)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    /// WCAG relative luminance.
    public static func luminance(_ colour: String) -> Double {
        let (r, g, b) = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The colour's linear-light RGB components (0…1).
    public static func linear(_ colour: String) -> (Double, Double, Double) {
        let (r, g, b) = rgb(colour)
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return (channel(r), channel(g), channel(b))
    }

    static func rgb(_ colour: String) -> (Int, Int, Int) {
        let digits = Array(colour.utf8.dropFirst())
        func value(_ range: Range<Int>) -> Int {
            guard range.upperBound <= digits.count else { return 0 }
            return Int(String(decoding: digits[range], as: UTF8.self), radix: 16) ?? 0
        }
        return (value(0..<2), value(2..<4), value(4..<6))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        func two(_ value: Int) -> String {
            let text = String(min(max(value, 0), 255), radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + two(r) + two(g) + two(b)
    }
}
