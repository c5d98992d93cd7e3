/// The consistency flags an audit raised when it was last evaluated (messages, one per line), so
/// `audit list --flagged` finds the reports for the editor without re-evaluating every audit.
enum Schema009 {
    static let migration = Migration(version: 9, name: "consistency flags", sql: sql)

    static let sql = """
    ALTER TABLE audit ADD COLUMN flags TEXT;
    CREATE INDEX audit_flagged ON audit (id) WHERE flags IS NOT NULL;
    """
}
