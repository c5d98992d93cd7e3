import Foundation
import YardstickCore
import YardstickStore

/// Streams audits from CSV (one row per audit) or JSON Lines into the store: every row is checked,
/// scored and written in one transaction that is rolled back when any row is invalid (unless
/// invalid rows are to be skipped). Memory does not grow with the file.
public final class AuditImport {
    public struct Summary: Sendable {
        public var imported = 0
        public var unchanged = 0
        public var rejected = 0
        public var rows = 0
        /// Every problem is counted; only the first `problemLimit` are reported, so memory stays flat.
        public var problemCount = 0
        public var rolledBack = false
    }

    private struct FormEntry {
        var definitions: AuditDefinitions
        var reader: AuditRowReader
        var status: AuditStatus
        /// The CSV header's layout for this form, once the header is known.
        var plan: AuditRowReader.ColumnPlan?
    }

    private struct RollBack: Error {}

    let path: String
    let context: AppContext
    let reporter: ProblemReporter
    let fixedFormID: String?
    let skipInvalid: Bool
    let csvOptions: CSVOptions
    private var csvFormat: CSVFormat?
    /// How the history names where the audits came from (the path, unless told otherwise).
    public var sourceLabel: String
    private var store: Store { context.store }
    private var batchHash = BatchHash()
    private var headerChecked: Set<String> = []
    private var forms: [String: FormEntry] = [:]
    private var agents: Set<String> = []
    private var locations: Set<String> = []
    private var aggregates = AggregateAccumulator()
    private var writer: AuditBatchWriter?
    private var summary = Summary()
    private var firstID: Int64?
    private var lastID: Int64?
    private var anyReleased = false
    /// One timestamp for the whole import: it is one transaction, and reading the clock per row costs.
    private lazy var timestamp = context.now

    /// Rows between merges of the running aggregates into the database.
    public static let aggregateFlushInterval = 10_000

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
        agents = try store.agents.allIDs()
        locations = try store.agents.allLocationIDs()
        if let fixedFormID { _ = try entry(for: fixedFormID) }
        let sniffed = try FileInput.looksLikeJSONLines(path)
        let isJSONLines = sniffed || path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        do {
            try store.database.transaction {
                writer = try AuditBatchWriter(database: store.database)
                if isJSONLines { try readJSONLines() } else { try readCSV() }
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
        }
        return summary
    }

    private func entry(for formID: String) throws -> FormEntry {
        if let existing = forms[formID] { return existing }
        let definitions = try context.definitions.latest(formID: formID)
        let reviewRequired = try store.settings.reviewRequired() || definitions.form.reviewRequired
        let entry = FormEntry(definitions: definitions, reader: AuditRowReader(engine: definitions.engine),
                              status: reviewRequired ? .submitted : .released)
        forms[formID] = entry
        return entry
    }

    private func readCSV() throws {
        var columns: [String] = []
        let handle: (CSVParser.Record) throws -> Void = { [self] record in
            if columns.isEmpty {
                columns = record.fields.map { $0.trimmingWhitespace() }
                try checkHeader(columns, row: record.row)
                return
            }
            guard record.fields.count == columns.count else {
                reject(row: record.row, column: min(record.fields.count, columns.count) + 1,
                       "row \(record.row) has \(record.fields.count) fields, expected \(columns.count) as in the header")
                return
            }
            try importRow(record.fields, columns: columns, row: record.row) { [self] name in headerColumns[name] ?? 0 }
        }
        do {
            try CSVInput.stream(path, options: csvOptions, seen: { [self] in csvFormat = $0 }, emit: handle)
        } catch let error as CSVParser.SyntaxError {
            reject(row: error.row, column: error.column, error.message)
            return
        }
        if columns.isEmpty { reject(row: 1, column: 1, "the file is empty; expected a header row") }
    }

