/// Coaching plans as a printable, self-contained HTML page for coaching sessions: one page per plan,
/// the evidence quoted, the training listed, and room for notes and signatures.
public enum CoachingHTML {
    public static func page(_ views: [CoachingPlanView], title: String) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(htmlEscaped(title))</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 2rem auto; max-width: 60rem; padding: 0 1.5rem; }
        section.plan { page-break-after: always; break-after: page; margin-bottom: 3rem; }
        section.plan:last-child { page-break-after: auto; break-after: auto; }
        h1 { font-size: 1.5rem; margin: 0 0 .2rem; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
        .meta { color: #5b6475; margin: 0 0 1rem; }
        .item { border: 1px solid #dfe3ea; border-radius: .5rem; padding: .8rem 1rem; margin: .8rem 0; break-inside: avoid; }
        .item h2 { margin: 0 0 .4rem; } .tag { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; margin-right: .3rem; }
        .critical { background: #fde8e8; color: #a22c2c; } .workshop { background: #e7efff; color: #2446a3; } .individual { background: #eef1f5; color: #485164; }
        .done { background: #e3f4e8; color: #1f6b37; }
        .rates { font-variant-numeric: tabular-nums; } blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .6rem; border-left: 3px solid #dfe3ea; color: #3b4352; }
        ul { margin: .3rem 0; padding-left: 1.2rem; } .target { font-weight: 600; }
        .notes { border: 1px dashed #b9c0cc; border-radius: .4rem; height: 6rem; margin-top: .6rem; padding: .4rem; color: #7b8494; font-size: .85rem; }
        .sign { display: flex; gap: 2rem; margin-top: 2rem; } .sign div { flex: 1; border-top: 1px solid #1d2330; padding-top: .3rem; font-size: .85rem; color: #5b6475; }
        @media print { body { margin: 0; max-width: none; font-size: 11px; } }
        </style>
        </head>
        <body>

        """
        for view in views { html += section(view) }
        return html + "</body>\n</html>\n"
    }

    static func section(_ view: CoachingPlanView) -> String {
        let plan = view.plan
        var html = "<section class=\"plan\">\n<h1>Coaching plan — \(htmlEscaped(view.title))</h1>\n<p class=\"meta\">\(htmlEscaped(view.facts))</p>\n"
        if plan.items.isEmpty {
            html += "<p>No plan items: " + (plan.subject == .team ? "no weakness is shared widely enough in the team for a workshop."
                : (plan.notEnoughEvidence.isEmpty ? "no criterion with enough evidence is below its target." : "not enough evidence yet (below).")) + "</p>\n"
        }
        for item in plan.items {
            html += "<div class=\"item\">\n<h2>\(item.ordinal). \(htmlEscaped(item.criterionID)) — \(htmlEscaped(item.title))</h2>\n"
            if item.kind == .seeWorkshop {
                html += "<p>Covered by the team workshop\(view.workshopPlanID.map { " in plan #\($0)" } ?? ""): failure rate \(percent(item.failureRate)) over \(item.assessed) assessments (team \(item.teamRate.map(percent) ?? "—")).</p>\n</div>\n"
                continue
            }
            html += "<p>"
            if item.critical { html += "<span class=\"tag critical\">critical</span>" }
            html += item.kind == .workshop ? "<span class=\"tag workshop\">team workshop</span>" : "<span class=\"tag individual\">individual</span>"
            if let done = view.done[item.ordinal] { html += "<span class=\"tag done\">done \(htmlEscaped(done.at.prefix(10).description))</span>" }
            html += " \(htmlEscaped(item.categoryTitle)) · weight \(formatNumber(item.weight, decimals: 2)) · priority \(formatFixed(item.priority, 2))</p>\n"
            if item.kind == .workshop { html += "<p>For: \(htmlEscaped(item.agents.joined(separator: ", ")))</p>\n" }
            html += "<p class=\"rates\">Failure rate <b>\(percent(item.failureRate))</b> over \(item.assessed) assessments (below target in \(item.failures)); team \(item.teamRate.map(percent) ?? "—").</p>\n"
            html += "<p>Evidence\(item.evidence.count < item.failures ? " (the \(item.evidence.count) most recent of \(item.failures))" : ""):</p>\n<ul>\n"
            for entry in item.evidence {
                html += "<li>Audit \(entry.auditID), \(htmlEscaped(entry.occurredOn))\(item.kind == .workshop ? ", \(htmlEscaped(entry.agentID))" : ""), \(htmlEscaped(entry.auditor)): \(htmlEscaped(entry.answer))"
                if let comment = entry.comment { html += "<blockquote>\(htmlEscaped(comment))</blockquote>" }
                html += "</li>\n"
            }
            html += "</ul>\n<p>Training:</p>\n<ul>\n"
            for module in item.training {
                html += "<li>\(htmlEscaped(module.id)) \(htmlEscaped(module.title))\(module.minutes > 0 ? " (\(htmlEscaped(module.format)), \(module.minutes) min)" : "")</li>\n"
            }
            if item.training.isEmpty { html += "<li>none linked in the standard</li>\n" }
            html += "</ul>\n<p class=\"target\">Target: \(htmlEscaped(item.target))</p>\n"
            html += "<p>Due \(htmlEscaped(plan.dueOn)); schedule \(item.followUpAudits) follow-up audits\(item.followUpForm.isEmpty ? "" : " (\(htmlEscaped(item.followUpForm)))").</p>\n"
            if let done = view.done[item.ordinal] {
                html += "<p>Done \(htmlEscaped(done.at)) by \(htmlEscaped(done.by))\(done.note.map { ": " + htmlEscaped($0) } ?? "")</p>\n"
            }
            html += "<div class=\"notes\">Notes from the session</div>\n</div>\n"
        }
        if !plan.notEnoughEvidence.isEmpty {
            html += "<h2>Not enough evidence yet</h2>\n<ul>\n" + plan.notEnoughEvidence.map { "<li>\(htmlEscaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        html += "<div class=\"sign\"><div>\(plan.subject == .team ? "Team lead" : "Agent")</div><div>Trainer</div><div>Date</div></div>\n</section>\n"
        return html
    }
}
