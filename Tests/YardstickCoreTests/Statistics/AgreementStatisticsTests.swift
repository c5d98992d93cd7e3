import Testing
import YardstickCore

/// Every agreement statistic against a published worked example, to three decimals.
struct AgreementStatisticsTests {
    static func close(_ value: Double, _ expected: Double, _ tolerance: Double = 0.0005) -> Bool { abs(value - expected) < tolerance }

    /// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
    /// Bulletin 76(5), 378–382 — the 10 subjects × 14 raters × 5 categories example as worked in
    /// Wikipedia's "Fleiss' kappa" article: P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    static let fleissCounts = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    @Test func fleissKappaMatchesTheTenSubjectsFourteenRatersExample() throws {
        let result = try FleissKappa.compute(counts: Self.fleissCounts)
        #expect(Self.close(result.kappa, 0.210), "\(result.kappa)")
        #expect(Self.close(result.observedAgreement, 0.378) && Self.close(result.expectedAgreement, 0.213))
        #expect(result.subjects == 10 && result.ratersPerSubject == 14 && result.perCategory.count == 5)
        #expect(throws: FleissKappa.Failure.self) { try FleissKappa.compute(counts: [[1, 1], [3, 0]]) }
        #expect(throws: FleissKappa.Failure.self) { try FleissKappa.compute(counts: [[2, 0], [2, 0]]) }
    }

    /// Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability, section C: 4 observers ×
    /// 12 units with missing values; α nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
    static let krippendorff: [[Double?]] = {
        let a: [Double?] = [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil]
        let b: [Double?] = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3]
        let c: [Double?] = [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil]
        let d: [Double?] = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
        return (0..<12).map { [a[$0], b[$0], c[$0], d[$0]] }
    }()

    @Test(arguments: [(KrippendorffAlpha.Level.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797)])
    func krippendorffAlphaMatchesTheFourObserversTwelveUnitsExample(_ level: KrippendorffAlpha.Level, _ expected: Double) throws {
        let result = try KrippendorffAlpha.compute(Self.krippendorff, level: level)
        #expect(Self.close(result.alpha, expected), "\(level): \(result.alpha)")
        // Unit 12 has one value only: dropped; 11 units and 40 pairable values remain.
        #expect(result.units == 11 && result.values == 40)
    }

    /// Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    /// reliability. Psychological Bulletin 86(2), 420–428, Table 2 (6 targets × 4 judges) and Table 4.
    @Test func intraclassCorrelationsMatchShroutAndFleiss() throws {
        let ratings: [[Double?]] = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
        let icc = try IntraclassCorrelation.compute(ratings)
        #expect(Self.close(icc.icc11, 0.17, 0.005) && Self.close(icc.icc21, 0.29, 0.005) && Self.close(icc.icc31, 0.71, 0.005),
                "\(icc.icc11) \(icc.icc21) \(icc.icc31)")
        #expect(Self.close(icc.icc1k, 0.44, 0.005) && Self.close(icc.icc2k, 0.62, 0.005) && Self.close(icc.icc3k, 0.91, 0.005),
                "\(icc.icc1k) \(icc.icc2k) \(icc.icc3k)")
        // Their Table 3's mean squares: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02.
        #expect(Self.close(icc.bms, 11.24, 0.005) && Self.close(icc.wms, 6.26, 0.005) && Self.close(icc.jms, 32.49, 0.005)
                && Self.close(icc.ems, 1.02, 0.005), "\(icc.bms) \(icc.wms) \(icc.jms) \(icc.ems)")
        #expect(throws: IntraclassCorrelation.Failure.self) { try IntraclassCorrelation.compute([[1, nil], [2, 3]]) }
        // Targets that do not differ leave every ICC undefined: an error, never NaN or infinity.
        #expect(throws: IntraclassCorrelation.Failure.self) { try IntraclassCorrelation.compute([[1, 2], [1, 2]]) }
    }

    /// Cohen's κ, Wikipedia's "Cohen's kappa" worked example: 50 proposals, both yes 20, both no 15,
    /// A yes / B no 5, A no / B yes 10: pₒ = 0.7, pₑ = 0.5, κ = 0.4.
    @Test func cohenKappaMatchesTheFiftyProposalsExample() throws {
        let pairs: [(Double?, Double?)] = Array(repeating: (1, 1), count: 20) + Array(repeating: (0, 0), count: 15)
            + Array(repeating: (1, 0), count: 5) + Array(repeating: (0, 1), count: 10) + [(1, nil)]
        let result = try CohenKappa.compute(pairs, categories: nil, weights: .none)
        #expect(Self.close(result.kappa, 0.4) && Self.close(result.observedAgreement, 0.7) && Self.close(result.expectedAgreement, 0.5))
        #expect(result.units == 50, "the unit rated once is left out")
    }

    /// Weighted κ over a 0–2 scale, worked by hand: 10 units, ratings (A, B) = (0,0)×3, (1,1)×2,
    /// (2,2)×1, (0,1)×2, (1,2)×1, (0,2)×1. Rows 6/3/1, columns 3/4/3 (tenths).
    /// Linear: observed disagreement (2·½ + 1·½ + 1·1)/10 = 0.25; expected Σ rᵢcⱼ|i−j|/2 = 0.12 + 0.18
    /// + 0.045 + 0.045 + 0.03 + 0.02 = 0.44; κ = 1 − 0.25/0.44 = 0.432. Quadratic: observed
    /// (2·¼ + 1·¼ + 1·1)/10 = 0.175; expected 0.06 + 0.18 + 0.0225 + 0.0225 + 0.03 + 0.01 = 0.325;
    /// κ = 0.462. With levels 0, 1 and 4 used on a declared 0–4 scale, the weights are those of the
    /// scale's distances (1 and 4 are three steps apart), not of three adjacent categories.
    @Test func weightedCohenKappaTakesItsWeightsFromTheDeclaredScale() throws {
        let pairs: [(Double?, Double?)] = Array(repeating: (0, 0), count: 3) + Array(repeating: (1, 1), count: 2) + [(2, 2)]
            + Array(repeating: (0, 1), count: 2) + [(1, 2), (0, 2)]
        let linear = try CohenKappa.compute(pairs, categories: [0, 1, 2], weights: .linear)
        #expect(Self.close(linear.kappa, 0.432), "\(linear.kappa)")
        let quadratic = try CohenKappa.compute(pairs, categories: [0, 1, 2], weights: .quadratic)
        #expect(Self.close(quadratic.kappa, 0.462), "\(quadratic.kappa)")
        let spread = pairs.map { pair in (pair.0.map { $0 == 2 ? 4 : $0 }, pair.1.map { $0 == 2 ? 4 : $0 }) }
        let declared = try CohenKappa.compute(spread, categories: [0, 1, 2, 3, 4], weights: .linear)
        let occurring = try CohenKappa.compute(spread, categories: [0, 1, 4], weights: .linear)
        #expect(Self.close(occurring.kappa, linear.kappa) && !Self.close(declared.kappa, linear.kappa), "\(declared.kappa)")
        #expect(throws: CohenKappa.Failure.self) { try CohenKappa.compute(pairs, categories: nil, weights: .linear) }
        #expect(throws: CohenKappa.Failure.self) { try CohenKappa.compute([(5, 1)], categories: [0, 1, 2], weights: .linear) }
    }

    @Test func percentAgreementCountsAgreeingPairs() {
        // Unit 1: 3 ratings, pairs (1,1) (1,2) (1,2): 1 of 3 agree; unit 2: one pair agrees; unit 3 has one rating.
        #expect(PercentAgreement.compute([[1, 1, 2], [3, 3, nil], [4, nil, nil]]) == 0.5)
        #expect(PercentAgreement.compute([[1, nil]]) == nil)
    }
}
