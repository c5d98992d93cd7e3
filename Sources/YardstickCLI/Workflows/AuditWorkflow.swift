import Foundation
import YardstickCore
import YardstickStore

/// Filling, submitting from files and explaining audits.
enum AuditWorkflow {
    static func auditID(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError("'\(text)' is not an audit number") }
        return id
    }

    /// The stored audit `id`, or an error that says how to find the right number.
    static func stored(_ id: Int64, in store: Store) throws -> StoredAudit {
        guard let audit = try store.audits.audit(id: id) else { throw InputError("no audit \(id); see 'yardstick audit list'") }
        return audit
    }

    /// The agent and location must be known before anything is stored about them.
    static func checkAudited(agentID: String?, locationID: String?, store: Store) throws {
        if let agentID, try store.agents.agent(id: agentID) == nil {
            throw InputError("no agent '\(agentID)'; add it with 'yardstick agents add' or import a roster")
        }
        if let locationID, try store.database.queryFirst("SELECT 1 FROM location WHERE id = ?", locationID) == nil {
            throw InputError("no location '\(locationID)'; locations come from the roster's location column")
        }
    }

    /// Runs the interactive fill of draft `id`, saving after every answer, and submits when asked.
    static func fill(id: Int64, session: FormSession, definitions: AuditDefinitions, store: Store, context: CommandContext) throws {
        let evidence = EvidenceStore(databasePath: context.databasePath)
        let fill = InteractiveFill(session: session, console: context.console, save: {
            var occurredOn: ISODate?
            if case let .text(text)? = session.answers["occurred_on"] { occurredOn = ISODate(text) }
            try store.audits.saveDraft(id: id, answers: definitions.encode(session.answers), comments: session.comments,
                                       position: session.position, occurredOn: occurredOn, at: context.now)
        }, attach: { path in
            let item = try EvidenceStore.read(path)
            try evidence.attach([item], to: id, actor: context.actor, store: store, at: context.now)
            return "attached \(item.fileName) (\(item.bytes.count) bytes, sha256 \(item.sha256.prefix(12)))"
        })
        switch try fill.run() {
        case .submit:
            let (score, status) = try AuditSubmission.submitDraft(id: id, answers: session.answers, comments: session.comments,
                                                                  definitions: definitions, store: store, context: context)
            let value = score.score.map { formatNumber($0) } ?? "N/A"
            context.console.print("Submitted audit #\(id): score \(value), band \(score.band ?? "—"), outcome \(score.outcome.rawValue)"
                + (status == .submitted ? "; waiting for review before it counts." : "."))
        case .keepDraft:
            context.console.print("Kept as draft #\(id); continue with 'yardstick audit resume \(id)'.")
        case .endOfInput:
            context.console.print("")
            context.console.error("yardstick: input ended; everything answered so far is saved in draft #\(id). Continue with 'yardstick audit resume \(id)'.")
        }
    }

    /// Reads a JSON answers file, checks it like an import row and stores the audit as submitted.
    static func submitAnswersFile(_ path: String, definitions: AuditDefinitions, agentID: String?, locationID: String?, auditor: String,
                                  attachments: [EvidenceStore.Evidence], store: Store, context: CommandContext) throws -> Int64 {
        let bytes = try FileInput.read(path, limit: 4 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw InputError("\(path): expected one JSON object whose keys are field and question ids")
        }
        var cells: [String: String]
        switch JSONCells.cells(object) {
        case let .success(found): cells = found
        case let .failure(problem): throw InputError("\(path): \(problem.message)")
        }
        if let agentID { cells["agent"] = agentID }
        if let locationID { cells["location"] = locationID }
        let reader = AuditRowReader(engine: definitions.engine)
        let unknown = reader.headerProblems(Array(cells.keys).sorted() + (cells["agent"] == nil ? ["agent"] : []))
            .filter { $0.message.hasPrefix("unknown column") }
        var problems = unknown
        var parsed: (AuditRow, FormEngine.Evaluation)?
        switch try reader.read(cells, defaultAuditor: auditor) {
        case let .valid(row, evaluation): parsed = (row, evaluation)
        case let .invalid(rowProblems): problems += rowProblems
        }
        guard problems.isEmpty, let (row, evaluation) = parsed else {
            for problem in problems { context.console.error("\(path): error: '\(problem.fieldID)': \(problem.message)") }
            context.console.reportError("nothing was stored: \(counted(problems.count, "problem")) in \(path)")
            throw ReportedFailure()
        }
        let score = evaluation.score, outcomes = evaluation.outcomes
        let status = try AuditSubmission.submittedStatus(definitions, store: store)
        let evidence = EvidenceStore(databasePath: context.databasePath)
        return try store.database.transaction {
            if let externalID = row.externalID, let existing = try store.audits.id(externalID: externalID) {
                throw InputError("an audit with external_id '\(externalID)' is already stored as #\(existing)")
            }
            let id = try AuditBatchWriter(database: store.database).insert(
                row, formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID,
                answers: definitions.encode(row.answers), results: definitions.encodeResults(outcomes),
                score: score, status: status, at: context.now)
            try store.journal.append(at: context.now, actor: auditor, subject: "audit", subjectID: String(id), action: "submitted",
                                     reason: "from \(path)", detail: AuditSubmission.detail(score, definitions))
            if status.counts, let agent = row.agentID {
                var aggregates = AggregateAccumulator()
                aggregates.add(agentID: agent, month: row.occurredOn.monthKey, standard: definitions.standard, slots: definitions.slots,
                               score: score, outcomes: outcomes)
                try aggregates.flush(into: store.database)
            }
            try evidence.attach(attachments, to: id, actor: auditor, store: store, at: context.now)
            return id
        }
    }

    /// "greeting_wait 15 → 40; score 100 → 91.4" from an amendment's or rescoring's journal detail.
    static func changeSummary(_ detail: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any] else { return "" }
        var parts: [String] = []
        for change in object["changes"] as? [[String: Any]] ?? [] {
            let name = (change["field"] as? String) ?? (change["comment"] as? String).map { "comment \($0)" } ?? "?"
            parts.append("\(name) \(change["old"] as? String ?? "—") → \(change["new"] as? String ?? "—")")
        }
        if let old = object["old_score"] as? Double, let new = object["new_score"] as? Double, object["changes"] != nil || object["new_standard_version"] != nil {
            parts.append("score \(formatNumber(old)) → \(formatNumber(new))")
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// Everything `audit show` prints, re-scored from the stored answers against the stored versions.
    static func report(id: Int64, store: Store) throws -> AuditReport {
        let audit = try stored(id, in: store)
        let definitions = try AuditDefinitions.of(audit, store: store)
        let answers = try definitions.decode(audit)
        let score = try definitions.engine.score(answers)
        let agentName = try audit.agentID.flatMap { try store.agents.agent(id: $0)?.name }
        let attachments = try store.database.query("SELECT file_name, sha256, byte_count FROM attachment WHERE audit_id = ? ORDER BY id", id)
            .map { (name: $0.string(0), sha256: $0.string(1), bytes: $0.int(2)) }
        let header = AuditReport.Header(
            id: audit.id, externalID: audit.externalID, formID: definitions.form.id, formVersion: definitions.formVersion.versionLabel,
            formSHA: definitions.formVersion.sha256, standardID: definitions.standard.id, standardVersion: definitions.standardVersion.versionLabel,
            standardSHA: definitions.standardVersion.sha256, agentID: audit.agentID, agentName: agentName, locationID: audit.locationID,
            auditor: audit.auditor, occurredOn: audit.occurredOn.isEmpty ? "—" : audit.occurredOn, status: audit.status.rawValue,
            attachments: attachments)
        var history = try store.journal.entries(subject: "audit", subjectID: String(id)).map {
            AuditReport.HistoryLine(at: $0.at, actor: $0.actor, action: $0.action + changeSummary($0.detail), reason: $0.reason)
        }
        let imported = try store.database.queryFirst(
            """
            SELECT at, actor, reason FROM journal WHERE subject = 'audit' AND subject_id = 'import'
              AND json_extract(detail, '$.first_id') <= ?1 AND json_extract(detail, '$.last_id') >= ?1 ORDER BY id LIMIT 1
            """, id)
        if let imported {
            history.insert(AuditReport.HistoryLine(at: imported.string(0), actor: imported.string(1), action: "imported", reason: imported.text(2)), at: 0)
        } else {
            history.insert(AuditReport.HistoryLine(at: audit.createdAt, actor: audit.auditor, action: audit.status == .draft ? "draft started" : "created", reason: nil), at: 0)
        }
        return AuditReport(header: header, form: definitions.form, standard: definitions.standard, answers: answers, comments: audit.comments,
                           score: score, history: history)
    }
}
