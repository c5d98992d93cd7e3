import YardstickCore

/// One stored calibration session with its participants.
public struct StoredCalibrationSession: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var interaction: String
    public var formVersionID: Int64
    public var standardVersionID: Int64?
    public var agentID: String?
    public var locationID: String?
    public var expert: String?
    public var openedBy: String
    public var openedAt: String
    public var closedAt: String?
    public var auditors: [String]

    public var isOpen: Bool { closedAt == nil }

    public var content: CalibrationContent {
        CalibrationContent(id: id, title: title, interaction: interaction, formVersionID: formVersionID, expert: expert, auditors: auditors, closedAt: closedAt,
                           standardVersionID: standardVersionID, agentID: agentID, locationID: locationID, openedBy: openedBy, openedAt: openedAt)
    }
}

/// Calibration sessions and the audits filled for them.
public struct CalibrationRepository {
    let database: Database

    public func open(title: String, interaction: String, formVersionID: Int64, standardVersionID: Int64, agentID: String?, locationID: String?,
                     expert: String?, auditors: [String], by: String, at timestamp: String) throws -> StoredCalibrationSession {
        try database.run(
            """
            INSERT INTO calibration_session (title, interaction_ref, form_version_id, standard_version_id, agent_id, location_id, expert, opened_by, opened_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, title, interaction, formVersionID, standardVersionID, agentID, locationID, expert, by, timestamp)
        let id = database.lastInsertedRowID
        let insert = try database.prepare("INSERT INTO calibration_participant (session_id, auditor) VALUES (?, ?)")
        for auditor in auditors {
            try insert.bind(id, auditor)
            try insert.run()
        }
        guard let session = try session(id: id) else { throw StoreError.changedMeanwhile("the session just opened cannot be read back") }
        return session
    }

    public func close(id: Int64, at timestamp: String) throws -> Bool {
        try database.run("UPDATE calibration_session SET closed_at = ? WHERE id = ? AND closed_at IS NULL", timestamp, id)
        return database.changes == 1
    }

    public func session(id: Int64) throws -> StoredCalibrationSession? {
        try sessions(where: "id = ?", id).first
    }

    public func all() throws -> [StoredCalibrationSession] { try sessions(where: "1 = 1") }

    private func sessions(where condition: String, _ parameters: any SQLBindable...) throws -> [StoredCalibrationSession] {
        let statement = try database.prepare(
            """
            SELECT id, title, interaction_ref, form_version_id, standard_version_id, agent_id, location_id, expert, opened_by, opened_at, closed_at
            FROM calibration_session WHERE \(condition) ORDER BY id
            """)
        try statement.bind(parameters)
        let participants = try database.prepare("SELECT auditor FROM calibration_participant WHERE session_id = ? ORDER BY auditor")
        var result: [StoredCalibrationSession] = []
        for row in try statement.rows() {
            let origin = Row.Origin("calibration session", row.integer(0).map { String($0) } ?? "?")
            let id = try row.requiredInteger(0, "id", of: origin)
            try participants.bind(id)
            result.append(StoredCalibrationSession(
                id: id, title: try row.requiredText(1, "title", of: origin), interaction: try row.requiredText(2, "interaction_ref", of: origin),
                formVersionID: try row.requiredInteger(3, "form_version_id", of: origin),
                standardVersionID: try row.optionalInteger(4, "standard_version_id", of: origin), agentID: try row.optionalText(5, "agent_id", of: origin),
                locationID: try row.optionalText(6, "location_id", of: origin), expert: try row.optionalText(7, "expert", of: origin),
                openedBy: try row.requiredText(8, "opened_by", of: origin), openedAt: try row.requiredText(9, "opened_at", of: origin),
                closedAt: try row.optionalText(10, "closed_at", of: origin), auditors: try participants.rows().map { $0.string(0) }))
        }
        return result
    }

    /// The session's audits (any status but draft), by id: one per auditor who submitted.
    public func submittedAudits(session id: Int64) throws -> [(auditID: Int64, auditor: String)] {
        try database.query("SELECT id, auditor FROM audit WHERE calibration_session_id = ? AND status <> 'draft' ORDER BY id", id)
            .map { (try $0.requiredInteger(0, "id", of: Row.Origin("audit", "?")), $0.string(1)) }
    }

    /// A draft the auditor already started for the session, if any.
    public func draft(session id: Int64, auditor: String) throws -> Int64? {
        try database.queryFirst("SELECT id FROM audit WHERE calibration_session_id = ? AND auditor = ? AND status = 'draft'", id, auditor)?.integer(0)
    }
}

extension Store {
    public var calibration: CalibrationRepository { CalibrationRepository(database: database) }
}
