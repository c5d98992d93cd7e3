import Foundation
import YardstickCore
import YardstickStore

/// Streams audits from CSV (one row per audit) or JSON Lines into the store: every row is checked,
/// scored and written in one transaction that is rolled back when any row is invalid (unless
/// invalid rows are to be skipped). Memory does not grow with the file.
final class AuditImport {
    struct Summary {
        var imported = 0
        var unchanged = 0
        var rejected = 0
        var rows = 0
        /// Every problem is counted; only the first `problemLimit` are printed, so memory stays flat.
        var problemCount = 0
        var rolledBack = false
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
    let store: Store
    let context: CommandContext
    let fixedFormID: String?
    let skipInvalid: Bool
    /// How the history names where the audits came from (the path, unless told otherwise).
    var sourceLabel: String
    private var forms: [String: FormEntry] = [:]
    private var agents: Set<String> = []
    private var locations: Set<String> = []
    private var aggregates = AggregateAccumulator()
    private var writer: AuditBatchWriter?
    private var summary = Summary()
    private var firstID: Int64?
    private var lastID: Int64?
    private let progress: ProgressLine?

    /// Rows between merges of the running aggregates into the database.
    static let aggregateFlushInterval = 10_000

    /// Problems listed in full; beyond this only counted, so a broken file cannot flood the terminal.
    static let problemLimit = 500

    init(path: String, formID: String?, skipInvalid: Bool, store: Store, context: CommandContext) {
        self.path = path
        self.store = store
        self.context = context
        fixedFormID = formID
        self.skipInvalid = skipInvalid
        sourceLabel = "from \(path)"
        progress = context.console.standardErrorIsTerminal ? ProgressLine(console: context.console) : nil
    }

    func run() throws -> Summary {
        agents = Set(try store.database.query("SELECT id FROM agent").map { $0.string(0) })
        locations = Set(try store.database.query("SELECT id FROM location").map { $0.string(0) })
        if let fixedFormID { _ = try entry(for: fixedFormID) }
        let isJSONLines = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
        do {
            try store.database.transaction {
                writer = try AuditBatchWriter(database: store.database)
                if isJSONLines { try readJSONLines() } else { try readCSV() }
                if summary.rejected > 0 && !skipInvalid { throw RollBack() }
                try aggregates.flush(into: store.database)
                if let firstID, let lastID {
                    let detail = JSONValue.object([
                        ("file", .string(path)), ("first_id", .integer(firstID)), ("last_id", .integer(lastID)),
                        ("imported", .integer(Int64(summary.imported))), ("rejected", .integer(Int64(summary.rejected))),
                    ]).rendered(pretty: false)
                    try store.journal.append(at: context.now, actor: context.actor, subject: "audit", subjectID: "import",
                                             action: "imported", reason: sourceLabel, detail: detail)
                }
            }
        } catch is RollBack {
            summary.rolledBack = true
            summary.imported = 0
        }
        progress?.finish()
        return summary
    }

    private func entry(for formID: String) throws -> FormEntry {
        if let existing = forms[formID] { return existing }
        let definitions = try AuditDefinitions.latest(formID: formID, store: store)
        let entry = FormEntry(definitions: definitions, reader: AuditRowReader(engine: definitions.engine),
                              status: try AuditSubmission.submittedStatus(definitions, store: store))
        forms[formID] = entry
        return entry
    }

    private func readCSV() throws {
        var parser = CSVParser()
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
            try importRow(record.fields, columns: columns, row: record.row) { name in (columns.firstIndex(of: name) ?? -1) + 1 }
        }
        do {
            try FileInput.stream(path) { chunk in try parser.feed(chunk, emit: handle) }
            try parser.finish(emit: handle)
        } catch let error as CSVParser.SyntaxError {
            reject(row: error.row, column: error.column, error.message)
        }
        if columns.isEmpty { reject(row: 1, column: 1, "the file is empty; expected a header row") }
    }

    private func checkHeader(_ columns: [String], row: Int) throws {
        let formIDs = fixedFormID.map { [$0] } ?? []
        guard !formIDs.isEmpty || columns.contains("form") else {
            throw InputError("\(path): no --form given and no 'form' column; say which form the audits are for")
        }
        for formID in formIDs {
            for problem in try entry(for: formID).reader.headerProblems(columns) {
                reject(row: row, column: (columns.firstIndex(of: problem.fieldID) ?? columns.count) + 1, "column '\(problem.fieldID)': \(problem.message)")
            }
        }
        if summary.rejected > 0 { throw RollBack() }
    }

    private func readJSONLines() throws {
        var pending: [UInt8] = []
        var line = 0
        func handle(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return }
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
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
            if fixedFormID == nil && cells["form"] == nil {
                reject(row: line, column: 1, "no --form given and no \"form\" key")
                return
            }
            let keys = cells.keys.sorted()
            try importRow(keys.map { cells[$0] ?? "" }, columns: keys, row: line, planPerRow: true) { _ in 1 }
        }
        try FileInput.stream(path) { chunk in
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try handle(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try handle(pending[...]) }
    }

    private func importRow(_ values: [String], columns: [String], row: Int, planPerRow: Bool = false, column: (String) -> Int) throws {
        summary.rows += 1
        progress?.update(rows: summary.rows)
        func cell(_ name: String) -> String? { columns.firstIndex(of: name).map { values[$0].trimmingWhitespace() } }
        let formID = fixedFormID ?? cell("form") ?? ""
        var entry: FormEntry
        do {
            entry = try self.entry(for: formID)
        } catch let error as InputError {
            reject(row: row, column: column("form"), "column 'form': \(error.message)")
            return
        }
        if planPerRow || entry.plan == nil {
            entry.plan = entry.reader.plan(columns: columns)
            if !planPerRow { forms[formID] = entry }
        }
        guard let plan = entry.plan else { return }
        let outcome = try entry.reader.read(values, plan: plan)
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
        if let externalID = cell("external_id"), !externalID.isEmpty, problems.isEmpty,
           let existing = try writer?.storedID(externalID: externalID) {
            if let firstID, existing >= firstID {
                problems.append(FieldProblem(fieldID: "external_id", "'\(externalID)' appears earlier in this file"))
            } else {
                summary.unchanged += 1
                return
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
        let id = try writer.insert(
            audit, formVersionID: entry.definitions.formVersion.versionID, standardVersionID: entry.definitions.standardVersion.versionID,
            answers: entry.definitions.encode(audit.answers), results: entry.definitions.encodeResults(outcomes),
            score: score, status: entry.status, at: context.now)
        firstID = firstID ?? id
        lastID = id
        summary.imported += 1
        if entry.status.counts, let agent = audit.agentID {
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
            progress?.clear()
            context.console.error("\(path):\(row):\(column): error: \(message)")
        }
    }
}

/// A one-line progress display on stderr, only when stderr is a terminal.
final class ProgressLine {
    let console: Console
    private var lastShown = 0

    init(console: Console) { self.console = console }

    func update(rows: Int) {
        guard rows - lastShown >= 5000 else { return }
        lastShown = rows
        FileHandle.standardError.write(Data("\r  \(rows) rows read…".utf8))
    }

    func clear() {
        if lastShown > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func finish() { clear() }
}
