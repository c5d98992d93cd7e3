import YardstickCore
import YardstickStore

/// The audit life cycle. Every change to an audit — submit, release, return, resubmit, amend,
/// rescore, and later dispute overturns and calibration — goes through `change`, the one write
/// path: one transaction that loads the audit, checks the transition, evaluates, writes with a
/// compare-and-set on the revision, moves the aggregates from the stored contribution to the new
/// one, and appends a typed history event naming the content hash it produced.
public struct AuditService {
    public let context: AppContext

    public init(_ context: AppContext) { self.context = context }

    var store: Store { context.store }

    /// What a use case may change in an audit before the primitive evaluates and writes it.
    public struct Proposal {
        public let before: StoredAudit
        public let definitionsBefore: AuditDefinitions
        public var answers: [String: AnswerValue]
        public var comments: [String: String]
        /// The versions to score under (a rescore changes the standard version).
        public var definitions: AuditDefinitions
        /// What the user changed, for the history of an amendment.
        public var changes: [AnswerChange] = []
    }

    /// What a change did.
    public struct Outcome {
        public var audit: StoredAudit
        public var definitions: AuditDefinitions
        public var oldScore: Double?
        public var newScore: Double?
        public var oldBand: String?
        public var newBand: String?
    }

    /// The stored audit `id`, or an error that says how to find the right number.
    public func stored(_ id: Int64) throws -> StoredAudit {
        guard let audit = try store.audits.audit(id: id) else { throw InputError("no audit \(id); see 'yardstick audit list'") }
        return audit
    }

    /// The one change primitive (see the type's documentation).
    /// - Parameters:
    ///   - expectedRevision: the revision the caller looked at, when it showed the audit to a person first.
    ///   - reason: recorded in the history (required by amendments and returns).
    ///   - edit: changes answers, comments or versions of the loaded audit, inside the transaction.
    @discardableResult
    public func change(_ id: Int64, _ transition: AuditTransition, reason: String? = nil, expectedRevision: Int64? = nil,
                       edit: (inout Proposal) throws -> Void = { _ in }) throws -> Outcome {
        // One timestamp for the row and its history entries.
        let now = context.now
        return try store.database.transaction {
            let before = try stored(id)
            if let expectedRevision, before.revision != expectedRevision {
                throw StoreError.changedMeanwhile("audit \(id) was changed by another process since it was read (revision \(expectedRevision) → \(before.revision))")
            }
            if let session = before.calibrationSessionID {
                // A calibration audit is submitted once, blind, and then only compared: never reviewed, amended or rescored.
                guard transition == .submit else {
                    throw InputError("audit \(id) belongs to calibration session \(session): it is filled and submitted through 'yardstick calibration join' and is never reviewed, amended or rescored")
                }
                guard try store.calibration.session(id: session)?.isOpen == true else {
                    throw InputError("calibration session \(session) is closed: audit \(id) can no longer be submitted to it")
                }
                if try store.calibration.submittedAudits(session: session).contains(where: { $0.auditor == before.auditor && $0.auditID != id }) {
                    throw InputError("\(before.auditor) has already submitted for calibration session \(session); one submission each")
                }
            }
            let reviewRequired = try store.settings.reviewRequired() && before.calibrationSessionID == nil
            let definitionsBefore = try context.definitions.of(before)
            var proposal = Proposal(before: before, definitionsBefore: definitionsBefore, answers: try definitionsBefore.decode(before),
                                    comments: before.comments, definitions: definitionsBefore)
            // The change is checked against the life cycle before anything is edited or evaluated.
            guard before.status.after(transition, reviewRequired: true) != nil || before.status.after(transition, reviewRequired: false) != nil else {
                throw InputError("audit \(id) cannot be \(transition.pastTense): \(before.status.refusal(of: transition))")
            }
            try edit(&proposal)
            let definitions = proposal.definitions
            let evaluation = transition.reEvaluates ? try evaluate(proposal, id: id, transition: transition) : nil
            // A report whose answers raise a consistency flag goes to the editor even when review is not required.
            let flagged = !(evaluation?.flags ?? before.flags).isEmpty
            let calibration = before.calibrationSessionID != nil
            guard let status = before.status.after(transition, reviewRequired: !calibration && (reviewRequired || definitionsBefore.form.reviewRequired || flagged)) else {
                throw InputError("audit \(id) cannot be \(transition.pastTense): \(before.status.refusal(of: transition))")
            }
            var after = before
            after.status = status
            after.updatedAt = now
            after.draftPosition = 0
            let storedOutcomes = try definitionsBefore.decodeResults(before)
            var outcomes = storedOutcomes
            if let evaluation {
                after.answers = definitions.encode(proposal.answers)
                after.comments = proposal.comments
                after.standardVersionID = definitions.standardVersion.versionID
                after.results = definitions.encodeResults(evaluation.outcomes)
                after.score = evaluation.score.score
                after.band = evaluation.score.band
                after.outcome = evaluation.score.outcome.rawValue
                after.criticalFail = evaluation.score.criticalFail
                after.flags = evaluation.flags
                outcomes = evaluation.outcomes
                if transition == .submit { after.occurredOn = try occurredOn(proposal.answers, id: id).description }
            }
            if transition == .submit || transition == .resubmit { after.submittedAt = now }
            if status == .released && before.status != .released { after.releasedAt = now }
            after.contentHash = definitions.content(of: after).hash
            after.revision = before.revision + 1

            var aggregates = AggregateAccumulator()
            definitionsBefore.add(before, outcomes: storedOutcomes, to: &aggregates, sign: -1)
            definitions.add(after, outcomes: outcomes, to: &aggregates)
            try store.audits.write(after, expectedRevision: before.revision)
            try record(transition, before: before, after: after, proposal: proposal, reason: reason, at: now)
            try aggregates.flush(into: store.database)
            return Outcome(audit: after, definitions: definitions, oldScore: before.score, newScore: after.score,
                           oldBand: before.band, newBand: after.band)
        }
    }

