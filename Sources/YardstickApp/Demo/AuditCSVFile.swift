import Foundation
import YardstickCore

/// Streams generated audits to a CSV file, optionally breaking chosen rows on purpose (for tests).
public enum AuditCSVFile {
    /// Writes `count` audits; rows in `invalidRows` (1-based data rows) get an out-of-range scale value. Returns bytes written.
    public static func write(to path: String, count: Int, definitions: AuditDefinitions, agents: [String], auditors: [String], months: Int,
                      seed: UInt64, invalidRows: Set<Int>) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError("\(path): cannot be written")
        }
        defer { try? handle.close() }
        var generator = AuditGenerator(engine: definitions.engine, seed: seed)
        var random = SeededRandom(seed: seed &+ 99)
        let columns = AuditCSVLayout.columns(for: definitions.form)
        let scaleColumn = definitions.form.questions.first { $0.type == .scale }?.id
        var buffer = CSVWriter.row(columns)
        var written = 0
        for index in 1...max(count, 1) where count > 0 {
            let monthOffset = random.integer(in: 0...(months - 1))
            let month = (2026 * 12 + 9 - monthOffset)
            let date = ISODate(year: month / 12, month: month % 12 + 1, day: random.integer(in: 1...28)) ?? ISODate(year: 2026, month: 1, day: 1)!
            var cells = try generator.cells(agentID: random.pick(agents), auditor: random.pick(auditors), date: date,
                                            externalID: "GEN-\(seed)-\(index)")
            if invalidRows.contains(index), let scaleColumn { cells[scaleColumn] = "7" }
            buffer += CSVWriter.row(columns.map { cells[$0] ?? "" })
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                written += buffer.utf8.count
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        return written + buffer.utf8.count
    }
}
