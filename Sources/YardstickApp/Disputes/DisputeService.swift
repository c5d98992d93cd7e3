import YardstickCore
import YardstickStore

/// Disputes of released audits: opened per criterion within the window and up to the cap the
/// incentive policy sets, decided once; an overturn or a partial decision amends the audit through
/// the one change primitive, in the same transaction as the decision.
public struct DisputeService {
    let context: AppContext
    var store: Store { context.store }

    public init(context: AppContext) { self.context = context }

    public enum Decision: String, Sendable, CaseIterable {
        /// The audit's result stands.
        case uphold = "upheld"
        /// The agent is right: the answer is changed.
        case overturn = "overturned"
        /// Partly right: the answer is changed in part (e.g. a scale level).
        case partial
    }

    /// The rules that apply to an audit: those of the first incentive policy (by id) whose scope
    /// holds the agent's team at the time of the audit, else the defaults.
    public struct Rules: Sendable {
        public var windowDays: Int
        public var maximumPerAudit: Int
        /// "policy contact-centre-monthly", or "the default rules".
        public var source: String
    }

    public func rules(for audit: StoredAudit) throws -> Rules {
        for version in try store.definitions.latestVersions(kind: .policy) {
            let policy = try context.definitions.policy(versionID: version.versionID)
            if policy.teams.isEmpty || audit.placement.teamID.map(policy.teams.contains) == true {
                return Rules(windowDays: policy.disputes.windowDays, maximumPerAudit: policy.disputes.maximumPerAudit, source: "policy \(policy.id)")
            }
        }
        return Rules(windowDays: 14, maximumPerAudit: 3, source: "the default rules (no incentive policy covers this team)")
    }

    public struct Opened: Sendable {
        public var dispute: StoredDispute
        public var windowEnds: ISODate
        public var rules: Rules
        public var countForAudit: Int
    }

    /// Opens a dispute of `criterionID` of audit `auditID`; refused (nothing stored) outside the
    /// window, over the cap, on an audit that does not count, or twice for one open criterion.
    public func open(auditID: Int64, criterionID: String, reason: String, by: String?) throws -> Opened {
        let text = reason.trimmingWhitespace()
        guard !text.isEmpty else { throw InputError("a dispute needs a reason (--reason TEXT)") }
        return try store.database.transaction {
            guard let audit = try store.audits.audit(id: auditID) else { throw InputError("no audit \(auditID); see 'yardstick audit list'") }
            guard audit.calibrationSessionID == nil else { throw InputError("audit \(auditID) is a calibration audit; it counts for nobody and cannot be disputed") }
            guard audit.status == .released || audit.status == .final, let releasedAt = audit.releasedAt.flatMap({ ISODate(String($0.prefix(10))) }) else {
                throw InputError("audit \(auditID) is \(audit.status.rawValue); only released audits can be disputed")
            }
            let definitions = try context.definitions.of(audit)
            guard definitions.standard.criterion(criterionID) != nil else {
                let known = definitions.standard.criteria.map(\.id).joined(separator: ", ")
                throw InputError("standard '\(definitions.standard.id)' has no criterion '\(criterionID)' (its criteria: \(known))")
            }
            switch try definitions.decodeResults(audit)?[criterionID] {
            case nil, .hidden?, .notApplicable?:
                throw InputError("audit \(auditID) did not assess \(criterionID) (not answered, hidden or N/A); only assessed criteria can be disputed")
            default: break
            }
            let rules = try rules(for: audit)
            let today = ISODate(String(context.now.prefix(10))) ?? releasedAt
            let windowEnds = releasedAt.adding(days: rules.windowDays)
            guard today <= windowEnds else {
                throw InputError("the dispute window of audit \(auditID) closed on \(windowEnds): \(rules.windowDays) days after its release on \(releasedAt) (\(rules.source))")
            }
            let existing = try store.disputes.list(DisputeFilter(auditID: auditID))
            if let open = existing.first(where: { $0.criterionID == criterionID && $0.status == "open" }) {
                throw InputError("\(criterionID) of audit \(auditID) is already disputed (dispute \(open.id), open); decide it first")
            }
            guard existing.count < rules.maximumPerAudit else {
                throw InputError("audit \(auditID) has \(existing.count) disputes already, the most \(rules.source) allows per audit")
            }
            let actor = by.map { Actor(name: $0, login: context.actor.login) } ?? context.actor
            let dispute = try store.disputes.open(auditID: auditID, criterionID: criterionID, by: actor.name, reason: text, at: context.now)
            _ = try store.journal.append(.disputeChanged(DisputeChanged(disputeID: dispute.id, auditID: auditID, criterionID: criterionID, status: "open")),
                                         reason: text, contentHash: dispute.content.hash, actor: actor, at: context.now)
            return Opened(dispute: dispute, windowEnds: windowEnds, rules: rules, countForAudit: existing.count + 1)
        }
    }

