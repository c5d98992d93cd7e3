import Foundation
import YardstickCore

/// Where a bulk import keeps its checked, scored and sealed audits until they are written: tables
/// in the connection's private temporary database. Filling it takes no lock on the
/// store, so other auditors keep writing while a large file is read; `write` then copies every
/// staged audit into the store in one statement, inside the caller's (short) write transaction.
///
/// SQLite deletes the temporary file when the connection closes and unlinks it as soon as it is
/// created, so a killed import leaves nothing behind, and the store itself is untouched until
/// the one transaction that writes the audits commits.
public final class AuditImportStage {
    let database: Database
    /// The stage's tables, in the `temp` schema under names no store table has (a temporary table shadows a namesake).
    static let auditTable = "temp.import_stage_audit"
    static let commentTable = "temp.import_stage_comment"
    public static let aggregateTables = AggregateTables(agents: "temp.import_stage_month_stats", scopes: "temp.import_stage_scope_month_stats")
    private let insertAudit: Statement
    private let insertComment: Statement
    private let findExternal: Statement
    private let probeExternal: Statement
    /// One staged row's parameters, in a buffer kept from row to row.
    private var rowParameters = InPlaceParameters()
    /// Staged audits so far; an audit's position (1…count) decides its id in the store.
    public private(set) var count: Int64 = 0
    /// Every row the staged audits refer to, checked once each when they are written (not per audit).
    private var agents = Set<String>(), teams = Set<String>(), locations = Set<String>(), versions = Set<Int64>()
    private var detached = false
    /// The connection's temporary journal mode before the stage switched it off (set back when it is dropped).
    private var journalModeBefore: String?

    /// Creates an empty stage beside `database`'s store; also inside a caller's transaction.
    public init(database: Database, cacheKibibytes: Int = 4 << 10) throws {
        self.database = database
        let tables = Self.aggregateTables
        Self.drop(database)
        do {
            try database.execute("PRAGMA temp.cache_size = -\(max(cacheKibibytes, 256))")
            // The stage is thrown away whenever anything fails: it needs no rollback journal. (Inside
            // a caller's transaction the mode cannot change; the stage then keeps its journal.)
            if !database.isInTransaction {
                journalModeBefore = try database.queryFirst("PRAGMA temp.journal_mode")?.text(0)
                try database.execute("PRAGMA temp.journal_mode = OFF")
            }
            try database.execute(
                """
                CREATE TABLE \(Self.auditTable) (
                    position INTEGER PRIMARY KEY,
                    source_row INTEGER NOT NULL,
                    external_id TEXT UNIQUE,
                    form_version_id INTEGER NOT NULL,
                    standard_version_id INTEGER NOT NULL,
                    agent_id TEXT,
                    location_id TEXT,
                    auditor TEXT NOT NULL,
                    occurred_on TEXT NOT NULL,
                    period_month INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    answers BLOB NOT NULL,
                    results BLOB,
                    score REAL,
                    band TEXT,
                    outcome TEXT,
                    critical_fail INTEGER,
                    content_hash TEXT,
                    team_id TEXT,
                    site_id TEXT,
                    flags TEXT
                );
                CREATE TABLE \(Self.commentTable) (position INTEGER NOT NULL, field_id TEXT NOT NULL, text TEXT NOT NULL);
                """)
            // The store's columns, and its key as a unique index, so sums merge into the stage as into the store.
            for (table, staged, key) in [("month_stats", tables.agents, AggregateAccumulator.keyColumns),
                                         ("scope_month_stats", tables.scopes, AggregateAccumulator.scopeKeyColumns)] {
                let name = staged.split(separator: ".").last.map(String.init) ?? staged
                try database.execute(
                    """
                    CREATE TABLE \(staged) AS SELECT * FROM main.\(table) WHERE 0;
                    CREATE UNIQUE INDEX temp.\(name)_key ON \(name) (\(key));
                    """)
            }
            insertAudit = try database.prepare(
                """
                INSERT INTO \(Self.auditTable) (position, source_row, external_id, form_version_id, standard_version_id, agent_id, location_id, auditor,
                                            occurred_on, period_month, status, answers, results, score, band, outcome, critical_fail,
                                            content_hash, team_id, site_id, flags)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
                ON CONFLICT (external_id) DO NOTHING
                """)
            insertComment = try database.prepare("INSERT INTO \(Self.commentTable) (position, field_id, text) VALUES (?, ?, ?)")
            findExternal = try database.prepare("SELECT \(AuditRepository.columns) FROM main.audit WHERE external_id = ?")
            probeExternal = try database.prepare("SELECT 1 FROM main.audit WHERE external_id IS NOT NULL LIMIT 1")
        } catch {
            Self.drop(database)
            throw error
        }
    }