    private func checkHeader(_ columns: [String], row: Int) throws {
        guard fixedFormID != nil || columns.contains("form") else {
            throw InputError("\(path): no --form given and no 'form' column; say which form the audits are for")
        }
        headerColumns = Dictionary(columns.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { first, _ in first })
        if let fixedFormID { try checkColumns(columns, formID: fixedFormID, row: row) }
        if summary.rejected > 0 {
            if let csvFormat { reporter.report(.note(path, SourceLocation(line: row, column: 1), csvFormat.hint)) }
            throw RollBack()
        }
    }

    /// Every column must mean something to the row's form: a misspelt optional column would otherwise lose its data.
    private func checkColumns(_ columns: [String], formID: String, row: Int) throws {
        guard headerChecked.insert(formID).inserted else { return }
        for problem in try entry(for: formID).reader.headerProblems(columns) {
            reject(row: row, column: headerColumns[problem.fieldID] ?? columns.count + 1, "column '\(problem.fieldID)': \(problem.message)")
        }
    }

    private var headerColumns: [String: Int] = [:]

    private func readJSONLines() throws {
        var line = 0
        func handle(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else { return }
            var content = bytes
            if line == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
            guard let object = try? JSONSerialization.jsonObject(with: Data(content)) as? [String: Any] else {
                reject(row: line, column: 1, "not a JSON object; each line holds one audit as {\"column\": value, …}")
                return
            }
            var cells: [String: String]
            switch JSONCells.cells(object) {
            case let .success(found): cells = found
            case let .failure(problem):
                reject(row: line, column: 1, problem.message)
                return
            }
            guard let formID = fixedFormID ?? cells["form"] else {
                reject(row: line, column: 1, "no --form given and no \"form\" key")
                return
            }
            let keys = cells.keys.sorted()
            if let entry = try? entry(for: formID) {
                let unknown = entry.reader.headerProblems(keys, requiringEssentialColumns: false)
                if !unknown.isEmpty {
                    summary.rows += 1
                    summary.rejected += 1
                    for problem in unknown { record(row: line, column: 1, "key '\(problem.fieldID)': \(problem.message)") }
                    return
                }
            }
            try importRow(keys.map { cells[$0] ?? "" }, columns: keys, row: line, planPerRow: true) { _ in 1 }
        }
        // JSON never holds a raw line break inside a value, so LF, CRLF and a lone CR all end a line.
        var splitter = LineSplitter(maximumLineBytes: Self.maximumLineLength)
        do {
            try FileInput.stream(path) { chunk in
                try splitter.feed(chunk) { found in
                    line = found.number - 1
                    try handle(found.bytes)
                }
            }
            try splitter.finish { found in
                line = found.number - 1
                try handle(found.bytes)
            }
        } catch let error as LineSplitter.LineTooLongError {
            reject(row: error.line, column: 1, error.message)
        }
    }

