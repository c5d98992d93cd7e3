import Foundation
import YardstickCore
import YardstickStore

/// Submitting audits: scoring, the status that review rules give, the journal entry and the
/// aggregates — all in the transaction that stores the audit.
enum AuditSubmission {
    /// Status of a newly submitted audit: waiting for review, or released at once.
    static func submittedStatus(_ definitions: AuditDefinitions, store: Store) throws -> AuditStatus {
        let databaseRequiresReview = try store.audits.reviewRequired()
        return definitions.form.reviewRequired || databaseRequiresReview ? .submitted : .released
    }

    static func detail(_ score: AuditScore, _ definitions: AuditDefinitions) -> String {
        JSONValue.object([
            ("score", score.score.map(JSONValue.number) ?? .null), ("band", .optional(score.band)), ("outcome", .string(score.outcome.rawValue)),
            ("form", .string("\(definitions.form.id)@\(definitions.formVersion.sha256.prefix(12))")),
            ("standard", .string("\(definitions.standard.id)@\(definitions.standardVersion.sha256.prefix(12))")),
        ]).rendered(pretty: false)
    }

    /// Submits draft `id` with `answers`; throws with every problem when it is incomplete.
    static func submitDraft(id: Int64, answers: [String: AnswerValue], comments: [String: String], definitions: AuditDefinitions,
                            store: Store, context: CommandContext) throws -> (AuditScore, AuditStatus) {
        let evaluation = try definitions.engine.evaluate(answers, comments: comments)
        let problems = evaluation.problems
        guard problems.isEmpty else {
            throw InputError("audit \(id) cannot be submitted yet:\n" + problems.map { "  \($0.fieldID): \($0.message)" }.joined(separator: "\n"))
        }
        guard case let .text(dateText)? = answers["occurred_on"], let occurredOn = ISODate(dateText) else {
            throw InputError("audit \(id) has no date of the interaction (occurred_on)")
        }
        let score = evaluation.score, outcomes = evaluation.outcomes
        let status = try submittedStatus(definitions, store: store)
        let audit = try AuditWorkflow.stored(id, in: store)
        try store.database.transaction {
            try store.audits.submitDraft(
                id: id, answers: definitions.encode(answers), results: definitions.encodeResults(outcomes),
                comments: comments, occurredOn: occurredOn, score: score, status: status, at: context.now)
            try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id), action: "submitted",
                                     detail: detail(score, definitions))
            if status.counts {
                try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: String(id), action: "released",
                                         reason: "no review required")
                if let agentID = audit.agentID {
                    var aggregates = AggregateAccumulator()
                    aggregates.add(agentID: agentID, month: occurredOn.monthKey, standard: definitions.standard, slots: definitions.slots,
                                   score: score, outcomes: outcomes)
                    try aggregates.flush(into: store.database)
                }
            }
        }
        return (score, status)
    }
}