    /// One scored audit of a bulk import, ready to store.
    public struct NewAudit: Sendable {
        public var externalID: String?
        public var formVersionID: Int64
        public var standardVersionID: Int64
        public var agentID: String?
        public var locationID: String?
        public var auditor: String
        public var occurredOn: ISODate
        public var status: AuditStatus
        public var answers: [UInt8]
        public var results: [UInt8]
        public var score: ScoreSummary
        public var comments: [String: String]
        public var contentHash: String
        public var placement: AuditPlacement
        public var flags: [String]

        public init(externalID: String?, formVersionID: Int64, standardVersionID: Int64, agentID: String?, locationID: String?, auditor: String,
                    occurredOn: ISODate, status: AuditStatus, answers: [UInt8], results: [UInt8], score: ScoreSummary,
                    comments: [String: String], contentHash: String, placement: AuditPlacement, flags: [String] = []) {
            self.externalID = externalID
            self.formVersionID = formVersionID
            self.standardVersionID = standardVersionID
            self.agentID = agentID
            self.locationID = locationID
            self.auditor = auditor
            self.occurredOn = occurredOn
            self.status = status
            self.answers = answers
            self.results = results
            self.score = score
            self.comments = comments
            self.contentHash = contentHash
            self.placement = placement
            self.flags = flags
        }
    }

    deinit { detach() }

    /// Drops the stage (and its temporary file). Nothing may use it afterwards.
    public func detach() {
        guard !detached else { return }
        detached = true
        insertAudit.reset()
        insertComment.reset()
        findExternal.reset()
        probeExternal.reset()
        Self.drop(database)
        if let mode = journalModeBefore, mode.allSatisfy(\.isLetter), !database.isInTransaction {
            try? database.execute("PRAGMA temp.journal_mode = \(mode)")
        }
    }

    private static func drop(_ database: Database) {
        for table in [auditTable, commentTable, aggregateTables.agents, aggregateTables.scopes] {
            try? database.execute("DROP TABLE IF EXISTS \(table)")
        }
    }

