import Testing
@testable import YardstickCore

/// A hand-computed scenario. Standard: HOLD (yes-no, weight 3), GREET (yes-no, 2), EMPATHY (0–4, 4),
/// RESPECT (yes-no, 5, critical). Team T1: A, B, C, D; team T2: E, F. K = 3 assessments, top 2 items,
/// a workshop when ≥ 3 agents and ≥ 30 % of the team share a criterion among their items.
struct CoachingPlannerTests {
    static let standard = Standard(id: "test", version: "1", title: "Test standard", bands: [Band(label: "Good", minimum: 80), Band(label: "Low", minimum: 0)], categories: [
        Category(id: "hold", title: "Hold", criteria: [Criterion(id: "HOLD", categoryID: "hold", title: "Keeps holds short", weight: 3, trainingModuleIDs: ["TR-HOLD"])]),
        Category(id: "open", title: "Opening", criteria: [Criterion(id: "GREET", categoryID: "open", title: "Greets promptly", weight: 2)]),
        Category(id: "care", title: "Care", criteria: [Criterion(id: "EMPATHY", categoryID: "care", title: "Shows empathy", weight: 4, scale: .range(minimum: 0, maximum: 4),
                                                                 trainingModuleIDs: ["TR-EMP"])]),
        Category(id: "conduct", title: "Conduct", criteria: [Criterion(id: "RESPECT", categoryID: "conduct", title: "Respectful", weight: 5, critical: .zeroAudit)]),
    ])
    static let training = TrainingCatalogue(id: "t", version: "1", title: "Training", modules: [
        TrainingModule(id: "TR-HOLD", title: "Holds that customers accept", format: .eLearning, minutes: 15, description: ""),
        TrainingModule(id: "TR-EMP", title: "Empathy in practice", format: .workshop, minutes: 120, description: ""),
    ])

    /// One audit per entry: "y"/"n" for yes-no, a digit for EMPATHY, "-" for not assessed; order HOLD GREET EMPATHY RESPECT.
    static func audits(_ agent: String, team: String, _ rows: [String], startDay: Int = 1, comment: String? = nil) -> [CoachingObservation] {
        rows.enumerated().map { index, row in
            let cells = Array(row)
            var outcomes: [String: CriterionOutcome] = [:]
            for (criterion, cell) in zip(["HOLD", "GREET", "EMPATHY", "RESPECT"], cells) {
                switch cell {
                case "y": outcomes[criterion] = .met(true)
                case "n": outcomes[criterion] = .met(false)
                case "-": outcomes[criterion] = .notApplicable
                default: outcomes[criterion] = .level(Int(String(cell)) ?? 0)
                }
            }
            let id = Int64(agent.unicodeScalars.first!.value) * 100 + Int64(index + 1)
            return CoachingObservation(auditID: id, agentID: agent, teamID: team, occurredOn: ISODate(year: 2026, month: 10, day: startDay + index)!,
                                       auditor: "m.lund", formID: "call-review", channel: "phone", outcomes: outcomes,
                                       comments: comment.map { ["HOLD": $0] } ?? [:], standardID: "test")
        }
    }

    static let observations: [CoachingObservation] =
        audits("A", team: "T1", ["nn2y", "ny2y", "yy4y", "yy4n"], comment: "Held 75 s without asking")
        + audits("B", team: "T1", ["nn4y", "nn4y", "yn4y"])
        + audits("C", team: "T1", ["ny1y", "yn3y", "yy-y"])
        + audits("D", team: "T1", ["yy4y", "yy4y"])
        + audits("E", team: "T2", ["ny4y", "ny4y", "ny4y"])

    static func planner() -> CoachingPlanner {
        var options = CoachingPlanner.Options()
        options.top = 2
        return CoachingPlanner(standard: standard, training: training, options: options,
                               window: (ISODate(year: 2026, month: 9, day: 1)!, ISODate(year: 2026, month: 11, day: 29)!),
                               createdOn: ISODate(year: 2026, month: 11, day: 30)!, dueOn: ISODate(year: 2026, month: 12, day: 30)!)
    }

    static let agentsT1 = ["A", "B", "C", "D"].map { Agent(id: $0, name: "Agent \($0)", teamID: "T1") }

    func summary(_ item: CoachingItem) -> String {
        "\(item.ordinal) \(item.criterionID) \(item.kind.rawValue) rate \(formatFixed(item.failureRate, 4)) team \(item.teamRate.map { formatFixed($0, 4) } ?? "-") priority \(formatFixed(item.priority, 4))"
    }

