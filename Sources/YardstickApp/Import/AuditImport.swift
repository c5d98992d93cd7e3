import Foundation
import YardstickCore
import YardstickStore

/// Streams audits from CSV (one row per audit) or JSON Lines into the store: every row is checked,
/// scored and sealed into a private stage first, without the store's write lock; then all of them
/// are written in one short transaction, or none when any row is invalid (unless invalid rows are
/// to be skipped). Memory does not grow with the file.
///
/// A CSV file runs on both cores: a producer thread parses byte spans and, batch by batch, either
/// prepares the rows itself (decodes answers into the plan's answer sheet, evaluates, encodes) or,
/// while this thread keeps up, leaves them to it; this thread prepares what it is left, seals what
/// is not yet sealed and stages, taking batches from a bounded queue.
public final class AuditImport {
    public struct Summary: Sendable {
        public var imported = 0
        public var unchanged = 0
        public var rejected = 0
        public var rows = 0
        /// Imported audits held for review because their answers raised a consistency flag.
        public var flagged = 0
        /// Every problem is counted; only the first `problemLimit` are reported, so memory stays flat.
        public var problemCount = 0
        public var rolledBack = false
    }

    struct RollBack: Error {}

    let path: String
    let context: AppContext
    let reporter: ProblemReporter
    let fixedFormID: String?
    let skipInvalid: Bool
    let csvOptions: CSVOptions
    var csvFormat: CSVFormat?
    /// How the history names where the audits came from (the path, unless told otherwise).
    public var sourceLabel: String
    var store: Store { context.store }
    private var batchHash = BatchHash()
    private var headerChecked: Set<String> = []
    var forms: [String: ImportForm] = [:]
    /// Why a registered form cannot take audits (its standard is missing), by form id.
    var formProblems: [String: String] = [:]
    var agents: [String: AuditPlacement] = [:]
    var locations: Set<String> = []
    /// The sums of the staged audits: added as each is staged (never before it is known to be
    /// stored, so no sum is ever taken back), moved to the stage when they hold many keys.
    private var aggregates = AggregateAccumulator()
    private(set) var stage: AuditImportStage?
    /// Whether a stored audit may have a row's external id (when none has an external id, no row is looked up).
    private var probeStored = true
    /// The id the first staged audit gets if nobody else stores an audit before the write; the
    /// batch hash is computed with it as the rows arrive.
    private var expectedFirstID: Int64 = 1
    var summary = Summary()
    private var anyReleased = false
    /// One timestamp for the whole import: its audits are written in one transaction, and reading the clock per row costs.
    private lazy var timestamp = context.now
    var headerColumns: [String: Int] = [:]
    /// Time spent moving sums to the stage and staging rows, for `YARDSTICK_TRACE_IMPORT`.
    var flushSeconds = 0.0
    var insertSeconds = 0.0
    /// `YARDSTICK_TRACE_IMPORT` is set: the writer times its inserts (two clock reads a row otherwise saved).
    let tracing = ProcessInfo.processInfo.environment["YARDSTICK_TRACE_IMPORT"] != nil

    /// Agent × month sums held in memory before they move to the stage (about 700 bytes each for a
    /// 40-criterion standard): bounded by the roster, not the file.
    public static let defaultAggregateKeyLimit = 50_000
    /// Keys held before sums move to the stage (a test sets it low to run that path on a small file).
    public var aggregateKeyLimit = AuditImport.defaultAggregateKeyLimit

    /// Which thread prepares (decodes, checks and scores) the rows of a CSV file: by default whichever
    /// is ahead, batch by batch. The stored result is the same whichever it is; the fixed choices
    /// let a test show that.
    public enum RowPreparation: Sendable {
        case whicheverThreadIsAhead
        case producerOnly
        case writerOnly
        /// Every other batch by each thread: both evaluate at the same time, in a fixed pattern.
        case alternatingBatches
    }

    public var rowPreparation = RowPreparation.whicheverThreadIsAhead
    /// Batches of the last CSV import that the writer's thread prepared.
    public internal(set) var batchesPreparedByWriter = 0

    /// The page cache while the staged audits are copied into the store.
    static let writeCacheKibibytes = 32 << 10

    /// Problems listed in full; beyond this only counted, so a broken file cannot flood the terminal.
    public static let problemLimit = 500

    /// The longest JSON Lines line read; beyond it the file is refused (it is not JSON Lines).
    public static let maximumLineLength = LineSplitter.standardMaximumLineBytes

    public init(path: String, formID: String?, skipInvalid: Bool, csv: CSVOptions = CSVOptions(), context: AppContext,
                reporter: ProblemReporter) {
        csvOptions = csv
        self.path = path
        self.context = context
        self.reporter = reporter
        fixedFormID = formID
        self.skipInvalid = skipInvalid
        sourceLabel = "from \(path)"
    }

