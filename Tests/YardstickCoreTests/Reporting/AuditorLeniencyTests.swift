import Testing
import YardstickCore

struct AuditorLeniencyTests {
    /// Eight auditors, 60 agents over 12 months, three audits by different auditors per agent and
    /// month; each agent-month has its own true quality, each audit its own noise, and auditor
    /// "harsh" scores 5 points lower than the others would.
    static func scenario(seed: UInt64) -> [AuditorLeniency.Observation] {
        var random = SeededRandom(seed: seed)
        func normal(_ sd: Double) -> Double {
            // Irwin–Hall: the sum of 12 uniforms minus 6 is close to a standard normal.
            (0..<12).reduce(0.0) { sum, _ in sum + random.unit() } - 6
        }
        let auditors = ["harsh", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]
        var observations: [AuditorLeniency.Observation] = []
        for agent in 0..<60 {
            for month in 1...12 {
                let quality = 85 + 6 * normal(1)
                var chosen: [String] = []
                while chosen.count < 3 {
                    let auditor = random.pick(auditors)
                    if !chosen.contains(auditor) { chosen.append(auditor) }
                }
                for auditor in chosen {
                    let score = quality + 4 * normal(1) + (auditor == "harsh" ? -5 : 0)
                    observations.append(.init(auditor: auditor, agentID: "A\(agent)", formID: "call-review", month: 202600 + month, score: score))
                }
            }
        }
        return observations
    }

    @Test func findsTheAuditorWhoScoresFivePointsHarsherAndNoOtherOne() throws {
        for seed in [1, 2, 3] as [UInt64] {
            let estimates = AuditorLeniency.estimate(Self.scenario(seed: seed))
            let harsh = try #require(estimates.first { $0.auditor == "harsh" })
            let difference = try #require(harsh.meanDifference)
            #expect(difference > -6 && difference < -4, "seed \(seed): \(difference)")
            #expect(harsh.verdict == .harsher && (harsh.high ?? 0) < 0)
            #expect(harsh.comparable > 200)
            for other in estimates where other.auditor != "harsh" {
                #expect(other.verdict == .inLine && abs(other.meanDifference ?? 99) < 1.5, "seed \(seed): \(other.auditor) \(other.meanDifference ?? .nan) [\(other.low ?? .nan), \(other.high ?? .nan)]")
            }
        }
    }

    @Test func givesNoEstimateBelowTheMinimumOfComparableAudits() {
        let few = [
            AuditorLeniency.Observation(auditor: "x", agentID: "A", formID: "f", month: 202601, score: 80),
            AuditorLeniency.Observation(auditor: "y", agentID: "A", formID: "f", month: 202601, score: 90),
            AuditorLeniency.Observation(auditor: "z", agentID: "B", formID: "f", month: 202601, score: 70),
        ]
        let estimates = AuditorLeniency.estimate(few)
        #expect(estimates.map(\.auditor) == ["x", "y", "z"])
        #expect(estimates.allSatisfy { $0.verdict == .tooFew && $0.meanDifference == nil })
        #expect(estimates.map(\.comparable) == [1, 1, 0])
    }

    @Test func twoAuditorsAloneDifferByTheirGap() {
        // x always scores 4 below y on the same agents: centred on their median, x −2 and y +2.
        let observations = (0..<20).flatMap { index -> [AuditorLeniency.Observation] in
            let base = 70 + Double(index % 7) * 3
            return [.init(auditor: "x", agentID: "A\(index)", formID: "f", month: 202601, score: base),
                    .init(auditor: "y", agentID: "A\(index)", formID: "f", month: 202601, score: base + 4)]
        }
        let estimates = AuditorLeniency.estimate(observations)
        let differences = estimates.map { $0.meanDifference ?? .nan }
        #expect(abs(differences[0] + 2) < 1e-6 && abs(differences[1] - 2) < 1e-6, "\(differences)")
        // The same gap every time: a zero-width interval, and a difference past the practical margin.
        #expect(estimates.map(\.verdict) == [.harsher, .lenient])
    }
}
