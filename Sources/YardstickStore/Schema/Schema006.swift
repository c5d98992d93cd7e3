/// Coaching plans keep their whole generated content (items, evidence, training, targets) so a plan
/// reads as it was made, and the reason when one is cancelled; an agent's plan can point to the team
/// plan that holds its workshop items.
enum Schema006 {
    static let migration = Migration(version: 6, name: "coaching plan content", sql: sql)

    static let sql = """
    ALTER TABLE coaching_plan ADD COLUMN content TEXT;
    ALTER TABLE coaching_plan ADD COLUMN cancel_reason TEXT;
    ALTER TABLE coaching_plan ADD COLUMN workshop_plan_id INTEGER REFERENCES coaching_plan (id);
    CREATE INDEX coaching_plan_by_subject ON coaching_plan (subject_kind, subject_id, id);
    """
}
