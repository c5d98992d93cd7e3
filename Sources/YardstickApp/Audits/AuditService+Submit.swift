import Foundation
import YardstickCore
import YardstickStore

/// Drafts and submissions: every submit path ends in the change primitive, so each records the same history.
extension AuditService {
    /// The agent and location must be known before anything is stored about them.
    public func checkAudited(agentID: String?, locationID: String?) throws {
        if let agentID, try store.agents.agent(id: agentID) == nil {
            throw InputError("no agent '\(agentID)'; add it with 'yardstick agents add' or import a roster")
        }
        if let locationID, try !store.audits.locationExists(locationID) {
            throw InputError("no location '\(locationID)'; locations come from the roster's location column")
        }
    }

    /// Starts a draft of the current version of `formID`, with its evidence; returns its id.
    /// - Parameter auditor: who audits (the audit's auditor); the history records the context's actor.
    /// - Parameter calibrationSessionID: for a calibration audit, its session (checked by `CalibrationService`).
    public func createDraft(_ definitions: AuditDefinitions, agentID: String?, locationID: String?, auditor: String,
                            evidence: [Evidence] = [], evidenceStore: EvidenceStore, calibrationSessionID: Int64? = nil) throws -> Int64 {
        try checkAudited(agentID: agentID, locationID: locationID)
        let id = try store.database.transaction {
            let id = try store.audits.createDraft(
                formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID,
                agentID: agentID, locationID: locationID, auditor: auditor, answers: definitions.encode([:]),
                calibrationSessionID: calibrationSessionID, at: context.now)
            try evidenceStore.record(evidence, auditID: id, context: context)
            return id
        }
        try evidenceStore.write(evidence)
        return id
    }

    /// Saves the draft's answers as they stand; `changedMeanwhile` when it is no longer a draft.
    public func saveDraft(_ id: Int64, session: FormSession, definitions: AuditDefinitions) throws {
        var occurredOn: ISODate?
        if case let .text(text)? = session.answers["occurred_on"] { occurredOn = ISODate(text) }
        try store.audits.saveDraft(id: id, answers: definitions.encode(session.answers), comments: session.comments,
                                   position: session.position, occurredOn: occurredOn, at: context.now)
    }

    /// Attaches evidence to an audit: the record in one transaction, the file written after it commits.
    public func attach(_ evidence: Evidence, to id: Int64, evidenceStore: EvidenceStore) throws {
        try store.database.transaction { try evidenceStore.record([evidence], auditID: id, context: context) }
        try evidenceStore.write([evidence])
    }

    /// Submits draft `id` as it is stored (complete, or an error listing every problem).
    @discardableResult
    public func submitDraft(_ id: Int64, expectedRevision: Int64? = nil) throws -> Outcome {
        try change(id, .submit, expectedRevision: expectedRevision)
    }

    /// Deletes a draft (never a submitted audit).
    public func deleteDraft(_ id: Int64) throws {
        guard try store.audits.deleteDraft(id: id) else {
            let audit = try stored(id)
            throw InputError("audit \(id) is \(audit.status.rawValue); only drafts can be deleted (amend a submitted audit instead)")
        }
    }

    /// Reads a JSON answers file, checks it like an import row and stores the audit as submitted, in
    /// one transaction: a draft is created and submitted through the change primitive.
    /// - Parameter auditor: the auditor when the file names none.
    public func submitAnswersFile(_ path: String, definitions: AuditDefinitions, agentID: String?, locationID: String?, auditor: String,
                                  evidence: [Evidence], evidenceStore: EvidenceStore, reporter: ProblemReporter,
                                  calibrationSessionID: Int64? = nil) throws -> Int64? {
        // A calibration participant submits as themselves, whatever the file says.
        let requiredAuditor = calibrationSessionID == nil ? nil : auditor
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
        var problems = reader.headerProblems(cells.keys.sorted(), requiringEssentialColumns: false)
        var parsed: AuditRow?
        do {
            switch try reader.read(cells, defaultAuditor: auditor) {
            case let .valid(row, _): parsed = row
            case let .invalid(rowProblems): problems += rowProblems
            }
        } catch {
            problems.append(FieldProblem(fieldID: "answers", "\(error)"))
        }
        guard problems.isEmpty, let row = parsed else {
            for problem in problems {
                reporter.report(.error(path, SourceLocation(line: 1, column: 1), "'\(problem.fieldID)': \(problem.message)"))
            }
            return nil
        }
        try checkAudited(agentID: row.agentID, locationID: row.locationID)
        if let requiredAuditor, row.auditor != requiredAuditor {
            throw InputError("\(path) names auditor '\(row.auditor)', but the answers are submitted as \(requiredAuditor); remove the auditor key or join as that auditor")
        }
        let id = try store.database.transaction {
            if let externalID = row.externalID, let existing = try store.audits.id(externalID: externalID) {
                throw InputError("an audit with external_id '\(externalID)' is already stored as #\(existing); change it with 'yardstick audit amend \(existing)'")
            }
            let id = try store.audits.createDraft(
                formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID,
                agentID: row.agentID, locationID: row.locationID, auditor: row.auditor, answers: definitions.encode(row.answers),
                calibrationSessionID: calibrationSessionID, at: context.now)
            try store.audits.saveDraft(id: id, answers: definitions.encode(row.answers), comments: row.comments, position: 0,
                                       occurredOn: row.occurredOn, at: context.now)
            if let externalID = row.externalID { try store.audits.setExternalID(externalID, of: id) }
            try evidenceStore.record(evidence, auditID: id, context: context)
            try change(id, .submit, reason: "from \(path)")
            return id
        }
        try evidenceStore.write(evidence)
        return id
    }
}

