import Testing
@testable import YardstickCore

struct StudentTTests {
    /// Published two-sided 95 % critical values (e.g. NIST/SEMATECH e-Handbook, table 1.4.2.3), to 4 decimals.
    @Test(arguments: [(1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (5, 2.5706), (9, 2.2622), (10, 2.2281), (20, 2.0860),
                      (30, 2.0423), (60, 2.0003), (120, 1.9799)])
    func matchesPublishedQuantilesToFourDecimals(degreesOfFreedom: Int, published: Double) {
        let value = StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom)
        #expect(formatFixed(value, 4) == formatFixed(published, 4), "t(0.975, \(degreesOfFreedom)) = \(value)")
    }

    @Test func isTheInverseOfTheDistributionFunction() {
        for df in [1, 2, 7, 25, 400] {
            for p in [0.6, 0.9, 0.975, 0.995] {
                #expect(abs(StudentT.cumulative(StudentT.quantile(p, degreesOfFreedom: df), degreesOfFreedom: df) - p) < 1e-10)
            }
        }
    }

    @Test func approachesTheNormalQuantileForManyDegreesOfFreedom() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 1_000_000) - 1.959964) < 1e-5)
    }
}
