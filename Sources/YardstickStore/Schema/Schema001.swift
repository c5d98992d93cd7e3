/// The first schema: everything of PRODUCT.md §2, so later work adds behaviour, not a redesign.
///
/// Shape for the §10 targets: one row per audit, its answers and per-criterion results packed in
/// compact blobs (not one row per answer), and per agent × month × standard aggregates kept
/// current in the same transaction as the audit, with per-criterion counters packed by slot.
/// Every aggregate is recomputable from the audits (`verify`).
enum Schema001 {
    static let migration = Migration(version: 1, name: "initial schema", sql: sql)

    static let sql = """
    CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Standards, training catalogues, forms and policies: each distinct content is one version,
    -- keyed by the SHA-256 of the file's bytes, which are kept.
    CREATE TABLE definition_version (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('standard', 'training', 'form', 'policy')),
        doc_id TEXT NOT NULL,
        version_label TEXT NOT NULL,
        title TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        content BLOB NOT NULL,
        source_path TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        UNIQUE (kind, doc_id, sha256)
    ) STRICT;
    CREATE INDEX definition_version_by_doc ON definition_version (kind, doc_id, id);

    -- Stable positions of a standard's criteria across its versions; aggregate blobs are indexed by slot.
    CREATE TABLE criterion_slot (
        standard_id TEXT NOT NULL,
        criterion_id TEXT NOT NULL,
        slot INTEGER NOT NULL CHECK (slot >= 0),
        PRIMARY KEY (standard_id, criterion_id),
        UNIQUE (standard_id, slot)
    ) STRICT, WITHOUT ROWID;

    -- The criteria of each standard version, for reports that must not re-read XML.
    CREATE TABLE standard_criterion (
        standard_version_id INTEGER NOT NULL REFERENCES definition_version (id),
        ordinal INTEGER NOT NULL,
        criterion_id TEXT NOT NULL,
        category_id TEXT NOT NULL,
        title TEXT NOT NULL,
        weight REAL NOT NULL CHECK (weight > 0),
        scale_min INTEGER,
        scale_max INTEGER,
        critical TEXT CHECK (critical IN ('zero-audit', 'zero-category', 'flag')),
        bonus INTEGER NOT NULL DEFAULT 0,
        training TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (standard_version_id, ordinal),
        UNIQUE (standard_version_id, criterion_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE team (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE location (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE agent (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES team (id),
        location_id TEXT REFERENCES location (id),
        email TEXT,
        hired_on TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX agent_by_team ON agent (team_id);

    CREATE TABLE calibration_session (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        interaction_ref TEXT NOT NULL,
        form_version_id INTEGER NOT NULL REFERENCES definition_version (id),
        expert TEXT,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT
    ) STRICT;

    CREATE TABLE calibration_participant (
        session_id INTEGER NOT NULL REFERENCES calibration_session (id),
        auditor TEXT NOT NULL,
        PRIMARY KEY (session_id, auditor)
    ) STRICT, WITHOUT ROWID;

    -- One row per audit. `answers` and `results` are compact encodings in the order of the form's
    -- fields and the standard's criteria; `context` holds the context fields as JSON.
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        form_version_id INTEGER NOT NULL REFERENCES definition_version (id),
        standard_version_id INTEGER NOT NULL REFERENCES definition_version (id),
        agent_id TEXT REFERENCES agent (id),
        location_id TEXT REFERENCES location (id),
        auditor TEXT NOT NULL,
        occurred_on TEXT NOT NULL,
        period_month INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'returned', 'released', 'final')),
        calibration_session_id INTEGER REFERENCES calibration_session (id),
        context TEXT NOT NULL DEFAULT '{}',
        answers BLOB NOT NULL,
        results BLOB,
        score REAL,
        band TEXT,
        outcome TEXT CHECK (outcome IN ('pass', 'fail')),
        critical_fail INTEGER CHECK (critical_fail IN (0, 1)),
        draft_position INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT,
        released_at TEXT,
        CHECK (agent_id IS NOT NULL OR location_id IS NOT NULL)
    ) STRICT;
    CREATE INDEX audit_by_agent_period ON audit (agent_id, period_month);
    CREATE INDEX audit_by_period ON audit (period_month);
    CREATE INDEX audit_by_status ON audit (status) WHERE status IN ('draft', 'submitted', 'in_review', 'returned');

    CREATE TABLE audit_comment (
        audit_id INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
        field_id TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (audit_id, field_id)
    ) STRICT, WITHOUT ROWID;

    -- Evidence files, stored by content hash in a folder beside the database.
    CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        audit_id INTEGER NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        file_name TEXT NOT NULL,
        byte_count INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (audit_id, sha256)
    ) STRICT;

    -- Append-only history of everything that changes a counted result: submissions, amendments,
    -- reviews, rescoring, disputes, incentive finalisations. Each entry chains the previous hash,
    -- so `verify` detects a row changed behind the tool's back.
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ('audit', 'incentive_run', 'coaching_plan', 'calibration', 'dispute', 'definition', 'agent')),
        subject_id TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX journal_by_subject ON journal (subject, subject_id, id);
    CREATE TRIGGER journal_is_append_only_update BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_is_append_only_delete BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        agent_id TEXT NOT NULL REFERENCES agent (id),
        occurred_on TEXT NOT NULL,
        period_month INTEGER NOT NULL,
        nps INTEGER CHECK (nps BETWEEN 0 AND 10),
        csat INTEGER CHECK (csat BETWEEN 1 AND 5),
        comment TEXT,
        imported_at TEXT NOT NULL,
        CHECK (nps IS NOT NULL OR csat IS NOT NULL)
    ) STRICT;
    CREATE INDEX feedback_by_agent_period ON feedback (agent_id, period_month);

    -- Running aggregates of counted audits per agent × month × standard. `criteria` packs, per
    -- criterion slot, integer counters (assessed, not-applicable, failure units, scale span units)
    -- so failure rates stay exact; scores are summed in millionths of a point for the same reason.
    CREATE TABLE agent_month_stats (
        agent_id TEXT NOT NULL REFERENCES agent (id),
        period_month INTEGER NOT NULL,
        standard_id TEXT NOT NULL,
        audits INTEGER NOT NULL,
        score_micros_sum INTEGER NOT NULL,
        score_micros_square_sum REAL NOT NULL,
        critical_fails INTEGER NOT NULL,
        criteria BLOB NOT NULL,
        PRIMARY KEY (agent_id, period_month, standard_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX agent_month_stats_by_period ON agent_month_stats (period_month);

    CREATE TABLE incentive_run (
        id INTEGER PRIMARY KEY,
        policy_version_id INTEGER NOT NULL REFERENCES definition_version (id),
        period TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finalised_by TEXT,
        finalised_at TEXT,
        fingerprint TEXT NOT NULL
    ) STRICT;

    CREATE TABLE incentive_line (
        run_id INTEGER NOT NULL REFERENCES incentive_run (id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL REFERENCES agent (id),
        eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),
        audits INTEGER NOT NULL,
        mean_score REAL,
        critical_fails INTEGER NOT NULL,
        positive_reviews INTEGER NOT NULL,
        negative_reviews INTEGER NOT NULL,
        amount_minor INTEGER NOT NULL,
        explanation TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, agent_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE coaching_plan (
        id INTEGER PRIMARY KEY,
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('agent', 'team')),
        subject_id TEXT NOT NULL,
        standard_id TEXT NOT NULL,
        window_from TEXT NOT NULL,
        window_to TEXT NOT NULL,
        due_on TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE coaching_item (
        plan_id INTEGER NOT NULL REFERENCES coaching_plan (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        criterion_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('individual', 'workshop')),
        failure_rate REAL NOT NULL,
        team_rate REAL,
        priority REAL NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        training TEXT NOT NULL DEFAULT '',
        target TEXT NOT NULL,
        due_on TEXT NOT NULL,
        follow_up_audits INTEGER NOT NULL DEFAULT 0,
        done_at TEXT,
        done_by TEXT,
        note TEXT,
        PRIMARY KEY (plan_id, ordinal)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE dispute (
        id INTEGER PRIMARY KEY,
        audit_id INTEGER NOT NULL REFERENCES audit (id),
        criterion_id TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'overturned', 'partial')),
        decided_by TEXT,
        decided_at TEXT,
        decision_reason TEXT,
        amendment_journal_id INTEGER REFERENCES journal (id)
    ) STRICT;
    CREATE INDEX dispute_by_audit ON dispute (audit_id);
    """
}
