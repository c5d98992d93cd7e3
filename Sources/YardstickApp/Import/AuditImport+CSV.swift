import Foundation
import YardstickCore
import YardstickStore

/// The CSV path: the header is read and checked first, then a producer thread parses and scores
/// while this thread stages (and prepares the batches the producer leaves to it).
extension AuditImport {
    private struct HeaderRead: Error {}

    /// Rows per hand-over between the threads, and hand-overs the queue holds: a few thousand rows
    /// in flight at most, so memory stays flat.
    static let batchRows = 512
    static let queuedBatches = 8

    func importCSV() throws {
        var header: (columns: [String], row: Int)?
        do {
            try CSVInput.streamSpans(path, options: csvOptions, seen: { [self] in csvFormat = $0 }) { view in
                header = ((try CSVParser.texts(of: view)).fields.map { $0.trimmingWhitespace() }, view.row)
                throw HeaderRead()
            }
        } catch is HeaderRead {
        } catch let error as CSVParser.SyntaxError {
            reject(row: error.row, column: error.column, error.message)
            if !skipInvalid { summary.rolledBack = true }
            return
        }
        guard let header else {
            reject(row: 1, column: 1, "the file is empty; expected a header row")
            summary.rolledBack = true
            return
        }
        do {
            try checkHeader(header.columns, row: header.row)
        } catch is RollBack {
            summary.rolledBack = true
            return
        }
        try loadForms()
        let decimalComma = (csvFormat?.separator ?? UInt8(ascii: ",")) != UInt8(ascii: ",")
        let layouts = forms.mapValues { form -> AuditRowReader.ColumnPlan in
            var layout = form.reader.plan(columns: header.columns)
            layout.decimalComma = decimalComma
            return layout
        }
        let producer = CSVProducer(
            path: path, options: csvOptions, columns: header.columns, headerColumns: headerColumns, fixedFormID: fixedFormID, forms: forms,
            layouts: layouts, formProblems: formProblems, registered: (Array(forms.keys) + Array(formProblems.keys)).sorted(),
            preparer: RowPreparer(agents: agents, locations: locations), preparation: rowPreparation)
        try stageThenWrite {
            let queue = BoundedQueue<ImportBatch>(capacity: Self.queuedBatches)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                producer.run(into: queue)
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            // Whatever ends the reading, the producer stops before the stage is decided.
            defer {
                queue.cancel()
                done.wait()
            }
            var waited = 0.0, worked = 0.0
            var mark = Date()
            while let batch = queue.pop() {
                let now = Date()
                waited += now.timeIntervalSince(mark)
                switch batch {
                case let .prepared(items):
                    for item in items { try consume(item, columns: header.columns) }
                case let .unprepared(rows):
                    batchesPreparedByWriter += 1
                    for index in 0..<rows.count { try consume(producer.item(at: index, of: rows), columns: header.columns) }
                }
                // `consume` ends this thread's reference here: the producer's thread then frees the rows, not this one.
                queue.giveBack(consume batch)
                mark = Date()
                worked += mark.timeIntervalSince(now)
            }
            if tracing {
                trace("writer: \(Int(worked * 1000)) ms preparing \(batchesPreparedByWriter) batches and staging (\(Int(insertSeconds * 1000)) ms inserting, \(stage?.externalIDLookups ?? 0) external ids looked up among the staged ones, \(Int(flushSeconds * 1000)) ms merging aggregates), \(Int(waited * 1000)) ms waiting for rows")
            }
            if let failure = producer.failure { throw failure }
        }
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

    /// Every form a `form` column may name, loaded before the producer starts (it never reads the database).
    private func loadForms() throws {
        guard fixedFormID == nil else { return }
        for version in try store.definitions.latestVersions(kind: .form) {
            do {
                _ = try entry(for: version.docID)
            } catch let error as InputError {
                formProblems[version.docID] = error.message
            }
        }
    }
}

/// Parses, checks and scores the rows of a CSV file on its own thread and hands them over in
/// batches; the writer calls `item(at:of:)` for the batches it is left to prepare. It reads only
/// what it was given at the start, so both threads may use it.
final class CSVProducer: @unchecked Sendable {
    // Immutable apart from `failure`, which the producer thread writes before it finishes the
    // queue, and the writer reads only once the queue says it is finished (its lock orders the two).
    let path: String
    let options: CSVOptions
    let columns: [String]
    let headerColumns: [String: Int]
    let fixedFormID: String?
    let forms: [String: ImportForm]
    let layouts: [String: AuditRowReader.ColumnPlan]
    let formProblems: [String: String]
    let registered: [String]
    let preparer: RowPreparer
    let preparation: AuditImport.RowPreparation
    private(set) var failure: Error?

    private struct Cancelled: Error {}

    init(path: String, options: CSVOptions, columns: [String], headerColumns: [String: Int], fixedFormID: String?, forms: [String: ImportForm],
         layouts: [String: AuditRowReader.ColumnPlan], formProblems: [String: String], registered: [String], preparer: RowPreparer,
         preparation: AuditImport.RowPreparation) {
        self.path = path
        self.options = options
        self.columns = columns
        self.headerColumns = headerColumns
        self.fixedFormID = fixedFormID
        self.forms = forms
        self.layouts = layouts
        self.formProblems = formProblems
        self.registered = registered
        self.preparer = preparer
        self.preparation = preparation
    }

