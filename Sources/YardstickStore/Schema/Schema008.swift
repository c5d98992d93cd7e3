/// Calibration sessions name who or what the interaction was about (an audit needs an agent or a
/// location), and the standard version their audits are scored against.
enum Schema008 {
    static let migration = Migration(version: 8, name: "calibration subjects", sql: sql)

    static let sql = """
    ALTER TABLE calibration_session ADD COLUMN standard_version_id INTEGER REFERENCES definition_version (id);
    ALTER TABLE calibration_session ADD COLUMN agent_id TEXT REFERENCES agent (id);
    ALTER TABLE calibration_session ADD COLUMN location_id TEXT REFERENCES location (id);
    CREATE INDEX audit_by_calibration ON audit (calibration_session_id) WHERE calibration_session_id IS NOT NULL;
    -- One submission per participant and session, whatever path it came by.
    CREATE UNIQUE INDEX calibration_one_submission ON audit (calibration_session_id, auditor)
        WHERE calibration_session_id IS NOT NULL AND status <> 'draft';
    """
}
