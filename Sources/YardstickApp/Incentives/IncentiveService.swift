import YardstickCore
import YardstickStore

/// Why an incentive command cannot start; the CLI shows these as usage errors.
public enum IncentiveRequestError: Error, Sendable, CustomStringConvertible {
    case unknownPolicy(String, known: [String])
    case malformedPeriod(String)
    case periodKind(PayPeriod, policy: String, expected: IncentivePeriod)

    public var description: String {
        switch self {
        case let .unknownPolicy(id, known):
            return "no registered incentive policy '\(id)'; registered: \(known.isEmpty ? "none (run 'yardstick load standards')" : known.joined(separator: ", "))"
        case let .malformedPeriod(text):
            return "'\(text)' is not a pay period; use \(PayPeriod.acceptedForms)"
        case let .periodKind(period, policy, expected):
            return "policy '\(policy)' pays per \(expected.rawValue), but \(period) is a \(period.kind.rawValue); use "
                + (expected == .month ? "YYYY-MM, e.g. 2026-10" : "YYYY-Qn, e.g. 2026-Q4")
        }
    }
}

/// A stored run with its policy and lines.
public struct IncentiveRunResult: Sendable {
    public var run: StoredIncentiveRun
    public var policy: IncentivePolicy
    public var period: PayPeriod
    public var lines: [IncentiveLine]
    /// Teams the policy names that no agent belongs to (a typo in the policy, most likely).
    public var unknownTeams: [String] = []

    public var totals: IncentiveTotals { IncentiveTotals(lines) }
}

/// A run number that names no stored run.
func unknownRun(_ id: Int64) -> InputError { InputError("no incentive run \(id); see 'yardstick incentives list'") }

/// The incentive use cases: run a policy over a period, list and show runs, finalise, diff.
public struct IncentiveService {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    /// The current version of policy `id`.
    public func policy(id: String) throws -> (version: StoredDefinition, policy: IncentivePolicy) {
        guard let version = try context.store.definitions.latest(kind: .policy, id: id) else {
            throw IncentiveRequestError.unknownPolicy(id, known: try context.store.definitions.latestVersions(kind: .policy).map(\.docID))
        }
        return (version, try context.definitions.policy(versionID: version.versionID))
    }

    /// Reads `text` as a period of `policy`'s kind.
    public static func period(_ text: String, for policy: IncentivePolicy) throws -> PayPeriod {
        guard let period = PayPeriod(text) else { throw IncentiveRequestError.malformedPeriod(text) }
        guard period.kind == policy.period else { throw IncentiveRequestError.periodKind(period, policy: policy.id, expected: policy.period) }
        return period
    }

    /// Computes the lines of `policy` for `period` from what is stored now.
    public func compute(_ policy: IncentivePolicy, period: PayPeriod) throws -> (lines: [IncentiveLine], unknownTeams: [String]) {
        let store = context.store
        let months = period.monthKeys
        let audits = try store.readModel.countedAudits(monthKeys: months)
        let feedback = try store.feedback.byAgent(monthKeys: months)
        let everyone = try store.agents.list(AgentFilter(includeInactive: true))
        let scope = Set(policy.teams)
        let knownTeams = Set(everyone.map(\.teamID))
        let calculator = IncentiveCalculator(policy: policy, period: period)
        var lines: [IncentiveLine] = []
        for agent in everyone where scope.isEmpty || scope.contains(agent.teamID) {
            let agentAudits = audits[agent.id] ?? []
            // Someone who left is paid for what they did in the period, and only then listed.
            guard agent.isActive || !agentAudits.isEmpty else { continue }
            lines.append(calculator.line(for: IncentiveSubject(agent: agent, audits: agentAudits, feedback: feedback[agent.id] ?? [])))
        }
        return (lines.sorted { $0.agentID < $1.agentID }, policy.teams.filter { !knownTeams.contains($0) })
    }