    /// The column number of `name` in the header (0 when it has none).
    func column(_ name: String) -> Int { headerColumns[name] ?? 0 }

    /// Entry `index` of `rows`, prepared on the calling thread (the writer's) with the form's writer reader.
    func item(at index: Int, of rows: UnpreparedRows) -> ImportItem {
        rows.item(at: index) { record, row, form, layout in
            preparer.prepare(record, row: row, form: form, reader: form.writerReader, columns: layout, column: column)
        }
    }

    func run(into queue: BoundedQueue<ImportBatch>) {
        var batch: [ImportItem] = []
        batch.reserveCapacity(AuditImport.batchRows)
        var rows = UnpreparedRows(capacity: AuditImport.batchRows)
        var seenForms: Set<String> = []
        var isHeader = true
        let formColumn = columns.firstIndex(of: "form")
        var waited = 0.0
        let started = Date()
        var sealsThisBatch = false
        var preparesThisBatch = preparation != .writerOnly
        var gathered: Int { preparesThisBatch ? batch.count : rows.count }
        func handOver() throws {
            let before = Date()
            guard queue.push(preparesThisBatch ? .prepared(batch) : .unprepared(rows)) else { throw Cancelled() }
            waited += Date().timeIntervalSince(before)
            // The rows the writer is done with are freed here, on the thread that made them, and a
            // prepared batch's storage is reused.
            if case let .prepared(spent)? = queue.takeBack() { batch = spent }
            batch.removeAll(keepingCapacity: true)
            // Whichever thread is ahead seals, and prepares: the producer seals when batches wait
            // for the writer, and leaves the next batch's rows to the writer when it keeps up.
            let backlog = queue.backlog
            sealsThisBatch = backlog >= AuditImport.queuedBatches / 2
            switch preparation {
            case .whicheverThreadIsAhead: preparesThisBatch = backlog > 1
            case .producerOnly: preparesThisBatch = true
            case .writerOnly: preparesThisBatch = false
            case .alternatingBatches: preparesThisBatch.toggle()
            }
            if !preparesThisBatch { rows = UnpreparedRows(capacity: AuditImport.batchRows) }
        }
        func handOverWhenFull() throws {
            if gathered >= AuditImport.batchRows { try handOver() }
        }
        func hand(_ item: ImportItem) throws {
            if preparesThisBatch { batch.append(item) } else { rows.append(item) }
            try handOverWhenFull()
        }
        defer {
            if ProcessInfo.processInfo.environment["YARDSTICK_TRACE_IMPORT"] != nil {
                let total = Date().timeIntervalSince(started)
                FileHandle.standardError.write(Data("producer: \(Int((total - waited) * 1000)) ms reading and scoring, \(Int(waited * 1000)) ms waiting for the writer\n".utf8))
            }
        }
        do {
            do {
                try CSVInput.streamSpans(path, options: options) { view in
                    if isHeader {
                        isHeader = false
                        return
                    }
                    guard view.count == columns.count else {
                        try hand(.rejected(row: view.row, problems: [LocatedProblem(
                            column: min(view.count, columns.count) + 1,
                            message: "row \(view.row) has \(view.count) fields, expected \(columns.count) as in the header")], countsAsRow: false))
                        return
                    }
                    let formID = fixedFormID ?? formColumn.map { String(decoding: view[$0], as: UTF8.self).trimmingWhitespace() } ?? ""
                    guard let form = forms[formID], let layout = layouts[formID] else {
                        try hand(.rejected(row: view.row, problems: [LocatedProblem(column: column("form"), message: "column 'form': \(unknownFormMessage(formID))")],
                                           countsAsRow: true))
                        return
                    }
                    if fixedFormID == nil, seenForms.insert(formID).inserted { try hand(.formSeen(formID)) }
                    guard preparesThisBatch else {
                        rows.append(view, form: form, layout: layout)
                        try handOverWhenFull()
                        return
                    }
                    let item = preparer.prepare(view, row: view.row, form: form, reader: form.reader, columns: layout, column: column)
                    // Hashing is the largest single cost of a row: this thread takes a batch when the writer is behind.
                    if sealsThisBatch, case let .audit(prepared) = item { prepared.audit = prepared.sealed }
                    try hand(item)
                }
            } catch let error as CSVParser.SyntaxError {
                try hand(.unreadable(row: error.row, column: error.column, message: error.message))
            }
            if gathered > 0 { try handOver() }
        } catch is Cancelled {
        } catch {
            failure = error
        }
        queue.finish()
    }

    private func unknownFormMessage(_ formID: String) -> String {
        if let problem = formProblems[formID] { return problem }
        return "no registered form '\(formID)'; registered: \(registered.isEmpty ? "none (run 'yardstick load forms')" : registered.joined(separator: ", "))"
    }
}
