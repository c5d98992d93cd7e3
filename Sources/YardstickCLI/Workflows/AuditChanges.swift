import YardstickCore
import YardstickStore

/// Changes to submitted audits: review decisions, amendments and rescoring. Each is one
/// transaction that updates the audit, appends to the journal and keeps the aggregates exact.
enum AuditChanges {
    struct Loaded {
        var audit: StoredAudit
        var definitions: AuditDefinitions
        var answers: [String: AnswerValue]
    }

    static func load(_ id: Int64, store: Store) throws -> Loaded {
        let audit = try AuditWorkflow.stored(id, in: store)
        let definitions = try AuditDefinitions.of(audit, store: store)
        return Loaded(audit: audit, definitions: definitions, answers: try definitions.decode(audit))
    }

    /// Adds (or with sign −1 removes) an audit's contribution to the aggregates.
    static func contribute(_ audit: StoredAudit, definitions: AuditDefinitions, evaluation: FormEngine.Evaluation, sign: Int64,
                           to aggregates: inout AggregateAccumulator) {
        guard audit.status.counts, let agentID = audit.agentID, let date = ISODate(audit.occurredOn) else { return }
        aggregates.add(agentID: agentID, month: date.monthKey, standard: definitions.standard, slots: definitions.slots,
                       score: evaluation.score, outcomes: evaluation.outcomes, sign: sign)
    }