    private func evaluate(_ proposal: Proposal, id: Int64, transition: AuditTransition) throws -> FormEngine.Evaluation {
        let evaluation: FormEngine.Evaluation
        do {
            evaluation = try proposal.definitions.engine.evaluate(proposal.answers, comments: proposal.comments)
        } catch {
            throw InputError("audit \(id): \(error)")
        }
        guard evaluation.problems.isEmpty else {
            let what = transition == .submit ? "cannot be submitted yet" : "would be left incomplete by this change"
            throw InputError("audit \(id) \(what):\n" + evaluation.problems.map { "  \($0.fieldID): \($0.message)" }.joined(separator: "\n"))
        }
        return evaluation
    }

    private func occurredOn(_ answers: [String: AnswerValue], id: Int64) throws -> ISODate {
        guard case let .text(text)? = answers["occurred_on"], let date = ISODate(text) else {
            throw InputError("audit \(id) has no date of the interaction (occurred_on)")
        }
        return date
    }

    /// The typed history of one change; a submission that needs no review is recorded as submitted, then released.
    private func record(_ transition: AuditTransition, before: StoredAudit, after: StoredAudit, proposal: Proposal, reason: String?,
                        at now: String) throws {
        let journal = store.journal
        let previous = before.contentHash ?? ""
        switch transition {
        case .submit:
            var submitted = after
            submitted.status = .submitted
            submitted.releasedAt = nil
            let submittedHash = proposal.definitions.content(of: submitted).hash
            try journal.append(.auditSubmitted(AuditSubmitted(
                auditID: after.id, score: after.score, band: after.band, outcome: after.outcome ?? "pass",
                form: proposal.definitions.formLabel, standard: proposal.definitions.standardLabel)),
                reason: reason, contentHash: submittedHash, actor: context.actor, at: now)
            if after.status == .released {
                try journal.append(.auditReviewed(AuditReviewed(auditID: after.id, previousContentHash: submittedHash, from: .submitted, to: .released)),
                                   reason: "no review required", contentHash: after.contentHash, actor: context.actor, at: now)
            }
        case .release, .return, .resubmit:
            try journal.append(.auditReviewed(AuditReviewed(auditID: after.id, previousContentHash: previous, from: before.status, to: after.status)),
                               reason: reason, contentHash: after.contentHash, actor: context.actor, at: now)
        case .amend:
            try journal.append(.auditAmended(AuditAmended(
                auditID: after.id, previousContentHash: previous, changes: proposal.changes, oldScore: before.score, newScore: after.score,
                oldBand: before.band, newBand: after.band)), reason: reason, contentHash: after.contentHash, actor: context.actor, at: now)
        case .rescore:
            try journal.append(.auditRescored(AuditRescored(
                auditID: after.id, previousContentHash: previous, oldStandardVersion: before.standardVersionID,
                newStandardVersion: after.standardVersionID, oldSha256: proposal.definitionsBefore.standardVersion.sha256,
                newSha256: proposal.definitions.standardVersion.sha256, oldScore: before.score, newScore: after.score)),
                reason: reason, contentHash: after.contentHash, actor: context.actor, at: now)
        }
    }
}

extension AuditTransition {
    /// Whether the change re-scores (answers or versions may change); review decisions keep the stored score.
    var reEvaluates: Bool { self == .submit || self == .amend || self == .rescore }

    var pastTense: String {
        switch self {
        case .submit: return "submitted"
        case .release: return "released"
        case .return: return "returned"
        case .resubmit: return "resubmitted"
        case .amend: return "amended"
        case .rescore: return "rescored"
        }
    }
}
