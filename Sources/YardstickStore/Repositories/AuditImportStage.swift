import Foundation
import YardstickCore

/// Where a bulk import keeps its checked, scored and sealed audits until they are written: the
/// audits in a `SpillTable` (appended rows in memory and an unlinked temporary file, no B-tree),
/// their comments, external ids and overflowing sums in tables of the connection's private
/// temporary database. Filling it takes no lock on the store, so other auditors keep writing
/// while a large file is read; `write` then copies every staged audit into the store in one
/// statement, inside the caller's (short) write transaction.
///
/// The temporary files are unlinked as soon as they are created, so a killed import leaves
/// nothing behind, and the store itself is untouched until the one transaction that writes the
/// audits commits.
public final class AuditImportStage {
    let database: Database
    /// The stage's tables, in the `temp` schema under names no store table has (a temporary table shadows a namesake).
    static let commentTable = "temp.import_stage_comment"
    /// The external ids of the staged audits, written in bulk only when the filter cannot rule a repeat out.
    static let externalTable = "temp.import_stage_external"
    /// The staged audits' table (virtual, over `audits`), and its columns after `position`.
    static let auditTable = "yardstick_import_stage"
    static let auditColumns = ["source_row", "external_id", "form_version_id", "standard_version_id", "agent_id", "location_id", "auditor",
                               "occurred_on", "period_month", "status", "answers", "results", "score", "band", "outcome", "critical_fail",
                               "content_hash", "team_id", "site_id", "flags"]
    private static let contentHashColumn: Int = {
        guard let column = auditColumns.firstIndex(of: "content_hash") else { preconditionFailure("the stage keeps each audit's content hash") }
        return column
    }()
    public static let aggregateTables = AggregateTables(agents: "temp.import_stage_month_stats", scopes: "temp.import_stage_scope_month_stats")
    /// Every table the stage keeps in the `temp` schema.
    private static let temporaryTables = [commentTable, externalTable, aggregateTables.agents, aggregateTables.scopes]
    private let audits: SpillTable
    private let insertComment: Statement
    private let findExternal: Statement
    private let probeExternal: Statement
    /// Statements over the spill table, let go before it is unregistered.
    private var indexExternalIDs: Statement?, findStagedExternal: Statement?
    /// Which external ids may already be staged; the staged ids are in `externalTable` up to position `indexedThrough`.
    private var externalIDs: ExternalIDFilter
    private var indexedThrough: Int64 = 0
    /// Set when the stage is written: its filter is gone, so nothing more can be staged.
    private var written = false
    /// Staged audits so far; an audit's position (1…count) decides its id in the store.
    public var count: Int64 { audits.count }
    /// How often an external id had to be looked up among the staged ones (the filter could not rule it out).
    public var externalIDLookups: Int { externalIDs.maybes }
    /// Every row the staged audits refer to, checked once each when they are written (not per audit).
    private var agents = Set<String>(), teams = Set<String>(), locations = Set<String>(), versions = Set<Int64>()
    private var detached = false
    /// The connection's temporary journal mode before the stage switched it off (set back when it is dropped).
    private var journalModeBefore: String?

    /// The filter's size when the file's is unknown (a pipe): 4 MiB, about a million ids.
    public static let defaultFilterBits = 1 << 25

    /// A filter size for a file of `bytes`: 32 bits for every 100 bytes (a row of the benchmark's
    /// wide CSV has 170), between 512 KiB and 16 MiB; the default when the size is unknown.
    public static func filterBits(forFileBytes bytes: Int?) -> Int {
        guard let bytes else { return defaultFilterBits }
        return min(max(bytes / 100 * 32, 1 << 22), 1 << 27)
    }