    @Test func agentAPutsTheCriticalCriterionFirstThenTheHighestPriority() {
        let team = Self.observations.filter { $0.teamID == "T1" }
        let plan = Self.planner().plan(for: Self.agentsT1[0], observations: team.filter { $0.agentID == "A" }, team: team)
        // RESPECT 1 of 4 (critical, so first); HOLD 2 of 4 → 3 × 0.5 = 1.5; EMPATHY 1 − mean(.5, .5, 1, 1) = .25 → 4 × .25 = 1.0 (third, cut);
        // GREET 1 of 4 → 0.5. Team T1 (12 audits): RESPECT 1/12, HOLD 5/12.
        #expect(plan.items.map(summary) == ["1 RESPECT individual rate 0.2500 team 0.0833 priority 1.2500",
                                            "2 HOLD individual rate 0.5000 team 0.4167 priority 1.5000"])
        // The team level for RESPECT is 92 % (1 − 1/12), rounded up to 95 %; for HOLD 58 %, below the 90 % floor.
        #expect(plan.items[0].target == "RESPECT met in ≥ 95 % of the next 5 reviewed calls, i.e. 5 of 5 (team level 92 %)")
        #expect(plan.items[1].target == "HOLD met in ≥ 90 % of the next 5 reviewed calls, i.e. 5 of 5 (team level 58 %, floor 90 %)")
        #expect(plan.items[1].evidence.map(\.auditID) == [6502, 6501], "the failing audits, newest first")
        #expect(plan.items[1].evidence.first?.comment == "Held 75 s without asking" && plan.items[1].evidence.first?.answer == "not met")
        #expect(plan.items[1].training == [CoachingTraining(id: "TR-HOLD", title: "Holds that customers accept", format: "e-learning", minutes: 15)])
        #expect(plan.notEnoughEvidence.isEmpty && plan.audits == 4 && plan.dueOn == "2026-12-30")
    }

    @Test func aTieInPriorityKeepsTheStandardsOrder() {
        let team = Self.observations.filter { $0.teamID == "T1" }
        let plan = Self.planner().plan(for: Self.agentsT1[1], observations: team.filter { $0.agentID == "B" }, team: team)
        // HOLD 2 of 3 → 3 × 2/3 = 2.0; GREET 3 of 3 → 2 × 1 = 2.0: equal, HOLD comes first in the standard. EMPATHY and RESPECT never failed.
        #expect(plan.items.map(summary) == ["1 HOLD individual rate 0.6667 team 0.4167 priority 2.0000",
                                            "2 GREET individual rate 1.0000 team 0.4167 priority 2.0000"])
    }

    @Test func tooFewAssessmentsAreListedNotGuessed() {
        let team = Self.observations.filter { $0.teamID == "T1" }
        let c = Self.planner().plan(for: Self.agentsT1[2], observations: team.filter { $0.agentID == "C" }, team: team)
        // EMPATHY was assessed twice (1 and 3; N/A once): not enough. HOLD 1/3 → 1.0; GREET 1/3 → 0.6667.
        #expect(c.items.map(summary) == ["1 HOLD individual rate 0.3333 team 0.4167 priority 1.0000",
                                         "2 GREET individual rate 0.3333 team 0.4167 priority 0.6667"])
        #expect(c.notEnoughEvidence == ["EMPATHY: assessed 2 times, 3 needed"])
        let d = Self.planner().plan(for: Self.agentsT1[3], observations: team.filter { $0.agentID == "D" }, team: team)
        #expect(d.items.isEmpty && d.notEnoughEvidence == ["2 counted audits in the window: no criterion was assessed the 3 times a judgement needs"])
        let f = Self.planner().plan(for: Agent(id: "F", name: "Agent F", teamID: "T2"), observations: [], team: [])
        #expect(f.notEnoughEvidence == ["no counted audits from 2026-09-01 to 2026-11-29"])
    }

    @Test func aWeaknessThreeAgentsShareBecomesOneTeamWorkshop() {
        let team = Self.observations.filter { $0.teamID == "T1" }
        let result = Self.planner().plans(forTeam: "T1", agents: Self.agentsT1, team: team)
        // HOLD is among the items of A, B and C (3 of 4 agents ≥ 3 and ≥ 30 %); GREET only of B and C.
        #expect(result.team.items.map(summary) == ["1 HOLD workshop rate 0.4167 team 0.4167 priority 1.2500"])
        let workshop = result.team.items[0]
        #expect(workshop.agents == ["A", "B", "C"] && workshop.followUpAudits == 15)
        #expect(workshop.target == "HOLD met in ≥ 90 % of the team's next 15 reviewed calls, i.e. 14 of 15 (team level 58 %, floor 90 %)")
        #expect(workshop.failures == 5, "the misses behind the team's rate: 5 of 12")
        #expect(Set(workshop.evidence.map(\.agentID)).isSubset(of: ["A", "B", "C"]))
        #expect(result.agents.map { $0.items.map { "\($0.criterionID) \($0.kind.rawValue)" } } == [
            ["RESPECT individual", "HOLD see-workshop"], ["HOLD see-workshop", "GREET individual"], ["HOLD see-workshop", "GREET individual"], [],
        ])
    }
}

