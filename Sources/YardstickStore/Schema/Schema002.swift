/// Tamper evidence and safe concurrent changes: a revision for compare-and-set writes and a
/// content hash on every audit, the hash each history entry produced, who acted (as given and as
/// the OS login), and which stored version of each definition is current (so loading an older
/// content again makes it current, on the record).
enum Schema002 {
    static let migration = Migration(version: 2, name: "revisions, content hashes, current definitions", sql: sql,
                                     backfill: { database, timestamp in try LegacyAuditSealer.seal(database, at: timestamp) })

    static let sql = """
    ALTER TABLE audit ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
    ALTER TABLE audit ADD COLUMN content_hash TEXT CHECK (content_hash IS NULL OR length(content_hash) = 64);

    ALTER TABLE journal ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
    ALTER TABLE journal ADD COLUMN login TEXT;
    ALTER TABLE journal ADD COLUMN content_hash TEXT CHECK (content_hash IS NULL OR length(content_hash) = 64);

    CREATE TABLE definition_current (
        kind TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES definition_version (id),
        PRIMARY KEY (kind, doc_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO definition_current (kind, doc_id, version_id)
        SELECT kind, doc_id, max(id) FROM definition_version GROUP BY kind, doc_id;
    """
}
