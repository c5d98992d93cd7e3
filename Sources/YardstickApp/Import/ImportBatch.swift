import YardstickCore

/// What the CSV producer hands the writer: rows it prepared itself, or, while the writer keeps up,
/// rows as the file has them, for the writer to prepare on its own thread. Whichever thread is
/// ahead does the preparing, as with sealing.
enum ImportBatch: Sendable {
    case prepared([ImportItem])
    case unprepared(UnpreparedRows)
}

/// Rows copied out of the parser's buffer in file order, with the items the producer decided
/// itself (a row with the wrong number of fields, an unknown form, a form's first row, the place
/// where the file stops being readable CSV) in their places.
final class UnpreparedRows: @unchecked Sendable {
    // Filled by the producer before it hands the batch over, read by the writer after.
    private enum Entry {
        case ready(ImportItem)
        case row(Int, form: ImportForm, layout: AuditRowReader.ColumnPlan, bytes: Range<Int>, ends: Range<Int>)
    }

    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    var count: Int { entries.count }

    func append(_ item: ImportItem) { entries.append(.ready(item)) }

    /// Keeps a copy of `view`'s fields, to be prepared for `form` laid out as `layout`.
    func append(_ view: CSVParser.RecordView, form: ImportForm, layout: AuditRowReader.ColumnPlan) {
        let firstByte = bytes.count, firstEnd = ends.count
        view.store(bytes: &bytes, ends: &ends)
        entries.append(.row(view.row, form: form, layout: layout, bytes: firstByte..<bytes.count, ends: firstEnd..<ends.count))
    }

    /// Entry `index` as an item: a kept row is prepared by `prepare` (record, row, form, layout).
    func item(at index: Int, prepare: (CSVParser.RecordView, Int, ImportForm, AuditRowReader.ColumnPlan) -> ImportItem) -> ImportItem {
        switch entries[index] {
        case let .ready(item):
            return item
        case let .row(row, form, layout, byteRange, endRange):
            return bytes.withUnsafeBufferPointer { bytes in
                ends.withUnsafeBufferPointer { ends in
                    let record = CSVParser.RecordView(row: row, storedBytes: UnsafeBufferPointer(rebasing: bytes[byteRange]),
                                                      ends: UnsafeBufferPointer(rebasing: ends[endRange]))
                    return prepare(record, row, form, layout)
                }
            }
        }
    }
}