struct FisherExactTestTests {
    @Test func matchesHandComputedAndPublishedValues() {
        // [[2, 2], [0, 6]]: P(x) = C(4, x)·C(6, 2 − x)/C(10, 2) = 15/45, 24/45, 6/45; only x = 2 is as unlikely: p = 6/45.
        #expect(abs(FisherExactTest.twoSided(2, 2, 0, 6) - 6.0 / 45) < 1e-12)
        // [[1, 3], [2, 4]]: the observed table is the most likely one, so every table counts: p = 1.
        #expect(abs(FisherExactTest.twoSided(1, 3, 2, 4) - 1) < 1e-12)
        // Fisher's lady tasting tea, [[3, 1], [1, 3]]: p = 34/70 = 0.4857.
        #expect(abs(FisherExactTest.twoSided(3, 1, 1, 3) - 34.0 / 70) < 1e-12)
        #expect(FisherExactTest.twoSided(0, 0, 0, 0) == 1)
    }
}

struct CoachingEffectTests {
    @Test func improvesOnOneItemAndNotOnTheOther() throws {
        let team = CoachingPlannerTests.observations.filter { $0.teamID == "T1" }
        let planner = CoachingPlannerTests.planner()
        let plan = planner.plan(for: CoachingPlannerTests.agentsT1[0], observations: team.filter { $0.agentID == "A" }, team: team)
        let before = team.filter { $0.agentID == "A" }
        // Since the plan: HOLD met in all 6; RESPECT missed twice in 6.
        let after = CoachingPlannerTests.audits("A", team: "T1", ["yyyy", "yyyn", "yyyy", "yyyn", "yyyy", "yyyy"].map { String($0.prefix(2)) + "4" + String($0.suffix(1)) },
                                                startDay: 1)
        let afterDue = ISODate(year: 2027, month: 1, day: 15)!
        let effect = CoachingEffect.of(plan, standard: CoachingPlannerTests.standard, before: before, after: after, today: afterDue)
        let hold = try #require(effect.items.first { $0.criterionID == "HOLD" })
        #expect(hold.before.misses == 2 && hold.before.assessed == 4 && hold.after.misses == 0 && hold.after.assessed == 6)
        #expect(hold.difference == -50 && abs(hold.pValue - 6.0 / 45) < 1e-12 && hold.targetMet == true)
        let respect = try #require(effect.items.first { $0.criterionID == "RESPECT" })
        #expect(respect.before.misses == 1 && respect.after.misses == 2 && respect.after.assessed == 6)
        #expect(abs((respect.difference ?? 0) - (100.0 * 2 / 6 - 25)) < 1e-9 && abs(respect.pValue - 1) < 1e-12 && respect.targetMet == false)

        let short = CoachingEffect.of(plan, standard: CoachingPlannerTests.standard, before: before, after: Array(after.prefix(3)), today: afterDue)
        #expect(short.items.allSatisfy { $0.targetMet == nil && !$0.enoughFollowUps }, "3 follow-up audits of the 5 asked for")
        let early = CoachingEffect.of(plan, standard: CoachingPlannerTests.standard, before: before, after: after, today: ISODate(year: 2026, month: 12, day: 20)!)
        #expect(!early.dueReached && early.items.allSatisfy { $0.targetMet == nil }, "targets are judged after the due date")
        // The target speaks of the first 5 since the plan: RESPECT's misses are in the 2nd and 4th, so 3 of 5 met.
        #expect(effect.items.first { $0.criterionID == "RESPECT" }?.isLikelyReal == false)
    }
}