    /// Reads, checks, scores and stages every row, then stores them all in one short transaction (none when a row is bad, unless skipping).
    public func run() throws -> Summary {
        agents = try store.agents.placements()
        locations = try store.agents.allLocationIDs()
        if let fixedFormID { _ = try entry(for: fixedFormID) }
        let sniffed = try FileInput.looksLikeJSONLines(path)
        if sniffed || path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
            try stageThenWrite { try readJSONLines() }
        } else {
            try importCSV()
        }
        return summary
    }

    /// Runs `body`, which reads the file and stages every checked, scored and sealed audit, without
    /// taking the store's write lock; then, unless a row was bad (and bad rows are not skipped),
    /// writes the staged audits, their comments and aggregates and one journal event for the batch
    /// in one short transaction. Other writers wait only for that transaction, not for the reading.
    func stageThenWrite(_ body: () throws -> Void) throws {
        // The external-id filter grows with the file.
        let stage = try AuditImportStage(database: store.database, filterBits: AuditImportStage.filterBits(forFileBytes: FileInput.size(of: path)))
        self.stage = stage
        defer {
            self.stage = nil
            stage.detach()
        }
        try stage.fill {
            probeStored = try stage.storeHasExternalIDs()
            // A prediction only: the write asks again, and refuses when no ids are left.
            expectedFirstID = (try? stage.nextID()) ?? 1
            try body()
        }
        if summary.rejected > 0 && !skipInvalid {
            summary.rolledBack = true
            summary.imported = 0
            summary.flagged = 0
            return
        }
        // Nothing new (every row unchanged, or none): no write at all.
        guard stage.count > 0 || !aggregates.isEmpty else { return }
        var locked = Date(), committed = Date()
        defer { if tracing { trace("write: \(Int(committed.timeIntervalSince(locked) * 1000)) ms holding the write lock, then \(milliseconds(since: committed)) ms checkpointing") } }
        // The copy re-reads index pages it has just written: a larger page cache keeps them, for the copy only.
        let cache = try store.database.cacheSizeSetting()
        try store.database.setCacheSize(kibibytes: Self.writeCacheKibibytes)
        defer { try? store.database.restoreCacheSize(cache) }
        // The stage checks what the audits refer to once per agent, team, location and version.
        try store.database.checkpointingAfterwards {
            try store.database.withoutForeignKeyChecks {
                try store.database.transaction {
                    locked = Date()
                    try writeStaged(stage)
                }
                committed = Date()
            }
        }
    }

    /// Copies the stage into the store with the aggregates and the batch's history entry; inside the write transaction.
    private func writeStaged(_ stage: AuditImportStage) throws {
        let firstID = try stage.nextID()
        let started = Date()
        // The sums in memory become rows in key order on the second core while this one copies the
        // staged audits; the accumulator goes with them, so its memory is freed early in the copy.
        let preparing = SecondCore(handing: aggregates) { $0.prepared() }
        aggregates = AggregateAccumulator()
        do {
            try stage.write(firstID: firstID, at: timestamp)
        } catch let error as SQLiteError where error.isConstraintViolation {
            guard let taken = try stage.externalIDTakenMeanwhile() else { throw error }
            throw InputError("\(path):\(taken.sourceRow):\(headerColumns["external_id"] ?? 1): column 'external_id': while the file was being checked, another process stored '\(taken.externalID)' as audit #\(taken.storedID); nothing was changed — run the import again (the row is then compared with that audit)")
        }
        let copied = Date()
        guard let prepared = preparing.result() else { throw InputError("the aggregate sums of the import were not prepared; nothing was changed") }
        try prepared.merge(into: store.database)
        if tracing { trace("write: \(Int(copied.timeIntervalSince(started) * 1000)) ms copying the staged audits, \(milliseconds(since: copied)) ms merging the aggregates") }
        guard stage.count > 0 else { return }
        var hash = batchHash
        if firstID != expectedFirstID {
            // Another process stored audits while the file was read: the batch's ids moved.
            hash = BatchHash()
            try stage.forEachContentHash { position, content in hash.add(auditID: firstID + position - 1, contentHash: content) }
        }
        try store.journal.append(
            .auditsImported(AuditsImported(source: sourceLabel, firstID: firstID, lastID: firstID + stage.count - 1, imported: summary.imported,
                                           released: anyReleased)),
            reason: sourceLabel, contentHash: hash.finalized(), actor: context.actor, at: timestamp)
    }

    func trace(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func milliseconds(since start: Date) -> Int { Int(Date().timeIntervalSince(start) * 1000) }

    func entry(for formID: String) throws -> ImportForm {
        if let existing = forms[formID] { return existing }
        let definitions = try context.definitions.latest(formID: formID)
        let reviewRequired = try store.settings.reviewRequired() || definitions.form.reviewRequired
        let entry = ImportForm(definitions: definitions, status: reviewRequired ? .submitted : .released, ordinal: forms.count)
        forms[formID] = entry
        return entry
    }

    /// Every column must mean something to the row's form: a misspelt optional column would otherwise lose its data.
    func checkColumns(_ columns: [String], formID: String, row: Int) throws {
        guard headerChecked.insert(formID).inserted else { return }
        for problem in try entry(for: formID).reader.headerProblems(columns) {
            reject(row: row, column: headerColumns[problem.fieldID] ?? columns.count + 1, "column '\(problem.fieldID)': \(problem.message)")
        }
    }

    /// Takes one item of the stream: counts it, reports its problems or writes its audit.
    func consume(_ item: ImportItem, columns: [String]) throws {
        switch item {
        case let .audit(prepared):
            countRow()
            try write(prepared)
        case let .rejected(row, problems, countsAsRow):
            if countsAsRow { countRow() }
            summary.rejected += 1
            for problem in problems { record(row: row, column: problem.column, problem.message) }
        case let .formSeen(formID):
            try checkColumns(columns, formID: formID, row: 1)
        case let .unreadable(row, column, message):
            reject(row: row, column: column, message)
        }
    }

    private func countRow() {
        summary.rows += 1
        if summary.rows % 5000 == 0 { reporter.progress(rows: summary.rows) }
    }

    private func write(_ prepared: PreparedAudit) throws {
        guard let stage else { return }
        // The producer seals the batches it makes while the writer is behind; the writer the rest.
        let audit = prepared.audit.contentHash.isEmpty ? prepared.sealed : prepared.audit
        if probeStored, let externalID = audit.externalID, let existing = try stage.stored(externalID: externalID) {
            if try isSame(prepared, as: existing) {
                summary.unchanged += 1
            } else {
                summary.rejected += 1
                record(row: prepared.row, column: prepared.externalIDColumn,
                       "column 'external_id': '\(externalID)' is already stored as audit #\(existing.id) with different content; to change it use 'yardstick audit amend \(existing.id)'")
            }
            return
        }
        let started = tracing ? Date() : nil
        let staged = try stage.stage(audit, sourceRow: prepared.row)
        if let started { insertSeconds += Date().timeIntervalSince(started) }
        guard let position = staged else {
            summary.rejected += 1
            record(row: prepared.row, column: prepared.externalIDColumn, "column 'external_id': '\(audit.externalID ?? "")' appears earlier in this file")
            return
        }
        // Wrapping: a prediction past the last id is recomputed, or refused by `nextID`, at the write.
        batchHash.add(auditID: expectedFirstID &+ (position &- 1), contentHash: audit.contentHash)
        if audit.status == .released { anyReleased = true }
        summary.imported += 1
        if !audit.flags.isEmpty { summary.flagged += 1 }
        prepared.add(to: &aggregates)
        try stageAggregatesIfLarge()
    }

    /// Keeps memory flat: the writer's sums go to the stage when they hold many keys.
    private func stageAggregatesIfLarge() throws {
        guard aggregates.keyCount >= aggregateKeyLimit || aggregates.needsFlush, let stage else { return }
        let started = Date()
        try stage.stage(&aggregates)
        flushSeconds += Date().timeIntervalSince(started)
    }

    func reject(row: Int, column: Int, _ message: String) {
        summary.rejected += 1
        record(row: row, column: column, message)
    }

    func record(row: Int, column: Int, _ message: String) {
        summary.problemCount += 1
        if summary.problemCount <= Self.problemLimit {
            reporter.report(.error(path, SourceLocation(line: row, column: column), message))
        }
    }

    /// Whether a re-imported row says exactly what the stored audit says (then it is "unchanged").
    private func isSame(_ prepared: PreparedAudit, as stored: StoredAudit) throws -> Bool {
        let row = prepared.audit
        let definitions = prepared.form.definitions
        guard stored.agentID == row.agentID, stored.locationID == row.locationID, stored.auditor == row.auditor,
              stored.occurredOn == row.occurredOn.description else { return false }
        if stored.formVersionID == definitions.formVersion.versionID {
            guard stored.answers == row.answers else { return false }
        } else {
            // Stored under an earlier form version: compare the answers, not their encodings.
            let storedDefinitions = try context.definitions.of(stored)
            var fresh = stored
            fresh.answers = row.answers
            guard storedDefinitions.form.id == definitions.form.id, try storedDefinitions.decode(stored) == definitions.decode(fresh) else { return false }
        }
        return try store.audits.comments(auditID: stored.id) == row.comments
    }
}
