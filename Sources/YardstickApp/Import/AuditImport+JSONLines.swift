import Foundation
import YardstickCore
import YardstickStore

/// The JSON Lines path: one object per line, each through the same plan, checks and writer as a CSV row.
extension AuditImport {
    func readJSONLines() throws {
        var line = 0
        let preparer = RowPreparer(agents: agents, locations: locations)
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
            let form: ImportForm
            do {
                form = try entry(for: formID)
            } catch let error as InputError {
                summary.rows += 1
                reject(row: line, column: 1, "column 'form': \(error.message)")
                return
            }
            let unknown = form.reader.headerProblems(keys, requiringEssentialColumns: false)
            if !unknown.isEmpty {
                summary.rows += 1
                summary.rejected += 1
                for problem in unknown { record(row: line, column: 1, "key '\(problem.fieldID)': \(problem.message)") }
                return
            }
            let layout = form.reader.plan(columns: keys)
            let item = CSVParser.RecordView.withFields(keys.map { cells[$0] ?? "" }, row: line) { view in
                preparer.prepare(view, row: line, form: form, reader: form.reader, columns: layout, column: { _ in 1 })
            }
            try consume(item, columns: keys)
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
}
