/// Incentive runs name their policy (one finalised run per policy and period, enforced by an index),
/// keep the finaliser's reason and which run a correction run corrects; an incentive line keeps its
/// whole content (explanation and evidence) in a compact blob; feedback keeps its channel.
enum Schema005 {
    static let migration = Migration(version: 5, name: "incentive runs and feedback channels", sql: sql)

    static let sql = """
    ALTER TABLE feedback ADD COLUMN channel TEXT;
    ALTER TABLE incentive_line ADD COLUMN content BLOB;
    ALTER TABLE incentive_run ADD COLUMN policy_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE incentive_run ADD COLUMN finalise_reason TEXT;
    ALTER TABLE incentive_run ADD COLUMN correction_of INTEGER REFERENCES incentive_run (id);
    CREATE UNIQUE INDEX incentive_run_one_final ON incentive_run (policy_id, period) WHERE finalised_at IS NOT NULL;
    CREATE INDEX incentive_run_by_policy ON incentive_run (policy_id, period, id);
    """
}
