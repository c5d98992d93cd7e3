import YardstickCore
import YardstickStore

/// Blind calibration sessions: several auditors score the same interaction on the same form; the
/// audits are marked calibration (they count for nobody), nobody sees another's answers before the
/// session is closed, and the results measure agreement.
public struct CalibrationService {
    let context: AppContext
    var store: Store { context.store }

    public init(context: AppContext) { self.context = context }

    public struct OpenRequest: Sendable {
        public var formID: String
        public var interaction: String
        public var auditors: [String]
        public var expert: String?
        public var title: String?
        public var agentID: String?
        public var locationID: String?

        public init(formID: String, interaction: String, auditors: [String], expert: String? = nil, title: String? = nil, agentID: String? = nil,
                    locationID: String? = nil) {
            self.formID = formID
            self.interaction = interaction
            self.auditors = auditors
            self.expert = expert
            self.title = title
            self.agentID = agentID
            self.locationID = locationID
        }
    }

    public func open(_ request: OpenRequest) throws -> StoredCalibrationSession {
        let auditors = Array(Set(request.auditors.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty })).sorted()
        guard auditors.count >= 2 else { throw InputError("a calibration session needs at least two auditors (--auditors a,b,…)") }
        if let expert = request.expert, !auditors.contains(expert) {
            throw InputError("the expert '\(expert)' must be one of the auditors (\(auditors.joined(separator: ", "))): the expert scores the interaction too")
        }
        guard request.agentID != nil || request.locationID != nil else {
            throw InputError("name who or what the interaction was about: --agent A (or --location L)")
        }
        let definitions = try context.definitions.latest(formID: request.formID)
        try AuditService(context).checkAudited(agentID: request.agentID, locationID: request.locationID)
        return try store.database.transaction {
            let session = try store.calibration.open(
                title: request.title ?? "\(definitions.form.title): \(request.interaction)", interaction: request.interaction,
                formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID, agentID: request.agentID,
                locationID: request.locationID, expert: request.expert, auditors: auditors, by: context.actor.name, at: context.now)
            _ = try store.journal.append(.calibrationChanged(CalibrationChanged(sessionID: session.id, change: "opened", auditors: auditors)),
                                         contentHash: session.content.hash, actor: context.actor, at: context.now)
            return session
        }
    }

    public func session(_ id: Int64) throws -> StoredCalibrationSession {
        guard let session = try store.calibration.session(id: id) else { throw InputError("no calibration session \(id); see 'yardstick calibration list'") }
        return session
    }

    /// The definitions a session's audits are filled against.
    public func definitions(of session: StoredCalibrationSession) throws -> AuditDefinitions {
        guard let standard = session.standardVersionID else { throw InputError("calibration session \(session.id) has no standard version; open a new one") }
        return try context.definitions.versions(form: session.formVersionID, standard: standard)
    }

    /// Checks that `auditor` may fill the session now; returns a draft they already started, if any.
    public func checkJoin(_ session: StoredCalibrationSession, auditor: String) throws -> Int64? {
        guard session.isOpen else { throw InputError("calibration session \(session.id) is closed; see 'yardstick calibration results \(session.id)'") }
        guard session.auditors.contains(auditor) else {
            throw InputError("\(auditor) is not a participant of calibration session \(session.id) (participants: \(session.auditors.joined(separator: ", ")))")
        }
        if try store.calibration.submittedAudits(session: session.id).contains(where: { $0.auditor == auditor }) {
            throw InputError("\(auditor) has already submitted for calibration session \(session.id)")
        }
        return try store.calibration.draft(session: session.id, auditor: auditor)
    }

    /// Submits `auditor`'s answers file to the session, in one transaction with the checks: a participant, once, while it is open.
    public func join(_ id: Int64, auditor: String, answersFile path: String, evidenceStore: EvidenceStore, reporter: ProblemReporter) throws -> Int64? {
        try store.database.transaction {
            let session = try session(id)
            if let draft = try checkJoin(session, auditor: auditor) {
                throw InputError("\(auditor) has a draft (#\(draft)) for calibration session \(id): continue it with 'yardstick calibration join \(id) --auditor \(auditor)', or delete it with 'yardstick audit delete \(draft)' first")
            }
            return try AuditService(context).submitAnswersFile(path, definitions: try definitions(of: session), agentID: session.agentID, locationID: session.locationID,
                                                               auditor: auditor, evidence: [], evidenceStore: evidenceStore, reporter: reporter,
                                                               calibrationSessionID: id)
        }
    }

    /// The draft `auditor` fills interactively: the one already started, or a new one.
    public func startDraft(_ id: Int64, auditor: String, evidenceStore: EvidenceStore) throws -> (audit: Int64, resumed: Bool, definitions: AuditDefinitions) {
        try store.database.transaction {
            let session = try session(id)
            let definitions = try definitions(of: session)
            if let draft = try checkJoin(session, auditor: auditor) { return (draft, true, definitions) }
            let audit = try AuditService(context).createDraft(definitions, agentID: session.agentID, locationID: session.locationID, auditor: auditor,
                                                              evidenceStore: evidenceStore, calibrationSessionID: id)
            return (audit, false, definitions)
        }
    }

    public struct Status: Sendable {
        public var session: StoredCalibrationSession
        /// Per participant: submitted, started (a draft) or not yet — never their answers.
        public var progress: [(auditor: String, state: String)]
    }

    public func status(_ id: Int64) throws -> Status {
        let session = try session(id)
        let submitted = Set(try store.calibration.submittedAudits(session: id).map(\.auditor))
        let progress = try session.auditors.map { auditor -> (String, String) in
            if submitted.contains(auditor) { return (auditor, "submitted") }
            return (auditor, try store.calibration.draft(session: id, auditor: auditor) != nil ? "started" : "not yet")
        }
        return Status(session: session, progress: progress.map { (auditor: $0.0, state: $0.1) })
    }

    public func close(_ id: Int64) throws -> Status {
        try store.database.transaction {
            let before = try session(id)
            guard before.isOpen else { throw InputError("calibration session \(id) was closed on \(before.closedAt ?? "?")") }
            let submitted = try store.calibration.submittedAudits(session: id)
            guard submitted.count >= 2 else {
                throw InputError("calibration session \(id) has \(submitted.count) submission\(submitted.count == 1 ? "" : "s"); at least two are needed to compare")
            }
            guard try store.calibration.close(id: id, at: context.now) else { throw StoreError.changedMeanwhile("calibration session \(id) was closed meanwhile") }
            let closed = try session(id)
            _ = try store.journal.append(.calibrationChanged(CalibrationChanged(sessionID: id, change: "closed", auditors: closed.auditors)),
                                         contentHash: closed.content.hash, actor: context.actor, at: context.now)
            return try status(id)
        }
    }

    /// The results of a closed session.
    public func results(_ id: Int64) throws -> CalibrationResults {
        let session = try session(id)
        guard !session.isOpen else {
            throw InputError("calibration session \(id) is still open: nobody sees the answers before 'yardstick calibration close \(id)'")
        }
        var submissions: [(auditor: String, score: Double?, outcomes: [String: CriterionOutcome])] = []
        var standard: Standard?
        for (auditID, auditor) in try store.calibration.submittedAudits(session: id) {
            guard let audit = try store.audits.audit(id: auditID) else { continue }
            let definitions = try context.definitions.of(audit)
            standard = standard ?? definitions.standard
            submissions.append((auditor, audit.score, try definitions.decodeResults(audit) ?? [:]))
        }
        guard let standard else { throw InputError("calibration session \(id) has no submitted audits") }
        let formID = try definitions(of: session).form.id
        return CalibrationResults(CalibrationInput(sessionID: id, title: session.title, interaction: session.interaction, formID: formID,
                                                   expert: session.expert, standard: standard, submissions: submissions))
    }

    public func list() throws -> [(session: StoredCalibrationSession, submitted: Int)] {
        try store.calibration.all().map { ($0, try store.calibration.submittedAudits(session: $0.id).count) }
    }

    /// Each auditor's deviation over the closed sessions, oldest first: who needs re-training.
    public func trend() throws -> ReportDocument {
        var table = ReportTable(id: "trend", columns: [
            ReportColumn("auditor", "Auditor"), ReportColumn("session", "Session", numeric: true), ReportColumn("closed", "Closed"),
            ReportColumn("score_difference", "Score vs reference", numeric: true), ReportColumn("differing", "Differs on", numeric: true),
            ReportColumn("compared", "of", numeric: true),
        ])
        var summary: [String: (sessions: Int, absolute: Double, differing: Int, compared: Int)] = [:]
        var rows: [(String, Int64, String, CalibrationResults.Deviation)] = []
        for session in try store.calibration.all() where !session.isOpen {
            for deviation in try results(session.id).deviations {
                rows.append((deviation.auditor, session.id, String(session.closedAt?.prefix(10) ?? ""), deviation))
                var entry = summary[deviation.auditor] ?? (0, 0, 0, 0)
                entry.sessions += 1
                entry.absolute += abs(deviation.scoreDifference ?? 0)
                entry.differing += deviation.differing
                entry.compared += deviation.compared
                summary[deviation.auditor] = entry
            }
        }
        for (auditor, session, closed, deviation) in rows.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            table.rows.append([.text(auditor), .integer(session), .text(closed), .signed(deviation.scoreDifference), .count(deviation.differing), .count(deviation.compared)])
        }
        var overall = ReportTable(id: "auditors", columns: [
            ReportColumn("auditor", "Auditor"), ReportColumn("sessions", "Sessions", numeric: true),
            ReportColumn("mean_absolute_difference", "Mean |score − reference|", numeric: true), ReportColumn("differing_share", "Answers differing", numeric: true),
        ])
        for (auditor, entry) in summary.sorted(by: { $0.value.absolute / Double($0.value.sessions) > $1.value.absolute / Double($1.value.sessions) }) {
            overall.rows.append([.text(auditor), .count(entry.sessions), .score(entry.absolute / Double(entry.sessions)),
                                 .rate(entry.compared > 0 ? Double(entry.differing) / Double(entry.compared) : nil, higherIsWorse: true)])
        }
        let notes = rows.isEmpty ? ["No closed calibration session yet."] : []
        return ReportDocument(kind: "calibration-trend", title: "Calibration: each auditor against the reference over sessions", facts: [], notes: notes,
                              sections: [ReportSection("Auditors, most apart first", .table(overall)), ReportSection("By session", .table(table))], export: table)
    }
}
