import YardstickCore
import YardstickStore

/// Everything `audit show` explains: the stored score and results criterion by criterion, any
/// difference from re-evaluating the stored answers, the exact versions, evidence and history.
extension AuditService {
    /// The audit with `reference` as its number or external id.
    public func resolve(_ reference: String) throws -> Int64 {
        if let number = Int64(reference), number > 0 { return number }
        guard let id = try store.audits.id(externalID: reference) else {
            throw InputError("no audit '\(reference)'; give its number or external id (see 'yardstick audit list')")
        }
        return id
    }

    public func explain(_ id: Int64) throws -> AuditReport {
        let audit = try stored(id)
        if let session = audit.calibrationSessionID, try store.calibration.session(id: session)?.isOpen != false {
            // Blind calibration: nobody sees an auditor's answers before the session is closed.
            throw InputError("audit \(id) belongs to calibration session \(session), which is still open: answers are shown after 'yardstick calibration close \(session)'")
        }
        let definitions = try context.definitions.of(audit)
        let answers = try definitions.decode(audit)
        let reEvaluated: AuditScore
        do {
            reEvaluated = try definitions.engine.evaluate(answers, comments: audit.comments).score
        } catch {
            throw InputError("audit \(id): \(error)")
        }
        var score = reEvaluated
        var differences: [String] = []
        if let storedOutcomes = try definitions.decodeResults(audit) {
            score = ScoreCalculator(standard: definitions.standard).score(storedOutcomes)
            differences = Self.differences(stored: audit, storedScore: score, reEvaluated: reEvaluated, standard: definitions.standard)
            score.score = audit.score
            score.band = audit.band
            score.criticalFail = audit.criticalFail
        }
        let agentName = try audit.agentID.flatMap { try store.agents.agent(id: $0)?.name }
        let attachments = try store.attachments.list(auditID: id).map { (name: $0.fileName, sha256: $0.sha256, bytes: $0.byteCount) }
        let header = AuditReport.Header(
            id: audit.id, externalID: audit.externalID, formID: definitions.form.id, formVersion: definitions.formVersion.versionLabel,
            formSHA: definitions.formVersion.sha256, standardID: definitions.standard.id, standardVersion: definitions.standardVersion.versionLabel,
            standardSHA: definitions.standardVersion.sha256, agentID: audit.agentID, agentName: agentName, locationID: audit.locationID,
            auditor: audit.auditor, occurredOn: audit.occurredOn.isEmpty ? "—" : audit.occurredOn, status: audit.status.rawValue,
            attachments: attachments)
        var report = AuditReport(header: header, form: definitions.form, standard: definitions.standard, answers: answers,
                                 comments: audit.comments, score: score, history: try history(of: audit), differences: differences)
        report.flags = audit.flags
        if audit.status == .draft, let shown = try? definitions.engine.visibility(answers).shownFields {
            report.unanswered = Set(definitions.form.questions.compactMap { field in
                shown.contains(field.id) && answers[field.id] == nil ? field.criterionID : nil
            })
        }
        return report
    }

    static func differences(stored audit: StoredAudit, storedScore: AuditScore, reEvaluated: AuditScore, standard: Standard) -> [String] {
        var found: [String] = []
        func show(_ value: Double?) -> String { value.map { formatNumber($0, decimals: 4) } ?? "N/A" }
        let sameScore: Bool
        switch (audit.score, reEvaluated.score) {
        case (nil, nil): sameScore = true
        case let (stored?, computed?): sameScore = abs(stored - computed) <= 1e-9 * max(1, abs(computed))
        default: sameScore = false
        }
        if !sameScore { found.append("score: stored \(show(audit.score)), re-evaluation \(show(reEvaluated.score))") }
        if audit.band != reEvaluated.band { found.append("band: stored \(audit.band ?? "—"), re-evaluation \(reEvaluated.band ?? "—")") }
        if audit.criticalFail != reEvaluated.criticalFail || audit.outcome != reEvaluated.outcome.rawValue {
            found.append("outcome: stored \(audit.outcome ?? "—")\(audit.criticalFail ? " (critical failure)" : ""), re-evaluation \(reEvaluated.outcome.rawValue)\(reEvaluated.criticalFail ? " (critical failure)" : "")")
        }
        let computed = Dictionary(reEvaluated.criteria.map { ($0.criterionID, $0) }, uniquingKeysWith: { first, _ in first })
        for result in storedScore.criteria where computed[result.criterionID]?.outcome != result.outcome {
            let scale = standard.criterion(result.criterionID)?.scale ?? .yesNo
            found.append("\(result.criterionID): stored \(result.resultText(scale: scale)), re-evaluation \(computed[result.criterionID]?.resultText(scale: scale) ?? "not assessed")")
        }
        return found
    }

    /// The audit's history, oldest first: how it was created or imported, then every change.
    func history(of audit: StoredAudit) throws -> [AuditReport.HistoryLine] {
        var lines: [AuditReport.HistoryLine] = []
        if let batch = try store.journal.batch(containing: audit.id), case let .auditsImported(imported)? = try? batch.event() {
            lines.append(AuditReport.HistoryLine(at: batch.at, actor: batch.actor, action: "imported", reason: batch.reason ?? imported.source))
            // A row whose answers raised a consistency flag was held for review, even in a batch released at once.
            if imported.released && audit.releasedAt == batch.at {
                lines.append(AuditReport.HistoryLine(at: batch.at, actor: batch.actor, action: "released", reason: "no review required"))
            } else if imported.released {
                lines.append(AuditReport.HistoryLine(at: batch.at, actor: batch.actor, action: "held for review", reason: "its answers raised a consistency flag"))
            }
        } else {
            lines.append(AuditReport.HistoryLine(at: audit.createdAt, actor: audit.auditor, action: audit.status == .draft ? "draft started" : "created", reason: nil))
        }
        for record in try store.journal.records(auditID: audit.id) {
            let action = record.format == 2 ? ((try? record.event().historyText) ?? record.action) : record.action
            lines.append(AuditReport.HistoryLine(at: record.at, actor: record.actor, action: action, reason: record.reason))
        }
        return lines
    }
}