/// Review decisions, amendments and rescoring.
extension AuditService {
    /// Releases a submitted audit (it counts from now on) or returns it to the auditor with a reason.
    @discardableResult
    public func review(_ id: Int64, release: Bool, reason: String?) throws -> Outcome {
        if !release, (reason ?? "").trimmingWhitespace().isEmpty {
            throw InputError("returning audit \(id) needs a reason the auditor can act on")
        }
        return try change(id, release ? .release : .return, reason: reason)
    }

    /// Sends a returned (and corrected) audit back for review.
    @discardableResult
    /// A returned audit that nothing changed since needs a reason: the history says why it goes back as it was.
    public func resubmit(_ id: Int64, reason: String? = nil) throws -> Outcome {
        let unchanged = try store.journal.records(auditID: id).last?.action == "returned"
        if unchanged, (reason ?? "").trimmingWhitespace().isEmpty {
            throw InputError("audit \(id) was returned and nothing changed since; amend it first, or resubmit it as it is with --reason saying why")
        }
        return try change(id, .resubmit, reason: unchanged ? "unchanged since it was returned: \(reason ?? "")" : reason)
    }

    /// Changes answers and comments of a submitted audit with a reason; re-scores it, and the history
    /// keeps old and new. Answers that the change hides no longer count, as in the interactive fill.
    /// Changes answers and comments with a reason. A submitted audit is re-scored and the history
    /// keeps old and new; a draft is edited as the fill would (nil is returned: nothing is scored yet).
    /// An answer to a question its skip rule hides is refused; answers a change hides are dropped.
    @discardableResult
    public func amend(_ id: Int64, answers changes: [(String, String)], comments commentChanges: [(String, String)], reason: String) throws -> Outcome? {
        let audit = try stored(id)
        if let session = audit.calibrationSessionID {
            throw InputError("audit \(id) belongs to calibration session \(session): calibration audits are filled once through 'yardstick calibration join \(session)' and never amended")
        }
        if audit.status == .draft {
            try amendDraft(id, answers: changes, comments: commentChanges)
            return nil
        }
        return try change(id, .amend, reason: reason) { proposal in
            proposal.changes = try Self.apply(changes, commentChanges, to: &proposal.answers, comments: &proposal.comments,
                                              engine: proposal.definitions.engine, id: id)
            if case let .text(newDate)? = proposal.answers["occurred_on"], newDate != proposal.before.occurredOn {
                throw InputError("the date of the interaction cannot be amended: it decides the period the audit counts in")
            }
        }
    }

    /// Edits a draft's answers in one short transaction; the draft stays a draft.
    func amendDraft(_ id: Int64, answers changes: [(String, String)], comments commentChanges: [(String, String)]) throws {
        try store.database.transaction {
            let draft = try stored(id)
            guard draft.status == .draft else { throw StoreError.changedMeanwhile("audit \(id) is no longer a draft") }
            let definitions = try context.definitions.of(draft)
            var answers = try definitions.decode(draft), comments = draft.comments
            _ = try Self.apply(changes, commentChanges, to: &answers, comments: &comments, engine: definitions.engine, id: id)
            var occurredOn: ISODate?
            if case let .text(text)? = answers["occurred_on"] { occurredOn = ISODate(text) }
            try store.audits.saveDraft(id: id, answers: definitions.encode(answers), comments: comments, position: draft.draftPosition,
                                       occurredOn: occurredOn, at: context.now)
        }
    }