    private func importRow(_ values: [String], columns: [String], row: Int, planPerRow: Bool = false, column: (String) -> Int) throws {
        summary.rows += 1
        if summary.rows % 5000 == 0 { reporter.progress(rows: summary.rows) }
        func cell(_ name: String) -> String? { columns.firstIndex(of: name).map { values[$0].trimmingWhitespace() } }
        let formID = fixedFormID ?? cell("form") ?? ""
        var entry: FormEntry
        do {
            entry = try self.entry(for: formID)
            if !planPerRow { try checkColumns(columns, formID: formID, row: 1) }
        } catch let error as InputError {
            reject(row: row, column: column("form"), "column 'form': \(error.message)")
            return
        }
        if planPerRow || entry.plan == nil {
            entry.plan = entry.reader.plan(columns: columns)
            entry.plan?.decimalComma = !planPerRow && (csvFormat?.separator ?? UInt8(ascii: ",")) != UInt8(ascii: ",")
            if !planPerRow { forms[formID] = entry }
        }
        guard let plan = entry.plan else { return }
        let outcome: AuditRowReader.Outcome
        do {
            outcome = try entry.reader.read(values, plan: plan)
        } catch {
            reject(row: row, column: 1, "the form's rules could not be evaluated for this row: \(error)")
            return
        }
        var problems: [FieldProblem] = []
        var parsed: (AuditRow, FormEngine.Evaluation)?
        switch outcome {
        case let .valid(audit, evaluation): parsed = (audit, evaluation)
        case let .invalid(found): problems = found
        }
        if let agent = cell("agent"), !agent.isEmpty, !agents.contains(agent) {
            problems.append(FieldProblem(fieldID: "agent", "no agent '\(agent)'; import the roster first"))
        }
        if let location = cell("location"), !location.isEmpty, !locations.contains(location) {
            problems.append(FieldProblem(fieldID: "location", "no location '\(location)'"))
        }
        // The database sees this transaction's earlier rows too, so memory does not grow with the file.
        if let externalID = cell("external_id"), !externalID.isEmpty, problems.isEmpty, let (audit, _) = parsed,
           let existing = try writer?.stored(externalID: externalID) {
            if let firstID, existing.id >= firstID {
                problems.append(FieldProblem(fieldID: "external_id", "'\(externalID)' appears earlier in this file"))
            } else if try isSame(audit, as: existing, definitions: entry.definitions) {
                summary.unchanged += 1
                return
            } else {
                problems.append(FieldProblem(fieldID: "external_id",
                    "'\(externalID)' is already stored as audit #\(existing.id) with different content; to change it use 'yardstick audit amend \(existing.id)'"))
            }
        }
        guard problems.isEmpty, let (audit, evaluation) = parsed else {
            summary.rejected += 1
            for problem in problems.sorted(by: { column($0.fieldID) < column($1.fieldID) }) {
                record(row: row, column: max(column(problem.fieldID), 1), "column '\(problem.fieldID)': \(problem.message)")
            }
            return
        }
        let score = evaluation.score, outcomes = evaluation.outcomes
        guard let writer else { return }
        let definitions = entry.definitions
        let answers = definitions.encode(audit.answers), results = definitions.encodeResults(outcomes)
        let contentHash = definitions.content(of: audit, status: entry.status, answers: answers, results: results, score: score).hash
        let id = try writer.insert(
            audit, formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID,
            answers: answers, results: results, score: score, status: entry.status, contentHash: contentHash, at: timestamp)
        batchHash.add(auditID: id, contentHash: contentHash)
        if entry.status == .released { anyReleased = true }
        firstID = firstID ?? id
        lastID = id
        summary.imported += 1
        if AuditCounting.counts(status: entry.status, calibrationSessionID: nil), let agent = audit.agentID {
            aggregates.add(agentID: agent, month: audit.occurredOn.monthKey, standard: entry.definitions.standard,
                           slots: entry.definitions.slots, score: score, outcomes: outcomes)
        }
        // Merging now and then keeps memory flat; it is the same transaction, so nothing is visible early.
        if summary.imported % Self.aggregateFlushInterval == 0 { try aggregates.flush(into: store.database) }
    }

    private func reject(row: Int, column: Int, _ message: String) {
        summary.rejected += 1
        record(row: row, column: column, message)
    }

    private func record(row: Int, column: Int, _ message: String) {
        summary.problemCount += 1
        if summary.problemCount <= Self.problemLimit {
            reporter.report(.error(path, SourceLocation(line: row, column: column), message))
        }
    }

    /// Whether a re-imported row says exactly what the stored audit says (then it is "unchanged").
    private func isSame(_ row: AuditRow, as stored: StoredAudit, definitions: AuditDefinitions) throws -> Bool {
        guard stored.agentID == row.agentID, stored.locationID == row.locationID, stored.auditor == row.auditor,
              stored.occurredOn == row.occurredOn.description else { return false }
        if stored.formVersionID == definitions.formVersion.versionID {
            guard stored.answers == definitions.encode(row.answers) else { return false }
        } else {
            // Stored under an earlier form version: compare the answers, not their encodings.
            let storedDefinitions = try context.definitions.of(stored)
            guard storedDefinitions.form.id == definitions.form.id, try storedDefinitions.decode(stored) == row.answers else { return false }
        }
        return try writer?.comments(auditID: stored.id) == row.comments
    }
}

