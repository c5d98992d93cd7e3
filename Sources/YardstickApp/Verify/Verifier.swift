import YardstickCore
import YardstickStore

/// `yardstick verify`: checks that nothing was changed behind the tool's back and that every stored
/// number still follows from the stored answers — the journal's hash chain, every audit's content
/// hash against the history, every score re-computed, every aggregate re-summed, every incentive
/// run's lines against the fingerprint its history recorded, every coaching plan against its history.
public struct Verifier {
    let context: AppContext

    public init(_ context: AppContext) { self.context = context }

    /// One thing that does not match, named so it can be found.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Area: String, Sendable { case database, definition, journal, audit, aggregate, incentive, coaching, dispute, calibration }
        public var area: Area
        /// "audit 42", "journal entry 7", "aggregate agent A1001 month 2026-03 standard contact-centre".
        public var subject: String
        public var message: String
        public var description: String { "\(subject): \(message)" }
    }

    /// What was checked and what was found.
    public struct Report: Sendable {
        public var problems: [Problem] = []
        public var journalEntries = 0
        public var audits = 0
        public var drafts = 0
        public var definitionVersions = 0
        public var aggregateRows = 0
        public var incentiveRuns = 0
        public var coachingPlans = 0
        public var disputes = 0
        public var calibrationSessions = 0
        /// Problems beyond this many are counted, not kept.
        public var problemCount = 0
        public var isClean: Bool { problemCount == 0 }
    }

    public static let problemLimit = 1000

    private struct AuditStep { var previous: String?; var produced: String?; var entryID: Int64 }
    private struct Batch { var record: JournalRecord; var ids: ClosedRange<Int64>?; var sealed: Set<Int64>; var hash = BatchHash() }

    /// Checks everything against one snapshot of the database, so writers meanwhile cause no false alarms.
    public func run() throws -> Report {
        try context.store.database.readTransaction { try check() }
    }

    private func check() throws -> Report {
        var report = Report()
        func problem(_ area: Problem.Area, _ subject: String, _ message: String) {
            report.problemCount += 1
            if report.problems.count < Self.problemLimit { report.problems.append(Problem(area: area, subject: subject, message: message)) }
        }
        let store = context.store
        let integrity = try store.database.integrityCheck()
        if integrity != "ok" { problem(.database, "database file", "SQLite's integrity check says: \(integrity)") }

        var definitionSHA: [Int64: String] = [:]
        try store.definitions.forEachContentCheck { stored, actual in
            report.definitionVersions += 1
            definitionSHA[stored.versionID] = stored.sha256
            if stored.sha256 != actual {
                problem(.definition, "definition version #\(stored.versionID) (\(stored.kind.rawValue) \(stored.docID) \(stored.versionLabel))",
                        "its stored bytes hash to \(actual.prefix(12))…, not the recorded \(stored.sha256.prefix(12))…; the file's content was changed in the database")
            }
        }

        var steps: [Int64: [AuditStep]] = [:]
        var registered: [String: Int64] = [:]
        var batches: [Batch] = []
        var runEntries: [Int64: (ran: IncentiveRunRecorded?, ranHash: String?, finalised: String?)] = [:]
        var planEntries: [Int64: (saved: String?, done: Set<Int>, status: String)] = [:]
        var disputeEntries: [Int64: String?] = [:]
        var sessionEntries: [Int64: String?] = [:]
        var previousHash = ""
        try store.journal.forEach { result in
            report.journalEntries += 1
            let record: JournalRecord
            switch result {
            case let .failure(error):
                problem(.journal, "journal", "an entry cannot be read: \(error)")
                return
            case let .success(found): record = found
            }
            let subject = "journal entry \(record.id)"
            if record.previousHash != previousHash {
                problem(.journal, subject, "names \(record.previousHash.prefix(12))… as the previous entry's hash, but that entry's hash is \(previousHash.prefix(12))…; an entry was removed or changed")
            }
            if record.hash != record.expectedHash {
                problem(.journal, subject, "its fields no longer match its hash; the entry (\(record.subject) \(record.subjectID) \(record.action)) was changed")
            }
            previousHash = record.hash
            guard record.format == 2 else { return }
            let event: JournalEvent
            do {
                event = try record.event()
            } catch {
                problem(.journal, subject, "\(error)")
                return
            }
            switch event {
            case let .auditsImported(batch):
                batches.append(Batch(record: record, ids: batch.firstID <= batch.lastID ? batch.firstID...batch.lastID : nil, sealed: []))
            case let .auditsSealed(seal):
                batches.append(Batch(record: record, ids: nil, sealed: Set(seal.ids)))
            case let .definitionRegistered(definition):
                registered["\(definition.kind):\(definition.documentID)"] = definition.versionID
            case let .incentiveRunRecorded(run):
                runEntries[run.runID, default: (nil, nil, nil)].ran = run
                runEntries[run.runID, default: (nil, nil, nil)].ranHash = record.contentHash
            case let .incentiveRunFinalised(run):
                runEntries[run.runID, default: (nil, nil, nil)].finalised = record.contentHash
            case let .coachingPlanChanged(change):
                var entry = planEntries[change.planID] ?? (nil, [], "open")
                switch change.change {
                case .saved: entry.saved = record.contentHash
                case .itemDone: if let ordinal = change.ordinal { entry.done.insert(ordinal) }
                case .done: entry.status = "done"
                case .cancelled: entry.status = "cancelled"
                }
                planEntries[change.planID] = entry
            case let .disputeChanged(change):
                disputeEntries[change.disputeID] = record.contentHash
            case let .calibrationChanged(change):
                sessionEntries[change.sessionID] = record.contentHash
            default:
                if let auditID = event.auditID {
                    steps[auditID, default: []].append(AuditStep(previous: event.previousContentHash, produced: record.contentHash, entryID: record.id))
                }
            }
        }

        var aggregates = AggregateAccumulator()
        // The hashed start of the content hash, once per form and standard version (not per audit).
        struct VersionPair: Hashable {
            var form: Int64
            var standard: Int64
        }
        var hashPrefixes: [VersionPair: AuditContent.HashPrefix] = [:]
        var batchIndex: [Int64: Int] = [:]
        for (index, batch) in batches.enumerated() { for id in batch.sealed { batchIndex[id] = index } }
        // Import batches hold ascending, disjoint id ranges: found by binary search, not a scan per audit.
        let ranges = batches.enumerated().compactMap { index, batch in batch.ids.map { (range: $0, index: index) } }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        func importBatch(of id: Int64) -> Int? {
            var low = 0, high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].range.upperBound < id { low = middle + 1 } else { high = middle }
            }
            return low < ranges.count && ranges[low].range.contains(id) ? ranges[low].index : nil
        }
        try store.audits.forEach { result in
            let audit: StoredAudit
            switch result {
            case let .failure(error):
                report.audits += 1
                problem(.audit, "audit", "a row cannot be read: \(error)")
                return
            case let .success(found): audit = found
            }
            let subject = "audit \(audit.id)"
            let history = steps.removeValue(forKey: audit.id) ?? []
            guard audit.status != .draft else {
                report.drafts += 1
                if !history.isEmpty || batchIndex[audit.id] != nil || importBatch(of: audit.id) != nil {
                    problem(.audit, subject, "is a draft, but the history records it as submitted (status changed behind the tool's back)")
                }
                return
            }
            report.audits += 1
            let content = AuditContent(stored: audit, formSHA256: definitionSHA[audit.formVersionID] ?? "",
                                       standardSHA256: definitionSHA[audit.standardVersionID] ?? "")
            // An audit keeps the hash of the version it was last written with until its next change:
            // version 3, version 2, or (last written before placements were recorded, schema 7) version 1.
            let prefix = hashPrefixes[VersionPair(form: audit.formVersionID, standard: audit.standardVersionID)] ?? {
                let made = AuditContent.HashPrefix(of: content)
                hashPrefixes[VersionPair(form: audit.formVersionID, standard: audit.standardVersionID)] = made
                return made
            }()
            var actual = content.hash(after: prefix)
            if audit.contentHash != actual {
                let version2 = content.hashVersion2
                if audit.contentHash == version2 {
                    actual = version2
                } else if audit.contentHash == content.hashBeforePlacement {
                    actual = content.hashBeforePlacement
                }
            }
            if audit.contentHash != actual {
                problem(.audit, subject, "its row no longer matches its content hash (agent, location, auditor, date, versions, status, answers, comments, score or results were changed behind the tool's back)")
            }
            // The history must lead to exactly this content: each change starts where the previous one ended.
            for (earlier, later) in zip(history, history.dropFirst()) where later.previous != earlier.produced {
                problem(.audit, subject, "journal entry \(later.entryID) starts from a content hash that journal entry \(earlier.entryID) did not produce")
            }
            let batch = batchIndex[audit.id] ?? importBatch(of: audit.id)
            if let last = history.last {
                if last.produced != actual {
                    problem(.audit, subject, "its content hash is not the one journal entry \(last.entryID) recorded; the row was changed after that entry")
                }
            } else if batch == nil {
                problem(.audit, subject, "no history entry records this audit")
            }
            if let batch {
                let imported = history.first.map { $0.previous ?? "" } ?? actual
                batches[batch].hash.add(auditID: audit.id, contentHash: imported)
            }
            check(audit, subject: subject, aggregates: &aggregates, problem: problem)
        }
        for (id, history) in steps.sorted(by: { $0.key < $1.key }) {
            problem(.audit, "audit \(id)", "is missing, but journal entry \(history.first?.entryID ?? 0) records it; the row was deleted behind the tool's back")
        }
        for current in try store.definitions.currentVersions() {
            let expected = registered["\(current.kind):\(current.docID)"] ?? current.newest
            if current.current != expected {
                problem(.definition, "\(current.kind) \(current.docID)",
                        "the current version is #\(current.current.map { String($0) } ?? "none"), but the history last made #\(expected) current")
            }
        }
        for batch in batches {
            let expected = batch.hash.finalized()
            if batch.record.contentHash != expected {
                problem(.journal, "journal entry \(batch.record.id)",
                        "the \(batch.record.action) batch's audits no longer hash to the recorded batch hash (\(batch.hash.count) audits); an audit of the batch was changed, moved or removed")
            }
        }

        for rollup in [false, true] {
            var computed = Dictionary(aggregates.rows(rollup: rollup).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let table = rollup ? "scope aggregate" : "aggregate"
            try store.aggregates.forEach(rollup: rollup) { result in
                report.aggregateRows += 1
                switch result {
                case let .failure(error): problem(.aggregate, table, "\(error)")
                case let .success(row): compare(row, computed.removeValue(forKey: row.key), table: table, problem: problem)
                }
            }
            for row in computed.values.sorted(by: { $0.key < $1.key }) where !row.isZero {
                problem(.aggregate, "\(table) \(row.keyDescription)", "is missing: the counted audits sum to \(row.audits) audits")
            }
        }
        for run in try store.incentives.runs().reversed() {
            report.incentiveRuns += 1
            let subject = "incentive run \(run.id)"
            let history = runEntries.removeValue(forKey: run.id)
            if history?.ranHash != run.fingerprint {
                problem(.incentive, subject, history?.ranHash == nil ? "no history entry records this run"
                        : "its fingerprint is not the one its history recorded; the run was changed behind the tool's back")
            }
            if run.isFinalised != (history?.finalised != nil) {
                problem(.incentive, subject, run.isFinalised ? "is marked finalised, but no history entry finalised it" : "its history finalised it, but the run is no longer marked finalised")
            }
            guard let policySHA = definitionSHA[run.policyVersionID], let period = PayPeriod(run.period) else {
                problem(.incentive, subject, "names policy version #\(run.policyVersionID) and period '\(run.period)', which are not both known")
                continue
            }
            do {
                let lines = try store.incentives.lines(runID: run.id)
                if IncentiveFingerprint.of(policySHA256: policySHA, period: period, lines: lines) != run.fingerprint {
                    problem(.incentive, subject, "its lines' evidence no longer hashes to the run's fingerprint; a line was changed, added or removed")
                }
                if let recorded = history?.ran {
                    let totals = IncentiveTotals(lines)
                    if recorded.agents != totals.agents || recorded.totalMinorUnits != totals.net {
                        problem(.incentive, subject, "its \(totals.agents) lines total \(totals.net) minor units, but its history recorded \(recorded.agents) lines totalling \(recorded.totalMinorUnits)")
                    }
                }
                // Every amount and explanation must follow from the line's own evidence under the run's policy version.
                let calculator = IncentiveCalculator(policy: try context.definitions.policy(versionID: run.policyVersionID), period: period)
                for line in lines {
                    let agent = Agent(id: line.agentID, name: line.name, teamID: line.team, locationID: line.location)
                    if calculator.line(for: IncentiveSubject(agent: agent, audits: line.auditRefs, feedback: line.feedbackRefs)) != line {
                        problem(.incentive, subject, "agent \(line.agentID): the stored amounts or explanation no longer follow from the line's audits and responses under the policy")
                    }
                }
                for mismatch in try store.incentives.columnMismatches(runID: run.id) {
                    problem(.incentive, subject, "agent \(mismatch): the line's columns differ from its stored content")
                }
            } catch {
                problem(.incentive, subject, "its lines cannot be read: \(error)")
            }
        }
        for id in runEntries.keys.sorted() {
            problem(.incentive, "incentive run \(id)", "is missing, but the history records it; it was deleted behind the tool's back")
        }
        for plan in try store.coaching.integrityFacts() {
            report.coachingPlans += 1
            let subject = "coaching plan \(plan.id)"
            guard let history = planEntries.removeValue(forKey: plan.id) else {
                problem(.coaching, subject, "no history entry records this plan")
                continue
            }
            if history.saved != plan.contentSHA256 {
                problem(.coaching, subject, "its content no longer matches the hash its history recorded; the plan was changed behind the tool's back")
            }
            if history.done != plan.done {
                problem(.coaching, subject, "items marked done (\(plan.done.sorted().map(String.init).joined(separator: ", "))) differ from the history's (\(history.done.sorted().map(String.init).joined(separator: ", ")))")
            }
            if history.status != plan.status {
                problem(.coaching, subject, "is \(plan.status), but its history says \(history.status)")
            }
        }
        for id in planEntries.keys.sorted() {
            problem(.coaching, "coaching plan \(id)", "is missing, but the history records it; it was deleted behind the tool's back")
        }
        // Disputes and calibration sessions: each row must be what its last history entry hashed.
        func checkRecorded(_ rows: [(id: Int64, hash: String)], _ entries: inout [Int64: String?], area: Problem.Area, noun: String) {
            for row in rows {
                let subject = "\(noun) \(row.id)"
                guard let recorded = entries.removeValue(forKey: row.id) else {
                    problem(area, subject, "no history entry records this \(noun)")
                    continue
                }
                if recorded != row.hash {
                    problem(area, subject, "its row no longer matches the hash its history recorded; it was changed behind the tool's back")
                }
            }
            for id in entries.keys.sorted() {
                problem(area, "\(noun) \(id)", "is missing, but the history records it; it was deleted behind the tool's back")
            }
        }
        let disputes = try store.disputes.all(), sessions = try store.calibration.all()
        report.disputes = disputes.count
        report.calibrationSessions = sessions.count
        checkRecorded(disputes.map { ($0.id, $0.content.hash) }, &disputeEntries, area: .dispute, noun: "dispute")
        checkRecorded(sessions.map { ($0.id, $0.content.hash) }, &sessionEntries, area: .calibration, noun: "calibration session")
        return report
    }

    /// Re-scores one audit from its stored answers under its stored versions, and adds its stored contribution.
    private func check(_ audit: StoredAudit, subject: String, aggregates: inout AggregateAccumulator,
                       problem: (Problem.Area, String, String) -> Void) {
        let definitions: AuditDefinitions
        do {
            definitions = try context.definitions.of(audit)
        } catch {
            problem(.audit, subject, "its definition versions cannot be read: \(error)")
            return
        }
        guard let results = audit.results else {
            problem(.audit, subject, "is \(audit.status.rawValue) but has no stored results")
            return
        }
        let storedOutcomes: [String: CriterionOutcome]
        do {
            storedOutcomes = try ResultCodec.decode(results, criteria: definitions.standard.criteria)
        } catch {
            problem(.audit, subject, "its stored results cannot be decoded (\(error))")
            return
        }
        definitions.add(audit, outcomes: storedOutcomes, to: &aggregates)
        let answers: [String: AnswerValue]
        do {
            answers = try AnswerCodec.decode(audit.answers, fields: definitions.engine.fields)
        } catch {
            problem(.audit, subject, "its stored answers cannot be decoded (\(error))")
            return
        }
        do {
            let evaluation = try definitions.engine.evaluate(answers, comments: audit.comments)
            let differences = AuditService.differences(stored: audit, storedScore: ScoreCalculator(standard: definitions.standard).score(storedOutcomes),
                                                       reEvaluated: evaluation.score, standard: definitions.standard)
            for difference in differences { problem(.audit, subject, "re-scoring the stored answers gives a different \(difference)") }
            // Flags come from the audit's own form version, so audits of versions without flags have none to compare.
            if audit.status != .draft, audit.flags != evaluation.flags {
                problem(.audit, subject, "its recorded consistency flags differ from re-evaluating the stored answers")
            }
        } catch {
            problem(.audit, subject, "its stored answers cannot be re-scored: \(error)")
        }
    }

    private func compare(_ stored: AggregateRow, _ expected: AggregateRow?, table: String, problem: (Problem.Area, String, String) -> Void) {
        let subject = "\(table) \(stored.keyDescription)"
        guard let expected else {
            if !stored.isZero { problem(.aggregate, subject, "sums \(stored.audits) audits, but no counted audit belongs to it") }
            return
        }
        var differences: [String] = []
        if stored.audits != expected.audits { differences.append("audits \(stored.audits) (recomputed \(expected.audits))") }
        if stored.scoreMicrosSum != expected.scoreMicrosSum { differences.append("score sum \(stored.scoreMicrosSum) µpoints (recomputed \(expected.scoreMicrosSum))") }
        if abs(stored.scoreMicrosSquareSum - expected.scoreMicrosSquareSum) > 1e-6 * max(1, abs(expected.scoreMicrosSquareSum)) {
            differences.append("sum of squares (recomputed differs)")
        }
        if stored.criticalFails != expected.criticalFails { differences.append("critical failures \(stored.criticalFails) (recomputed \(expected.criticalFails))") }
        if stored.bands.normalized != expected.bands.normalized {
            func listed(_ bands: BandCounts) -> String { bands.normalized.entries.map { "\($0.label) \($0.count)" }.joined(separator: ", ") }
            differences.append("band counts \(listed(stored.bands)) (recomputed \(listed(expected.bands)))")
        }
        let width = max(stored.counters.count, expected.counters.count)
        for slot in 0..<width {
            let have = slot < stored.counters.count ? stored.counters[slot] : CriterionCounters()
            let want = slot < expected.counters.count ? expected.counters[slot] : CriterionCounters()
            if have != want {
                differences.append("criterion slot \(slot) counters assessed/na/failure/span \(have.assessed)/\(have.notApplicable)/\(have.failureUnits)/\(have.spanUnits) (recomputed \(want.assessed)/\(want.notApplicable)/\(want.failureUnits)/\(want.spanUnits))")
            }
        }
        for difference in differences { problem(.aggregate, subject, difference) }
    }
}

extension AggregateRow {
    /// All counters zero: what remains after every counted audit left (e.g. after amendments moved them).
    var isZero: Bool {
        audits == 0 && scoreMicrosSum == 0 && criticalFails == 0 && bands.normalized.entries.isEmpty
            && counters.allSatisfy { $0 == CriterionCounters() }
    }
}
