/// A plan as it is shown: the plan and, once saved, its number, status and what is done.
public struct CoachingPlanView: Sendable, Hashable {
    public struct Done: Sendable, Hashable {
        public var at: String
        public var by: String
        public var note: String?

        public init(at: String, by: String, note: String?) {
            self.at = at
            self.by = by
            self.note = note
        }
    }

    public var plan: CoachingPlan
    public var id: Int64?
    public var status: String?
    public var cancelReason: String?
    public var done: [Int: Done]
    public var workshopPlanID: Int64?

    public init(plan: CoachingPlan, id: Int64? = nil, status: String? = nil, cancelReason: String? = nil, done: [Int: Done] = [:], workshopPlanID: Int64? = nil) {
        self.plan = plan
        self.id = id
        self.status = status
        self.cancelReason = cancelReason
        self.done = done
        self.workshopPlanID = workshopPlanID
    }

    var title: String {
        plan.subject == .team ? "Team \(plan.subjectID)" : "Agent \(plan.subjectID) \(plan.subjectName) (team \(plan.teamID))"
    }

    var facts: String {
        var parts = ["Standard: \(plan.standardTitle)", "window \(plan.from) – \(plan.to) (\(plan.audits == 1 ? "1 audit" : "\(plan.audits) audits"))",
                     "made \(plan.createdOn)", "due \(plan.dueOn)"]
        if let id { parts.append("plan #\(id)") }
        if let status { parts.append(status + (cancelReason.map { ": \($0)" } ?? "")) }
        return parts.joined(separator: " · ")
    }
}

/// Percentages as plans show them: whole numbers below 10 % get one decimal.
func percent(_ rate: Double) -> String {
    let value = rate * 100
    return (value < 10 && value > 0 ? formatFixed(value, 1) : formatFixed(value, 0)) + " %"
}

/// Coaching plans as Markdown: readable in a terminal, pasted into a wiki as it is.
public enum CoachingMarkdown {
    public static func render(_ views: [CoachingPlanView]) -> String {
        views.map(render).joined(separator: "\n")
    }

    public static func render(_ view: CoachingPlanView) -> String {
        let plan = view.plan
        var out = "# Coaching plan — \(view.title)\n\n\(view.facts)\n"
        if plan.items.isEmpty {
            out += "\nNo plan items: " + (plan.subject == .team ? "no weakness is shared widely enough in the team for a workshop.\n"
                : (plan.notEnoughEvidence.isEmpty ? "no criterion with enough evidence is below its target.\n" : "not enough evidence yet (below).\n"))
        }
        for item in plan.items {
            out += "\n## \(item.ordinal). \(item.criterionID) — \(item.title)\n\n"
            if item.kind == .seeWorkshop {
                out += "Covered by the team workshop" + (view.workshopPlanID.map { " in plan #\($0)" } ?? " in the team's plan")
                    + ": \(percent(item.failureRate)) failure rate over \(item.assessed) assessments (team \(item.teamRate.map(percent) ?? "—")).\n"
                continue
            }
            let kind = item.kind == .workshop ? "Team workshop for \(item.agents.joined(separator: ", "))" : "Individual"
            out += "- \(kind) · \(item.categoryTitle)\(item.critical ? " · **critical**" : "") · weight \(formatNumber(item.weight, decimals: 2)) · priority \(formatFixed(item.priority, 2))\n"
            out += "- Failure rate \(percent(item.failureRate)) over \(item.assessed) assessments (below target in \(item.failures)); team \(item.teamRate.map(percent) ?? "—")\n"
            out += "- Evidence" + (item.evidence.count < item.failures ? " (the \(item.evidence.count) most recent of \(item.failures))" : "") + ":\n"
            for entry in item.evidence {
                out += "  - audit \(entry.auditID), \(entry.occurredOn)\(item.kind == .workshop ? ", \(entry.agentID)" : ""), \(entry.auditor): \(entry.answer)"
                    + (entry.comment.map { " — “\(oneLine($0))”" } ?? "") + "\n"
            }
            let training = item.training.map { module in
                module.minutes > 0 ? "\(module.id) \(module.title) (\(module.format), \(module.minutes) min)" : "\(module.id) \(module.title)"
            }
            out += "- Training: \(training.isEmpty ? "none linked in the standard" : training.joined(separator: "; "))\n"
            out += "- Target: \(item.target)\n"
            out += "- Due \(plan.dueOn); schedule \(item.followUpAudits) follow-up \(item.followUpAudits == 1 ? "audit" : "audits")\(item.followUpForm.isEmpty ? "" : " (\(item.followUpForm))")\n"
            if let done = view.done[item.ordinal] {
                out += "- Done \(done.at) by \(done.by)" + (done.note.map { ": \(oneLine($0))" } ?? "") + "\n"
            }
        }
        if !plan.notEnoughEvidence.isEmpty {
            out += "\n## Not enough evidence yet\n\n" + plan.notEnoughEvidence.map { "- \($0)\n" }.joined()
        }
        return out
    }
}

/// A comment on one line: line breaks become spaces, so a quoted comment cannot break the list.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
}