    /// Releases a submitted audit (it counts from now on) or returns it to the auditor with a reason.
    static func review(_ id: Int64, release: Bool, reason: String?, store: Store, context: CommandContext) throws -> AuditStatus {
        let loaded = try load(id, store: store)
        guard [.submitted, .inReview].contains(loaded.audit.status) else {
            throw InputError("audit \(id) is \(loaded.audit.status.rawValue); only submitted audits are reviewed")
        }
        let target: AuditStatus = release ? .released : .returned
        try store.database.transaction {
            guard try store.audits.setStatus(id: id, to: target, from: [.submitted, .inReview], at: context.now) else {
                throw InputError("audit \(id) changed while reviewing; try again")
            }
            try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id),
                                     action: release ? "released" : "returned", reason: reason)
            if release {
                var released = loaded.audit
                released.status = .released
                var aggregates = AggregateAccumulator()
                let evaluation = try loaded.definitions.engine.evaluate(loaded.answers, comments: loaded.audit.comments)
                contribute(released, definitions: loaded.definitions, evaluation: evaluation, sign: 1, to: &aggregates)
                try aggregates.flush(into: store.database)
            }
        }
        return target
    }

    /// Sends a returned (and corrected) audit back for review.
    static func resubmit(_ id: Int64, store: Store, context: CommandContext) throws {
        let loaded = try load(id, store: store)
        let evaluation = try loaded.definitions.engine.evaluate(loaded.answers, comments: loaded.audit.comments)
        guard evaluation.problems.isEmpty else {
            throw InputError("audit \(id) cannot be resubmitted yet:\n" + evaluation.problems.map { "  \($0.fieldID): \($0.message)" }.joined(separator: "\n"))
        }
        try store.database.transaction {
            guard try store.audits.setStatus(id: id, to: .submitted, from: [.returned], at: context.now) else {
                throw InputError("audit \(id) is \(loaded.audit.status.rawValue), not returned")
            }
            try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id), action: "resubmitted")
        }
    }

    /// Changes answers of a submitted audit with a reason; re-scores and records old and new in the history.
    static func amend(_ id: Int64, changes: [(String, String)], commentChanges: [(String, String)], reason: String, store: Store,
                      context: CommandContext) throws -> (old: AuditScore, new: AuditScore) {
        let loaded = try load(id, store: store)
        guard loaded.audit.status != .draft else {
            throw InputError("audit \(id) is a draft; change it with 'yardstick audit resume \(id)'")
        }
        let engine = loaded.definitions.engine
        var answers = loaded.answers
        var comments = loaded.audit.comments
        var changeLog: [JSONValue] = []
        for (fieldID, text) in changes {
            guard let field = engine.field(fieldID) else {
                throw InputError("form '\(loaded.definitions.form.id)' has no field or question '\(fieldID)'")
            }
            let old = answers[fieldID]
            if text.trimmingWhitespace().isEmpty {
                answers[fieldID] = nil
            } else {
                switch engine.parser.parse(text, for: field) {
                case let .success(value): answers[fieldID] = value
                case let .failure(problem): throw InputError("--answer \(fieldID)=\(text): \(problem.message)")
                }
            }
            changeLog.append(.object([("field", .string(fieldID)), ("old", .optional(old?.expressionText)),
                                      ("new", .optional(answers[fieldID]?.expressionText))]))
        }
        for (fieldID, text) in commentChanges {
            guard engine.field(fieldID) != nil else { throw InputError("--comment \(fieldID): no such field or question") }
            changeLog.append(.object([("comment", .string(fieldID)), ("old", .optional(comments[fieldID])), ("new", .string(text))]))
            comments[fieldID] = text.isEmpty ? nil : text
        }
        // Answers that the change hides no longer count, as in the interactive fill.
        let shown = try engine.visibility(answers).shownFields
        for field in engine.fields where !shown.contains(field.id) && answers[field.id] != nil {
            changeLog.append(.object([("field", .string(field.id)), ("old", .string(answers[field.id]?.expressionText ?? "")), ("new", .null),
                                      ("why", .string("hidden by skip logic after the change"))]))
            answers[field.id] = nil
            comments[field.id] = nil
        }
        let before = try engine.evaluate(loaded.answers, comments: loaded.audit.comments)
        let after = try engine.evaluate(answers, comments: comments)
        guard after.problems.isEmpty else {
            throw InputError("the amendment leaves audit \(id) incomplete:\n" + after.problems.map { "  \($0.fieldID): \($0.message)" }.joined(separator: "\n"))
        }
        if case let .text(newDate)? = answers["occurred_on"], newDate != loaded.audit.occurredOn {
            throw InputError("the date of the interaction cannot be amended (it decides the period the audit counts in); delete and re-enter instead")
        }
        try store.database.transaction {
            try store.audits.updateScored(
                id: id, standardVersionID: loaded.audit.standardVersionID, answers: loaded.definitions.encode(answers),
                results: loaded.definitions.encodeResults(after.outcomes), comments: comments,
                score: after.score, at: context.now)
            let detail = JSONValue.object([
                ("changes", .array(changeLog)), ("old_score", before.score.score.map(JSONValue.number) ?? .null),
                ("new_score", after.score.score.map(JSONValue.number) ?? .null), ("old_band", .optional(before.score.band)),
                ("new_band", .optional(after.score.band)),
            ]).rendered(pretty: false)
            try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id), action: "amended",
                                     reason: reason, detail: detail)
            var aggregates = AggregateAccumulator()
            contribute(loaded.audit, definitions: loaded.definitions, evaluation: before, sign: -1, to: &aggregates)
            contribute(loaded.audit, definitions: loaded.definitions, evaluation: after, sign: 1, to: &aggregates)
            try aggregates.flush(into: store.database)
        }
        return (before.score, after.score)
    }

    /// Scores the same answers under another stored version of the audit's standard, explicitly and on the record.
    static func rescore(_ id: Int64, standardVersionID: Int64, reason: String?, store: Store, context: CommandContext) throws -> (old: AuditScore, new: AuditScore) {
        let loaded = try load(id, store: store)
        guard loaded.audit.status != .draft else { throw InputError("audit \(id) is a draft; it is scored when submitted") }
        guard standardVersionID != loaded.audit.standardVersionID else {
            throw InputError("audit \(id) is already scored under standard version #\(standardVersionID)")
        }
        var target = loaded.audit
        target.standardVersionID = standardVersionID
        let newDefinitions = try AuditDefinitions.of(target, store: store)
        guard newDefinitions.standard.id == loaded.definitions.standard.id else {
            throw InputError("version #\(standardVersionID) is of standard '\(newDefinitions.standard.id)', not '\(loaded.definitions.standard.id)'")
        }
        let before = try loaded.definitions.engine.evaluate(loaded.answers, comments: loaded.audit.comments)
        let after = try newDefinitions.engine.evaluate(loaded.answers, comments: loaded.audit.comments)
        try store.database.transaction {
            try store.audits.updateScored(
                id: id, standardVersionID: standardVersionID, answers: loaded.audit.answers,
                results: newDefinitions.encodeResults(after.outcomes), comments: loaded.audit.comments,
                score: after.score, at: context.now)
            let detail = JSONValue.object([
                ("old_standard_version", .integer(loaded.audit.standardVersionID)), ("new_standard_version", .integer(standardVersionID)),
                ("old_sha256", .string(loaded.definitions.standardVersion.sha256)), ("new_sha256", .string(newDefinitions.standardVersion.sha256)),
                ("old_score", before.score.score.map(JSONValue.number) ?? .null), ("new_score", after.score.score.map(JSONValue.number) ?? .null),
            ]).rendered(pretty: false)
            try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id), action: "rescored",
                                     reason: reason ?? "standard version #\(loaded.audit.standardVersionID) → #\(standardVersionID)", detail: detail)
            var aggregates = AggregateAccumulator()
            contribute(loaded.audit, definitions: loaded.definitions, evaluation: before, sign: -1, to: &aggregates)
            contribute(target, definitions: newDefinitions, evaluation: after, sign: 1, to: &aggregates)
            try aggregates.flush(into: store.database)
        }
        return (before.score, after.score)
    }
}
