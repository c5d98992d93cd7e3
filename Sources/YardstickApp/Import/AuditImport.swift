import Foundation
import YardstickCore
import YardstickStore

/// Streams audits from CSV (one row per audit) or JSON Lines into the store: every row is checked,
/// scored and written in one transaction that is rolled back when any row is invalid (unless
/// invalid rows are to be skipped). Memory does not grow with the file.
///
/// A CSV file runs on both cores: a producer thread parses byte spans, decodes answers into the
/// plan's answer sheet, evaluates, encodes and hashes; this thread only writes, taking batches
/// from a bounded queue. The write lock is taken once the header is checked, and held for the
/// write of the rows alone.
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
    private var aggregates = AggregateAccumulator()
    private var writer: AuditBatchWriter?
    var summary = Summary()
    private var firstID: Int64?
    private var lastID: Int64?
    private var anyReleased = false
    /// One timestamp for the whole import: it is one transaction, and reading the clock per row costs.
    private lazy var timestamp = context.now
    var headerColumns: [String: Int] = [:]
    /// Time spent merging aggregates and inserting, for `YARDSTICK_TRACE_IMPORT`.
    var flushSeconds = 0.0
    var insertSeconds = 0.0
    /// `YARDSTICK_TRACE_IMPORT` is set: the writer times its inserts (two clock reads a row otherwise saved).
    let tracing = ProcessInfo.processInfo.environment["YARDSTICK_TRACE_IMPORT"] != nil

    /// Agent × month sums held in memory before they are merged into the database (about 700 bytes
    /// each for a 40-criterion standard): bounded by the roster, not the file.
    public static let aggregateKeyLimit = 50_000

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

    /// Reads, checks, scores and stores every row in one transaction (rolled back when a row is bad, unless skipping).
    public func run() throws -> Summary {
        agents = try store.agents.placements()
        locations = try store.agents.allLocationIDs()
        if let fixedFormID { _ = try entry(for: fixedFormID) }
        let sniffed = try FileInput.looksLikeJSONLines(path)
        if sniffed || path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
            try writeInOneTransaction { try readJSONLines() }
        } else {
            try importCSV()
        }
        return summary
    }

    /// Runs `body` in the import's transaction and seals it: rolled back when a row was bad (unless
    /// skipping), else the aggregates merged and one journal event for the batch.
    func writeInOneTransaction(_ body: () throws -> Void) throws {
        do {
            try store.database.transaction {
                writer = try AuditBatchWriter(database: store.database)
                try body()
                if summary.rejected > 0 && !skipInvalid { throw RollBack() }
                try aggregates.flush(into: store.database)
                if let firstID, let lastID {
                    try store.journal.append(
                        .auditsImported(AuditsImported(source: sourceLabel, firstID: firstID, lastID: lastID, imported: summary.imported,
                                                       released: anyReleased)),
                        reason: sourceLabel, contentHash: batchHash.finalized(), actor: context.actor, at: timestamp)
                }
            }
        } catch is RollBack {
            summary.rolledBack = true
            summary.imported = 0
            summary.flagged = 0
        }
    }

    func entry(for formID: String) throws -> ImportForm {
        if let existing = forms[formID] { return existing }
        let definitions = try context.definitions.latest(formID: formID)
        let reviewRequired = try store.settings.reviewRequired() || definitions.form.reviewRequired
        let entry = ImportForm(definitions: definitions, status: reviewRequired ? .submitted : .released)
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
        case var .aggregates(sums):
            let started = Date()
            try sums.flush(into: store.database)
            flushSeconds += Date().timeIntervalSince(started)
        }
    }

    private func countRow() {
        summary.rows += 1
        if summary.rows % 5000 == 0 { reporter.progress(rows: summary.rows) }
    }

    private func write(_ prepared: PreparedAudit) throws {
        guard let writer else { return }
        // The producer seals every other batch; the writer the rest, so the hashing is shared by both cores.
        let audit = prepared.audit.contentHash.isEmpty ? prepared.sealed : prepared.audit
        let started = tracing ? Date() : nil
        let inserted = try writer.insertUnlessStored(audit, at: timestamp)
        if let started { insertSeconds += Date().timeIntervalSince(started) }
        guard let id = inserted else {
            // The external id is taken: by an earlier row of this file, or by a stored audit.
            guard let externalID = audit.externalID, let existing = try writer.stored(externalID: externalID) else {
                throw InputError("\(path):\(prepared.row): the row was not stored and no stored audit has its external id; nothing was changed, run the import again")
            }
            let message: String
            if let firstID, existing.id >= firstID {
                message = "'\(externalID)' appears earlier in this file"
            } else if try isSame(prepared, as: existing) {
                summary.unchanged += 1
                try correct(prepared)
                return
            } else {
                message = "'\(externalID)' is already stored as audit #\(existing.id) with different content; to change it use 'yardstick audit amend \(existing.id)'"
            }
            summary.rejected += 1
            record(row: prepared.row, column: prepared.externalIDColumn, "column 'external_id': \(message)")
            try correct(prepared)
            return
        }
        batchHash.add(auditID: id, contentHash: audit.contentHash)
        if audit.status == .released { anyReleased = true }
        firstID = firstID ?? id
        lastID = id
        summary.imported += 1
        if !audit.flags.isEmpty { summary.flagged += 1 }
        if !prepared.aggregated { prepared.add(to: &aggregates) }
        // Merging now and then keeps memory flat; it is the same transaction, so nothing is visible early.
        if aggregates.keyCount >= Self.aggregateKeyLimit || aggregates.needsFlush { try aggregates.flush(into: store.database) }
    }

    /// Takes back what the producer already added to its sums for a row that was not stored.
    private func correct(_ prepared: PreparedAudit) throws {
        guard prepared.aggregated else { return }
        prepared.add(to: &aggregates, sign: -1)
        if aggregates.keyCount >= Self.aggregateKeyLimit || aggregates.needsFlush { try aggregates.flush(into: store.database) }
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
        return try writer?.comments(auditID: stored.id) == row.comments
    }
}
