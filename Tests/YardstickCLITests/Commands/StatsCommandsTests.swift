import Foundation
import Testing
import YardstickTestSupport

/// `stats agreement` through the real binary reproduces the published worked examples.
struct StatsCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func reproducesThePublishedExamplesFromRatingsTables() throws {
        // Krippendorff (2011), 4 observers × 12 units with missing values.
        let reliability = try folder.write("kripp.csv", """
            unit,A,B,C,D
            1,1,1,,1
            2,2,2,3,2
            3,3,3,3,3
            4,3,3,3,3
            5,2,2,2,2
            6,1,2,3,4
            7,4,4,4,4
            8,1,1,2,1
            9,2,2,2,2
            10,,5,5,5
            11,,,1,1
            12,,3,,

            """)
        for (level, alpha) in [("nominal", "0.743"), ("ordinal", "0.815"), ("interval", "0.849"), ("ratio", "0.797")] {
            let result = try yardstick.run(["stats", "agreement", reliability, "--measure", "krippendorff", "--level", level])
            #expect(result.status == 0 && result.standardOutput.hasPrefix("Krippendorff's α (\(level)) = \(alpha)"), "\(result.standardOutput)")
        }
        // Fleiss (1971) as worked in Wikipedia: 10 subjects × 14 raters, counts layout.
        let rows = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
        let counts = try folder.write("counts.csv", "subject,1,2,3,4,5\n" + rows.enumerated().map { "\($0 + 1)," + $1.map(String.init).joined(separator: ",") + "\n" }.joined())
        let fleiss = try yardstick.run(["stats", "agreement", counts, "--measure", "fleiss", "--layout", "counts"])
        #expect(fleiss.standardOutput.hasPrefix("Fleiss' κ = 0.210  (10 units, 14 raters each, 5 categories)"), "\(fleiss.standardOutput)")
        // Shrout & Fleiss (1979), Table 2.
        let targets = try folder.write("icc.csv", "target,j1,j2,j3,j4\n1,9,2,5,8\n2,6,1,3,2\n3,8,4,6,8\n4,7,1,2,6\n5,10,5,6,9\n6,6,2,4,7\n")
        let icc = try yardstick.run(["stats", "agreement", targets, "--measure", "icc", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(icc.standardOutput.utf8)) as? [String: Any])
        for (key, expected) in [("icc_1_1", 0.17), ("icc_2_1", 0.29), ("icc_3_1", 0.71), ("icc_1_k", 0.44), ("icc_2_k", 0.62), ("icc_3_k", 0.91)] {
            let value = try #require(object[key] as? Double)
            #expect(abs(value - expected) < 0.005, "\(key) \(value)")
        }
        // Cohen's κ, Wikipedia's 50 proposals, with labels rather than numbers.
        let proposals = try folder.write("cohen.csv", "a,b\n" + String(repeating: "yes,yes\n", count: 20) + String(repeating: "no,no\n", count: 15)
                                         + String(repeating: "yes,no\n", count: 5) + String(repeating: "no,yes\n", count: 10))
        #expect(try yardstick.run(["stats", "agreement", proposals, "--measure", "cohen"]).standardOutput.hasPrefix("Cohen's κ = 0.400"))
    }

    @Test func badTablesAreNamedByRowAndColumn() throws {
        let text = try folder.write("text.csv", "a,b\n1,x\n2,2\n")
        let notNumeric = try yardstick.run(["stats", "agreement", text, "--measure", "icc"])
        #expect(notNumeric.status == 1 && notNumeric.standardError.contains("text.csv:2:2: error: 'x' is not a number"), "\(notNumeric.standardError)")
        let three = try folder.write("three.csv", "a,b,c\n1,1,1\n2,2,1\n")
        #expect(try yardstick.run(["stats", "agreement", three, "--measure", "cohen"]).standardError.contains("Cohen's κ compares two raters"))
        let uneven = try folder.write("uneven.csv", "a,b,c\n1,1,1\n2,,1\n")
        #expect(try yardstick.run(["stats", "agreement", uneven, "--measure", "fleiss"]).standardError.contains("uneven.csv:3:1: error: unit 2 has 2 ratings"))
        #expect(try yardstick.run(["stats", "agreement", three, "--measure", "cohen", "--weights", "linear"]).status == 2, "weights need --scale")
        #expect(try yardstick.run(["stats", "agreement", three, "--measure", "kappa"]).status == 2)
        #expect(try yardstick.run(["stats", "agreement", three, "--measure", "icc", "--level", "ordinal"]).status == 2)
        let short = try folder.write("short.csv", "a,b\n1\n")
        #expect(try yardstick.run(["stats", "agreement", short, "--measure", "percent"]).standardError.contains("short.csv:2:2: error: row 2 has 1 fields, the header 2"))
    }
}

/// A dispute through the real binary over the demo: the incentive diff names it.
struct DisputeCommandsTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    @Test func anOverturnedDisputeShowsInTheIncentiveDiff() throws {
        // The demo opens dispute 1 on audit 23 (A3002's failed identity check) and overturns it after its incentive run.
        let demo = try yardstick.run(["demo"])
        #expect(demo.status == 0 && demo.standardOutput.contains("10. Dispute #1: A3002 contested VERIFY-IDENTITY of audit 23; overturned"), "\(demo.standardOutput)")
        let diff = try yardstick.run(["incentives", "diff", "1"])
        #expect(diff.standardOutput.contains("audit 23 changed: score 78.6 (critical failure) → 90.5 (amended 2026-11-23 by")
                && diff.standardOutput.contains("dispute 1 overturned (VERIFY-IDENTITY): The recording shows"), "\(diff.standardOutput)")
        #expect(try yardstick.run(["dispute", "decide", "1", "--uphold", "--reason", "again"]).status == 1, "a decision is final")
        let opened = try yardstick.run(["dispute", "open", "23", "--criterion", "GREET-PROMPT", "--reason", "The IVR took the first 30 s", "--by", "A3002"])
        #expect(opened.status == 0 && opened.standardOutput.hasPrefix("Opened dispute #2 of audit 23, GREET-PROMPT (by A3002)")
                && opened.standardOutput.contains("2 of 3 disputes for this audit"), "\(opened.standardOutput)\(opened.standardError)")
        #expect(try yardstick.run(["dispute", "decide", "2", "--uphold", "--overturn", "--reason", "x"]).status == 2)
        let upheld = try yardstick.run(["dispute", "decide", "2", "--uphold", "--reason", "The wait is measured from the queue"])
        #expect(upheld.status == 0 && upheld.standardOutput == "Dispute #2 upheld. Audit 23 stays as it is.\n", "\(upheld.standardOutput)")
        #expect(try yardstick.run(["dispute", "list", "--status", "overturned"]).standardOutput.contains("VERIFY-IDENTITY  overturned"))
        #expect(try yardstick.run(["verify"]).standardOutput.contains("2 disputes, 1 calibration session checked"))
        // The demo's calibration session is closed: its results and answers are visible.
        let results = try yardstick.run(["calibration", "results", "1", "--json"])
        #expect(results.status == 0 && results.standardOutput.contains("\"report\": \"calibration\""))
    }
}