    public struct Decided: Sendable {
        public var dispute: StoredDispute
        /// The amendment, when the decision changed the audit.
        public var amendment: (oldScore: Double?, newScore: Double?, oldBand: String?, newBand: String?)?
    }

    /// Decides an open dispute once. Overturned and partial decisions need the changed answers;
    /// the amendment and the decision commit together or not at all.
    /// - Parameter comments: new comments on the changed answers (a criterion that needs a comment when not met gets one).
    public func decide(_ id: Int64, _ decision: Decision, answers: [(String, String)], comments: [(String, String)] = [], reason: String) throws -> Decided {
        let text = reason.trimmingWhitespace()
        guard !text.isEmpty else { throw InputError("a decision needs a reason (--reason TEXT)") }
        if decision == .uphold && !(answers.isEmpty && comments.isEmpty) { throw InputError("an upheld dispute leaves the audit as it is: give no --answer or --comment") }
        if decision != .uphold && answers.isEmpty {
            throw InputError("\(decision == .partial ? "a partial" : "an overturn") decision changes the audit: give the new answer with --answer QUESTION=VALUE")
        }
        return try store.database.transaction {
            guard let dispute = try store.disputes.dispute(id: id) else { throw InputError("no dispute \(id); see 'yardstick dispute list'") }
            guard dispute.status == "open" else {
                throw InputError("dispute \(id) was decided already (\(dispute.status) on \(dispute.decidedAt?.prefix(10) ?? "?") by \(dispute.decidedBy ?? "?")); a decision is final")
            }
            var amendment: (Double?, Double?, String?, String?)?
            var entry: Int64?
            if decision != .uphold {
                // Only the answers behind the disputed criterion: its question, or what its check reads.
                let audit = try AuditService(context).stored(dispute.auditID)
                let definitions = try context.definitions.of(audit)
                let form = definitions.form
                var allowed = Set(form.questions.filter { $0.criterionID == dispute.criterionID }.map(\.id))
                for section in form.sections {
                    for item in section.items {
                        if case let .check(check) = item, check.criterionID == dispute.criterionID {
                            allowed.formUnion(ExpressionScanner().scan(check.met.source).names)
                        }
                    }
                }
                for (field, _) in answers + comments where !allowed.contains(field) {
                    throw InputError("dispute \(id) is about \(dispute.criterionID); '\(field)' is not an answer behind it (those are: \(allowed.sorted().joined(separator: ", ")))")
                }
                if decision == .partial, case .yesNo? = definitions.standard.criterion(dispute.criterionID)?.scale {
                    throw InputError("\(dispute.criterionID) is met or not met; a dispute of it is upheld or overturned, not partly accepted")
                }
                let outcome = try AuditService(context).amend(dispute.auditID, answers: answers, comments: comments,
                                                              reason: "dispute \(id) \(decision.rawValue) (\(dispute.criterionID)): \(text)")
                if let outcome { amendment = (outcome.oldScore, outcome.newScore, outcome.oldBand, outcome.newBand) }
                entry = try store.journal.lastEntry(subject: "audit", subjectID: String(dispute.auditID))
            }
            guard try store.disputes.decide(id: id, status: decision.rawValue, by: context.actor.name, reason: text, amendmentEntry: entry, at: context.now),
                  let decided = try store.disputes.dispute(id: id) else {
                throw StoreError.changedMeanwhile("dispute \(id) was decided by another process meanwhile")
            }
            _ = try store.journal.append(.disputeChanged(DisputeChanged(disputeID: id, auditID: dispute.auditID, criterionID: dispute.criterionID,
                                                                        status: decision.rawValue, amendmentEntry: entry)),
                                         reason: text, contentHash: decided.content.hash, actor: context.actor, at: context.now)
            return Decided(dispute: decided, amendment: amendment)
        }
    }

    public func list(_ filter: DisputeFilter) throws -> [StoredDispute] { try store.disputes.list(filter) }

    public func show(_ id: Int64) throws -> StoredDispute {
        guard let dispute = try store.disputes.dispute(id: id) else { throw InputError("no dispute \(id); see 'yardstick dispute list'") }
        return dispute
    }
}