    /// Applies typed answer and comment changes; returns what changed, for the history.
    private static func apply(_ changes: [(String, String)], _ commentChanges: [(String, String)], to answers: inout [String: AnswerValue],
                              comments: inout [String: String], engine: FormEngine, id: Int64) throws -> [AnswerChange] {
        var log: [AnswerChange] = []
        for (fieldID, text) in changes {
            guard let field = engine.field(fieldID) else {
                throw InputError("form '\(engine.form.id)' has no field or question '\(fieldID)'")
            }
            let old = answers[fieldID]
            if text.trimmingWhitespace().isEmpty {
                answers[fieldID] = nil
            } else {
                switch engine.parser.parse(text, for: field) {
                case let .success(value): answers[fieldID] = value
                case let .failure(problem): throw InputError("--answer \(fieldID)=\(text): \(problem.message)")
                }
                if fieldID == "occurred_on", let value = answers[fieldID], let problem = engine.futureDateProblem(value) {
                    throw InputError("--answer occurred_on=\(text): \(problem)")
                }
            }
            log.append(AnswerChange(field: fieldID, old: old.map { AnswerText.display($0, type: field.type) },
                                    new: answers[fieldID].map { AnswerText.display($0, type: field.type) }))
        }
        for (fieldID, text) in commentChanges {
            guard engine.field(fieldID) != nil else { throw InputError("--comment \(fieldID): no such field or question") }
            log.append(AnswerChange(field: fieldID, isComment: true, old: comments[fieldID], new: text.isEmpty ? nil : text))
            comments[fieldID] = text.isEmpty ? nil : text
        }
        let shown: Set<String>
        do {
            shown = try engine.visibility(answers).shownFields
        } catch {
            throw InputError("audit \(id): \(error)")
        }
        // An answer given to a hidden question would be dropped at once: refuse it, as an import does.
        for (fieldID, text) in changes where !text.trimmingWhitespace().isEmpty && !shown.contains(fieldID) {
            let rule = engine.field(fieldID)?.relevant.map { " (relevant=\"\($0.source)\")" } ?? ""
            throw InputError("--answer \(fieldID): the question is hidden by its skip rule\(rule) with the other answers; change the answer it depends on first (in the same amend)")
        }
        for field in engine.fields where !shown.contains(field.id) && answers[field.id] != nil {
            log.append(AnswerChange(field: field.id, old: answers[field.id].map { AnswerText.display($0, type: field.type) }, new: nil,
                                    why: "hidden by skip logic after the change"))
            answers[field.id] = nil
            comments[field.id] = nil
        }
        guard log.contains(where: { $0.old != $0.new }) else {
            throw InputError("nothing to amend: audit \(id) already has these answers and comments")
        }
        return log
    }

    /// The same, with the version named by its stored number (`9`) or its label (`2026.2`).
    @discardableResult
    public func rescore(_ id: Int64, standardVersion reference: String, reason: String?) throws -> Outcome {
        if let number = Int64(reference) { return try rescore(id, standardVersionID: number, reason: reason) }
        let standardID = try context.definitions.of(try stored(id)).standard.id
        let matching = try store.definitions.versions(kind: .standard, id: standardID).filter { $0.versionLabel == reference }
        guard let version = matching.last else {
            throw InputError("standard '\(standardID)' has no version labelled '\(reference)'; see 'yardstick standards list --all-versions'")
        }
        guard matching.count == 1 else {
            throw InputError("standard '\(standardID)' has \(matching.count) versions labelled '\(reference)' (#\(matching.map { String($0.versionID) }.joined(separator: ", #"))); give the number")
        }
        return try rescore(id, standardVersionID: version.versionID, reason: reason)
    }

    /// Scores the same answers under another stored version of the audit's standard, explicitly and on the record.
    @discardableResult
    public func rescore(_ id: Int64, standardVersionID: Int64, reason: String?) throws -> Outcome {
        try change(id, .rescore, reason: reason) { proposal in
            guard let version = try store.definitions.versions(byID: [standardVersionID])[standardVersionID], version.kind == .standard else {
                throw InputError("there is no standard version #\(standardVersionID); see 'yardstick standards list --all-versions'")
            }
            guard standardVersionID != proposal.before.standardVersionID else {
                throw InputError("audit \(id) is already scored under standard version #\(standardVersionID)")
            }
            let target = try context.definitions.versions(form: proposal.before.formVersionID, standard: standardVersionID, auditID: id)
            guard target.standard.id == proposal.definitionsBefore.standard.id else {
                throw InputError("version #\(standardVersionID) is of standard '\(target.standard.id)', not '\(proposal.definitionsBefore.standard.id)'")
            }
            proposal.definitions = target
        }
    }
}