    /// Creates an empty stage beside `database`'s store; also inside a caller's transaction.
    /// - Parameters:
    ///   - filterBits: the size of the filter that rules out repeated external ids without a lookup
    ///     (rounded up to a power of two; `filterBits(forFileBytes:)` sizes it for a file).
    ///   - spillBufferBytes: how much of the staged audits stays in memory before they go to the temporary file.
    public init(database: Database, cacheKibibytes: Int = 4 << 10, filterBits: Int = defaultFilterBits, spillBufferBytes: Int = 1 << 20) throws {
        self.database = database
        externalIDs = ExternalIDFilter(bits: filterBits)
        let tables = Self.aggregateTables
        Self.drop(database)
        audits = try SpillTable(database: database, name: Self.auditTable, columns: Self.auditColumns, bufferBytes: spillBufferBytes)
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
                CREATE TABLE \(Self.commentTable) (position INTEGER NOT NULL, field_id TEXT NOT NULL, text TEXT NOT NULL);
                CREATE TABLE \(Self.externalTable) (external_id TEXT PRIMARY KEY) WITHOUT ROWID;
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
            insertComment = try database.prepare("INSERT INTO \(Self.commentTable) (position, field_id, text) VALUES (?, ?, ?)")
            findExternal = try database.prepare("SELECT \(AuditRepository.columns) FROM main.audit WHERE external_id = ?")
            probeExternal = try database.prepare("SELECT 1 FROM main.audit WHERE external_id IS NOT NULL LIMIT 1")
            indexExternalIDs = try database.prepare(
                "INSERT INTO \(Self.externalTable) (external_id) SELECT external_id FROM \(Self.auditTable) WHERE position > ? AND external_id IS NOT NULL")
            findStagedExternal = try database.prepare("SELECT 1 FROM \(Self.externalTable) WHERE external_id = ?")
        } catch {
            audits.unregister()
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
        insertComment.reset()
        findExternal.reset()
        probeExternal.reset()
        indexExternalIDs = nil
        findStagedExternal = nil
        audits.unregister()
        Self.drop(database)
        if let mode = journalModeBefore, mode.allSatisfy(\.isLetter), !database.isInTransaction {
            try? database.execute("PRAGMA temp.journal_mode = \(mode)")
        }
    }

    private static func drop(_ database: Database) {
        for table in temporaryTables {
            try? database.execute("DROP TABLE IF EXISTS \(table)")
        }
    }

    /// Runs `body`, which stages audits, in one transaction of the stage alone: the store is only
    /// read (one snapshot), never locked for writing. Rolled back when `body` throws. Inside a
    /// caller's transaction it is a savepoint of that transaction.
    public func fill<T>(_ body: () throws -> T) throws -> T {
        if database.isInTransaction {
            do { return try database.savepoint(body) } catch {
                forgetStaged()
                throw error
            }
        }
        try database.execute("BEGIN DEFERRED")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            forgetStaged()
            throw error
        }
    }

    /// After a failed fill: the stage's temporary tables keep no journal, so a rollback cannot be
    /// counted on to empty them; everything staged is deleted.
    private func forgetStaged() {
        for table in Self.temporaryTables {
            try? database.execute("DELETE FROM \(table)")
        }
        audits.removeAll()
        externalIDs.removeAll()
        indexedThrough = 0
        agents.removeAll()
        teams.removeAll()
        locations.removeAll()
        versions.removeAll()
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
        precondition(!written, "an audit staged after the stage was written")
        if let externalID = audit.externalID, externalIDs.mightContain(externalID), try isStaged(externalID: externalID) { return nil }
        let position = count + 1
        audits.beginRow()
        audits.append(Int64(sourceRow))
        audits.append(audit.externalID)
        audits.append(audit.formVersionID)
        audits.append(audit.standardVersionID)
        audits.append(audit.agentID)
        audits.append(audit.locationID)
        audits.append(audit.auditor)
        audits.append(audit.occurredOn.description)
        audits.append(Int64(audit.occurredOn.monthKey))
        audits.append(audit.status.rawValue)
        audits.append(blob: audit.answers)
        audits.append(blob: audit.results)
        audits.append(audit.score.score)
        audits.append(audit.score.band)
        audits.append(audit.score.outcome.rawValue)
        audits.append(Int64(audit.score.criticalFail ? 1 : 0))
        audits.append(audit.contentHash)
        audits.append(audit.placement.teamID)
        audits.append(audit.placement.locationID)
        audits.append(audit.flags.isEmpty ? nil : audit.flags.joined(separator: "\n"))
        try audits.endRow()
        if let externalID = audit.externalID { externalIDs.insert(externalID) }
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

    /// Whether an audit of the stage has `externalID`: the ids staged since the last look go to
    /// their table first (in one statement), then it is asked.
    private func isStaged(externalID: String) throws -> Bool {
        guard let indexExternalIDs, let findStagedExternal else { preconditionFailure("the stage was used after it was detached") }
        if indexedThrough < count {
            try indexExternalIDs.bind(indexedThrough)
            try readingStagedAudits { try indexExternalIDs.run() }
            indexedThrough = count
        }
        try findStagedExternal.bind(externalID)
        defer { findStagedExternal.reset() }
        return try findStagedExternal.step()
    }

    /// Runs `body`, which reads the staged audits through SQL; when reading them failed, the
    /// spill table's own error is thrown rather than SQLite's "error in the virtual table".
    private func readingStagedAudits<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            if let failure = audits.takeReadFailure() { throw failure }
            throw error
        }
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
        guard let row = try readingStagedAudits({ try database.queryFirst(
            """
            SELECT s.external_id, s.source_row, a.id FROM \(Self.auditTable) s CROSS JOIN main.audit a ON a.external_id = s.external_id
            ORDER BY s.position LIMIT 1
            """) }), let externalID = row.text(0), let sourceRow = row.integer(1).flatMap({ Int(exactly: $0) }), let storedID = row.integer(2) else {
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
        // Staging is over: the filter's memory goes before the copy fills the page cache.
        externalIDs.removeAll()
        written = true
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
        try readingStagedAudits {
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
        }
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
        try audits.forEach { row in try body(row.position, row.text(Self.contentHashColumn) ?? "") }
    }
}

