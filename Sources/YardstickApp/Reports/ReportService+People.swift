import YardstickCore
import YardstickStore

extension ReportService {
    /// `report auditors`: volume, mean given and returned reports from the audits' columns, and the
    /// leniency estimate over the counted audits of agents.
    func auditors(_ request: ReportRequest, window: ReportWindow, standard: ReportStandard) throws -> ReportDocument {
        let returned = try store.reports.returnedAudits(from: window.from, to: window.to)
        var activity: [String: AuditorActivity] = [:]
        var observations: [AuditorLeniency.Observation] = []
        try store.reports.forEachAudit(standardID: standard.id, from: window.from, to: window.to, withResults: false) { audit in
            guard request.includes(team: audit.teamID, location: audit.locationID, agent: audit.agentID, form: audit.formID) else { return }
            var entry = activity[audit.auditor] ?? AuditorActivity(auditor: audit.auditor)
            entry.submitted += 1
            if returned.contains(audit.id) { entry.returned += 1 }
            if audit.counts, let score = audit.score {
                entry.counted += 1
                entry.scoreSum += score
                if let agent = audit.agentID {
                    observations.append(AuditorLeniency.Observation(auditor: audit.auditor, agentID: agent, formID: audit.formID, month: audit.month, score: score))
                }
            }
            activity[audit.auditor] = entry
        }
        return AuditorReport.build(standard: standard, window: window, scope: request.scopeDescription, activity: Array(activity.values),
                                   leniency: AuditorLeniency.estimate(observations))
    }

    /// `report agent A`: the agent's figures against the period before and against their team now,
    /// their audits with the points they lost, open coaching items and disputes.
    func agent(_ request: ReportRequest, window: ReportWindow, standard: ReportStandard) throws -> ReportDocument {
        guard let agentID = request.agent, let agent = try store.agents.agent(id: agentID) else {
            throw InputError("report agent needs an agent id; see 'yardstick agents list'")
        }
        // The agent's audits grouped by the team each counted for: a transfer does not change whom they are compared with.
        let own = ReportRequest(kind: .agent, agent: agentID, location: request.location, form: request.form)
        var mine = GroupedFigures(dimension: .team, buckets: [window.previous, window])
        try collect(into: &mine, request: own, standard: standard, requireGroup: false)
        var teams = mine.figures[1].filter { !$0.value.isEmpty }.map(\.key).filter { !$0.isEmpty }.sorted()
        if teams.isEmpty { teams = [agent.teamID] }
        var team = GroupedFigures(dimension: .team, buckets: [window.previous, window])
        try collect(into: &team, request: ReportRequest(kind: .team, location: request.location, form: request.form), standard: standard,
                    requireGroup: true)
        var teamNow = ReportFigures()
        for id in teams { teamNow += team.figures(1, id) }
        var lines: [AgentAuditLine] = []
        var decoded: [String: AuditDefinitions] = [:]
        var ids: [Int64] = []
        try store.reports.forEachAudit(standardID: standard.id, from: window.from, to: window.to, withResults: false, agentID: agentID) { audit in
            if audit.agentID == agentID, audit.counts, request.includes(team: nil, location: audit.locationID, agent: agentID, form: audit.formID) {
                ids.append(audit.id)
            }
        }
        for id in ids {
            guard let stored = try store.audits.audit(id: id) else { continue }
            let key = "\(stored.formVersionID):\(stored.standardVersionID)"
            let definitions = try decoded[key] ?? context.definitions.of(stored)
            decoded[key] = definitions
            lines.append(AgentAuditLine(id: id, occurredOn: stored.occurredOn, formID: definitions.form.id, auditor: stored.auditor, score: stored.score,
                                        band: stored.band, criticalFail: stored.criticalFail, reasons: try reasons(stored, definitions)))
        }
        let names = try store.reports.teamNames()
        let teamIDs = teams.joined(separator: ", ")
        let teamLabel = teams.map { id in names[id].map { name in name == id ? id : "\(id) \(name)" } ?? id }.joined(separator: ", ")
        var coaching: [String] = []
        for stored in try store.coaching.plans(subject: .agent, subjectID: agentID, status: .open) {
            for item in stored.plan.items where stored.done[item.ordinal] == nil {
                coaching.append("plan \(stored.id) · \(item.criterionID) \(item.title) — \(item.target) · due \(stored.plan.dueOn)")
            }
        }
        return AgentReport.build(AgentReportInput(
            agentID: agentID, agentName: agent.name, teamID: teamIDs, teamName: teamLabel, standard: standard,
            window: window, previous: window.previous, agentNow: mine.total(1), agentBefore: mine.total(0),
            teamNow: teamNow, audits: lines, openCoaching: coaching, disputes: try store.reports.disputes(agentID: agentID)))
    }

    /// "HOLD-60S not met — “held twice”", for every criterion of the audit that lost points.
    private func reasons(_ audit: StoredAudit, _ definitions: AuditDefinitions) throws -> [String] {
        guard let outcomes = try definitions.decodeResults(audit) else { return [] }
        let score = ScoreCalculator(standard: definitions.standard).score(outcomes)
        let commentField = Dictionary(definitions.form.questions.compactMap { field in field.criterionID.map { ($0, field.id) } },
                                      uniquingKeysWith: { first, _ in first })
        return score.criteria.compactMap { result -> String? in
            guard result.notApplicable == nil, result.earned < result.possible else { return nil }
            let scale = definitions.standard.criterion(result.criterionID)?.scale ?? .yesNo
            var text = "\(result.criterionID) \(result.resultText(scale: scale))"
            if let comment = commentField[result.criterionID].flatMap({ audit.comments[$0] }), !comment.isEmpty { text += " — “\(comment)”" }
            return text
        }
    }
}
