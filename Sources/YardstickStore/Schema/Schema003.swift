/// Settings changes are history too: the journal's subjects gain `setting`. SQLite cannot change a
/// CHECK in place, so the journal is copied, row for row and hash for hash, into a table that allows it.
enum Schema003 {
    static let migration = Migration(version: 3, name: "settings in the history", sql: sql, rebuildsTables: true)

    // Disputes may point into the journal: SQLite's table-rebuild procedure turns foreign keys off
    // around it and checks them before commit (see `rebuildsTables`).
    static let sql = """
    DROP TRIGGER journal_is_append_only_update;
    DROP TRIGGER journal_is_append_only_delete;
    CREATE TABLE journal_next (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ('audit', 'incentive_run', 'coaching_plan', 'calibration', 'dispute', 'definition', 'agent', 'setting')),
        subject_id TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2)),
        login TEXT,
        content_hash TEXT CHECK (content_hash IS NULL OR length(content_hash) = 64)
    ) STRICT;
    INSERT INTO journal_next (id, at, actor, subject, subject_id, action, reason, detail, previous_hash, hash, format, login, content_hash)
        SELECT id, at, actor, subject, subject_id, action, reason, detail, previous_hash, hash, format, login, content_hash FROM journal;
    DROP TABLE journal;
    ALTER TABLE journal_next RENAME TO journal;
    CREATE INDEX journal_by_subject ON journal (subject, subject_id, id);
    CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    """
}