/// A Bloom filter over external ids: "no" is certain, "maybe" is checked in the stage's table.
/// Blocked: an id's eight bits lie in one 64-byte line, one bit in each of its words, so a look
/// costs one cache miss. Fixed in size, so memory stays flat: 32 bits an id give about one
/// needless lookup in 10,000 (at 4 MiB, a million ids); it fills as ids outnumber its size
/// (half of all looks at 4 MiB and ten million ids), and each needless lookup then costs a look
/// at the rows staged since the last one.
struct ExternalIDFilter {
    private var words: [UInt64] = []
    private let blockMask: UInt64
    /// Looks that could not rule the id out.
    private(set) var maybes = 0

    init(bits: Int) {
        var blocks = 1
        while blocks * 512 < bits, blocks < 1 << 30 { blocks <<= 1 }
        blockMask = UInt64(blocks - 1)
    }

    /// Frees the memory: the filter is empty again (it then rules every id out).
    mutating func removeAll() {
        words = []
    }

    mutating func mightContain(_ id: String) -> Bool {
        guard !words.isEmpty else { return false }
        let (block, bits) = Self.line(id, blockMask)
        for word in 0..<8 where words[block + word] & (1 << ((bits >> (word * 6)) & 63)) == 0 { return false }
        maybes += 1
        return true
    }

    mutating func insert(_ id: String) {
        if words.isEmpty { words = Array(repeating: 0, count: Int(blockMask + 1) * 8) }
        let (block, bits) = Self.line(id, blockMask)
        for word in 0..<8 { words[block + word] |= 1 << ((bits >> (word * 6)) & 63) }
    }

    /// The id's line (its first word) and 48 bits choosing one bit in each of its eight words,
    /// from a 64-bit FNV-1a hash of its bytes put through two finalisers.
    private static func line(_ id: String, _ blockMask: UInt64) -> (Int, UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var first = hash ^ (hash >> 33)
        first &*= 0xff51_afd7_ed55_8ccd
        first ^= first >> 33
        var second = hash &+ 0x9e37_79b9_7f4a_7c15
        second = (second ^ (second >> 30)) &* 0xbf58_476d_1ce4_e5b9
        second = (second ^ (second >> 27)) &* 0x94d0_49bb_1331_11eb
        second ^= second >> 31
        return (Int(first & blockMask) * 8, second)
    }
}