    /// Runs policy `policyID` over `periodText` and stores the run (a correction run when the period is finalised).
    /// - Parameter beforeCommit: called with the result inside the run's transaction (e.g. to write its export);
    ///   when it throws, nothing is stored.
    public func run(policyID: String, period periodText: String,
                    beforeCommit: (IncentiveRunResult) throws -> Void = { _ in }) throws -> IncentiveRunResult {
        let (version, policy) = try policy(id: policyID)
        let period = try Self.period(periodText, for: policy)
        let store = context.store
        return try store.database.transaction {
            let (lines, unknownTeams) = try compute(policy, period: period)
            let fingerprint = IncentiveFingerprint.of(policySHA256: version.sha256, period: period, lines: lines)
            let finalised = try store.incentives.finalised(policyID: policy.id, period: period.description)
            let runID = try store.incentives.insert(policyVersionID: version.versionID, policyID: policy.id, period: period.description,
                                                    lines: lines, fingerprint: fingerprint, correctionOf: finalised?.id,
                                                    by: context.actor.name, at: context.now)
            _ = try store.journal.append(
                .incentiveRunRecorded(IncentiveRunRecorded(runID: runID, policy: "\(policy.id)@\(version.sha256.prefix(12))", period: period.description,
                                                           agents: lines.count, totalMinorUnits: IncentiveTotals(lines).net,
                                                           fingerprint: fingerprint, correctionOf: finalised?.id)),
                contentHash: fingerprint, actor: context.actor, at: context.now)
            guard let run = try store.incentives.run(id: runID) else { throw unknownRun(runID) }
            let result = IncentiveRunResult(run: run, policy: policy, period: period, lines: lines, unknownTeams: unknownTeams)
            try beforeCommit(result)
            return result
        }
    }

    /// Every stored run, newest first.
    public func runs() throws -> [StoredIncentiveRun] { try context.store.incentives.runs() }

    /// Run `id` as stored.
    public func show(_ id: Int64) throws -> IncentiveRunResult {
        guard let run = try context.store.incentives.run(id: id) else { throw unknownRun(id) }
        let policy = try context.definitions.policy(versionID: run.policyVersionID)
        guard let period = PayPeriod(run.period) else {
            throw StoreError.damagedRow(table: "incentive_run", id: String(id), column: "period", problem: "'\(run.period)' is not a pay period")
        }
        return IncentiveRunResult(run: run, policy: policy, period: period, lines: try context.store.incentives.lines(runID: id))
    }

    /// Freezes run `id` for payroll, with the history naming who, when and why.
    public func finalise(_ id: Int64, reason: String) throws -> StoredIncentiveRun {
        let store = context.store
        return try store.database.transaction {
            guard let run = try store.incentives.run(id: id) else { throw unknownRun(id) }
            if run.isFinalised {
                throw InputError("run \(id) was already finalised on \(run.finalisedAt ?? "?") by \(run.finalisedBy ?? "?"); a finalised run never changes")
            }
            if let other = try store.incentives.finalised(policyID: run.policyID, period: run.period) {
                throw InputError("run \(other.id) is already the finalised run of \(run.policyID) for \(run.period), and a finalised run never changes; "
                    + "run \(id) is a correction: pay the differences that 'yardstick incentives diff \(other.id) \(id)' lists with the next payroll")
            }
            guard try store.incentives.finalise(id: id, by: context.actor.name, at: context.now, reason: reason) else {
                throw StoreError.changedMeanwhile("incentive run \(id)")
            }
            _ = try store.journal.append(
                .incentiveRunFinalised(IncentiveRunFinalised(runID: id, policy: run.policyID, period: run.period, fingerprint: run.fingerprint)),
                reason: reason, contentHash: run.fingerprint, actor: context.actor, at: context.now)
            guard let finalised = try store.incentives.run(id: id) else { throw unknownRun(id) }
            return finalised
        }
    }

    /// Run `id` against the same policy version and period recomputed from what is stored now.
    public func diffWithNow(_ id: Int64) throws -> (stored: IncentiveRunResult, comparison: IncentiveComparison) {
        let stored = try show(id)
        let now = try compute(stored.policy, period: stored.period).lines
        let journal = context.store.journal
        // How each audit changed since the run: the history entries after the one that recorded it.
        let ranEntry = try journal.records(subject: JournalEvent.Subject.incentiveRun.rawValue, subjectID: String(id)).first?.id ?? Int64.max
        let history: (Int64) -> String? = { auditID in
            let entries = ((try? journal.records(auditID: auditID)) ?? []).filter { $0.id > ranEntry }
            guard !entries.isEmpty else { return nil }
            return entries.map { "\($0.action) \($0.at.prefix(10)) by \($0.actor)" + ($0.reason.map { ": \($0)" } ?? "") }.joined(separator: "; ")
        }
        return (stored, IncentiveComparison.compare(old: stored.lines, new: now, history: history))
    }

    /// Two stored runs compared.
    public func diff(_ first: Int64, _ second: Int64) throws -> (old: IncentiveRunResult, new: IncentiveRunResult, comparison: IncentiveComparison) {
        let old = try show(first), new = try show(second)
        guard old.policy.id == new.policy.id, old.period == new.period else {
            throw InputError("run \(first) is \(old.policy.id) for \(old.period), run \(second) is \(new.policy.id) for \(new.period); "
                + "'incentives diff' compares runs of the same policy and period")
        }
        return (old, new, IncentiveComparison.compare(old: old.lines, new: new.lines))
    }
}