    /// Runs `body`, which stages audits, in one transaction of the stage alone: the store is only
    /// read (one snapshot), never locked for writing. Rolled back when `body` throws. Inside a
    /// caller's transaction it is a savepoint of that transaction.
    public func fill<T>(_ body: () throws -> T) throws -> T {
        if database.isInTransaction { return try database.savepoint(body) }
        try database.execute("BEGIN DEFERRED")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Whether any stored audit has an external id: when none has, no row of a file can repeat one.
    public func storeHasExternalIDs() throws -> Bool {
        probeExternal.reset()
        defer { probeExternal.reset() }
        return try probeExternal.step()
    }

    /// The stored audit with `externalID`, if any (comments not loaded).
    public func stored(externalID: String) throws -> StoredAudit? {
        try findExternal.bind(externalID)
        defer { findExternal.reset() }
        guard try findExternal.step() else { return nil }
        return try AuditRepository.audit(findExternal.row)
    }

    /// Stages `audit` (from row `sourceRow` of its file); its position, or nil when an earlier audit
    /// of the stage has its external id.
    public func stage(_ audit: NewAudit, sourceRow: Int) throws -> Int64? {
        rowParameters.removeAll()
        let position = count + 1
        rowParameters.bind(position, at: 1)
        rowParameters.bind(Int64(sourceRow), at: 2)
        rowParameters.bind(audit.externalID, at: 3)
        rowParameters.bind(audit.formVersionID, at: 4)
        rowParameters.bind(audit.standardVersionID, at: 5)
        rowParameters.bind(audit.agentID, at: 6)
        rowParameters.bind(audit.locationID, at: 7)
        rowParameters.bind(audit.auditor, at: 8)
        rowParameters.bind(audit.occurredOn.description, at: 9)
        rowParameters.bind(Int64(audit.occurredOn.monthKey), at: 10)
        rowParameters.bind(audit.status.rawValue, at: 11)
        rowParameters.bind(blob: audit.answers, at: 12)
        rowParameters.bind(blob: audit.results, at: 13)
        rowParameters.bind(audit.score.score, at: 14)
        rowParameters.bind(audit.score.band, at: 15)
        rowParameters.bind(audit.score.outcome.rawValue, at: 16)
        rowParameters.bind(audit.score.criticalFail ? 1 : 0, at: 17)
        rowParameters.bind(audit.contentHash, at: 18)
        rowParameters.bind(audit.placement.teamID, at: 19)
        rowParameters.bind(audit.placement.locationID, at: 20)
        rowParameters.bind(audit.flags.isEmpty ? nil : audit.flags.joined(separator: "\n"), at: 21)
        try insertAudit.run(rowParameters)
        guard database.changes > 0 else { return nil }
        count = position
        if let agent = audit.agentID { agents.insert(agent) }
        if let location = audit.locationID { locations.insert(location) }
        if let team = audit.placement.teamID { teams.insert(team) }
        if let site = audit.placement.locationID { locations.insert(site) }
        versions.insert(audit.formVersionID)
        versions.insert(audit.standardVersionID)
        for (field, text) in audit.comments.sorted(by: { $0.key < $1.key }) {
            try insertComment.bind(position, field, text)
            try insertComment.run()
        }
        return position
    }

    /// Merges `sums` into the stage's aggregate tables (when more keys are gathered than memory should hold).
    public func stage(_ sums: inout AggregateAccumulator) throws {
        try sums.flush(into: database, tables: Self.aggregateTables)
    }

    /// The id the first staged audit gets when written now: one past the highest stored id. An
    /// error when the ids the staged audits need would pass the largest one SQLite has.
    public func nextID() throws -> Int64 {
        let highest = try database.queryFirst("SELECT max(id) FROM main.audit")?.integer(0) ?? 0
        let (next, overflow) = highest.addingReportingOverflow(1)
        let (_, beyond) = next.addingReportingOverflow(max(count, 1) - 1)
        guard !overflow, !beyond else {
            throw StoreError.damagedRow(table: "audit", id: String(highest), column: "id", problem: "is the highest id and leaves no room for \(count) more audits")
        }
        return next
    }

    /// A stored external id that an audit of the stage also has (another process stored it after
    /// the file was checked), with the file's row and the stored audit. Only asked when the write
    /// failed on the unique external id.
    public func externalIDTakenMeanwhile() throws -> (externalID: String, sourceRow: Int, storedID: Int64)? {
        guard let row = try database.queryFirst(
            """
            SELECT s.external_id, s.source_row, a.id FROM \(Self.auditTable) s JOIN main.audit a ON a.external_id = s.external_id
            ORDER BY s.position LIMIT 1
            """), let externalID = row.text(0), let sourceRow = row.integer(1).flatMap({ Int(exactly: $0) }), let storedID = row.integer(2) else {
            return nil
        }
        return (externalID, sourceRow, storedID)
    }

    /// Copies every staged audit, its comments and the staged aggregates into the store, the audit at
    /// position p getting id `firstID + p - 1`. Runs inside the caller's write transaction.
    ///
    /// The agents, teams, locations and definition versions the audits refer to are checked once
    /// each, in this transaction, so the copy is correct also when the caller has switched off
    /// SQLite's per-row foreign-key checks for it (`Database.withoutForeignKeyChecks`).
    public func write(firstID: Int64, at timestamp: String) throws {
        for (table, ids) in [("agent", agents), ("team", teams), ("location", locations)] {
            let exists = try database.prepare("SELECT 1 FROM main.\(table) WHERE id = ?")
            for id in ids.sorted() {
                try exists.bind(id)
                guard try exists.step() else { throw StoreError.vanished(kind: table, id: id) }
                exists.reset()
            }
        }
        let version = try database.prepare("SELECT 1 FROM main.definition_version WHERE id = ?")
        for id in versions.sorted() {
            try version.bind(id)
            guard try version.step() else { throw StoreError.vanished(kind: "definition version", id: String(id)) }
            version.reset()
        }
        try database.run(
            """
            INSERT INTO main.audit (id, external_id, form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on,
                                    period_month, status, answers, results, score, band, outcome, critical_fail, created_at, updated_at,
                                    submitted_at, released_at, content_hash, team_id, site_id, flags)
            SELECT ?1 + position - 1, external_id, form_version_id, standard_version_id, agent_id, location_id, auditor, occurred_on,
                   period_month, status, answers, results, score, band, outcome, critical_fail, ?2, ?2, ?2,
                   CASE WHEN status = 'released' THEN ?2 END, content_hash, team_id, site_id, flags
            FROM \(Self.auditTable) ORDER BY position
            """, firstID, timestamp)
        try database.run(
            """
            INSERT INTO main.audit_comment (audit_id, field_id, text)
            SELECT ?1 + position - 1, field_id, text FROM \(Self.commentTable) ORDER BY position, field_id
            """, firstID)
        let merger = try AggregateMerger(database: database)
        for rollup in [false, true] {
            try AggregateRepository(database: database).forEach(rollup: rollup, tables: Self.aggregateTables) { row in
                try merger.merge(try row.get(), rollup: rollup)
            }
        }
    }

    /// The staged audits' content hashes in position order (for the batch hash when ids moved).
    public func forEachContentHash(_ body: (Int64, String) throws -> Void) throws {
        let statement = try database.prepare("SELECT position, content_hash FROM \(Self.auditTable) ORDER BY position")
        while try statement.step() {
            let row = statement.row
            try body(row.integer(0) ?? 0, row.text(1) ?? "")
        }
    }
}
