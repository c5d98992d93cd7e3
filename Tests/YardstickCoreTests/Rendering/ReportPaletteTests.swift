import Foundation
import Testing
import YardstickCore

/// The report colours stay readable for colour-blind readers and on paper: categorical marks stay
/// apart under simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes
/// 2009, severity 1), the heat map ramp keeps its order in lightness, and text has WCAG AA contrast.
struct ReportPaletteTests {
    static let simulations: [(String, [[Double]])] = [
        ("normal", [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
        ("deuteranopia", [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
        ("tritanopia", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
    ]

    /// CIELAB (D65) of `colour` as a reader with the simulated vision sees it.
    static func lab(_ colour: String, _ matrix: [[Double]]) -> (Double, Double, Double) {
        let (r, g, b) = ReportPalette.linear(colour)
        let seen = matrix.map { row in min(1, max(0, row[0] * r + row[1] * g + row[2] * b)) }
        let x = 0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]
        let y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
        let z = 0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        let fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883)
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    static func distance(_ first: String, _ second: String, _ matrix: [[Double]]) -> Double {
        let a = lab(first, matrix), b = lab(second, matrix)
        return ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
    }

    @Test func bandChipsStayApartForEveryKindOfColourVision() {
        let chips = (0..<4).map { ReportPalette.band(rank: $0, of: 4) }
        #expect(Set(chips).count == 4)
        for (vision, matrix) in Self.simulations {
            for i in chips.indices {
                for j in chips.indices where j > i {
                    #expect(Self.distance(chips[i], chips[j], matrix) >= 15, "\(vision): \(chips[i]) vs \(chips[j])")
                }
            }
            #expect(Self.distance(ReportPalette.series, ReportPalette.accent, matrix) >= 40, "\(vision): series vs accent")
        }
    }

    @Test func theHeatRampGetsDarkerAtEveryStepForEveryKindOfColourVision() {
        for (vision, matrix) in Self.simulations {
            let lightness = ReportPalette.heatRamp.map { Self.lab($0, matrix).0 }
            for (lighter, darker) in zip(lightness, lightness.dropFirst()) {
                #expect(lighter - darker >= 8, "\(vision): \(lightness)")
            }
        }
        // The interpolated colours keep the order too, and 0 % is not the white of "not assessed".
        let samples = stride(from: 0.0, through: 0.6, by: 0.05).map { Self.lab(ReportPalette.heat($0), Self.simulations[0].1).0 }
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(ReportPalette.heat(0) != ReportPalette.paper)
    }

    @Test func textHasAtLeastAAContrastOnWhite() {
        for ink in [ReportPalette.ink, ReportPalette.mutedInk, ReportPalette.goodInk, ReportPalette.badInk] {
            #expect(ReportPalette.contrast(ink, ReportPalette.paper) >= 4.5, "\(ink)")
        }
        #expect(abs(ReportPalette.contrast("#000000", "#ffffff") - 21) < 1e-9)
    }
}
