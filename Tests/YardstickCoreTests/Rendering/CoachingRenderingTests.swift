import Testing
@testable import YardstickCore
import YardstickTestSupport

/// The coaching plans of the hand-computed scenario, rendered: pinned by goldens.
struct CoachingRenderingTests {
    static func views() -> [CoachingPlanView] {
        let team = CoachingPlannerTests.observations.filter { $0.teamID == "T1" }
        let result = CoachingPlannerTests.planner().plans(forTeam: "T1", agents: CoachingPlannerTests.agentsT1, team: team)
        let teamView = CoachingPlanView(plan: result.team, id: 1, status: "open")
        let agentView = CoachingPlanView(plan: result.agents[0], id: 2, status: "open",
                                         done: [1: .init(at: "2026-12-04T10:00:00Z", by: "trainer", note: "Role-played\ntwo difficult calls")], workshopPlanID: 1)
        return [teamView, agentView, CoachingPlanView(plan: result.agents[3])]
    }

    @Test func markdownMatchesItsGolden() throws {
        let text = CoachingMarkdown.render(Self.views())
        #expect(text.contains("- Done 2026-12-04T10:00:00Z by trainer: Role-played two difficult calls"), "a note stays on its line")
        try Golden.check(text, named: "coaching.md")
    }

    @Test func htmlIsSelfContainedWithRoomForNotesAndMatchesItsGolden() throws {
        let page = CoachingHTML.page(Self.views(), title: "Coaching plans — T1")
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"))
        #expect(page.components(separatedBy: "<section class=\"plan\">").count == 4, "one page per plan")
        #expect(page.contains("Notes from the session") && page.contains("Trainer"))
        try Golden.check(page, named: "coaching.html")
    }
}
