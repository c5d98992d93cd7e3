/// Turns the records of a roster CSV (`id,name,team,location` plus optional `email,hired_on,active`)
/// into agents, collecting every problem with its row and column.
public struct RosterReader: Sendable {
    public static let requiredColumns = ["id", "name", "team", "location"]
    public static let optionalColumns = ["email", "hired_on", "active"]

    public private(set) var agents: [Agent] = []
    public private(set) var problems: [Diagnostic] = []
    private let path: String
    private var columns: [String] = []
    private var headerRead = false
    private var firstRowOfID: [String: Int] = [:]

    public init(path: String) { self.path = path }

    /// Reads one record; the first one is the header.
    public mutating func read(_ record: CSVParser.Record) {
        guard headerRead else {
            readHeader(record)
            headerRead = true
            return
        }
        // With a broken header the rows cannot be read meaningfully; the header's problems say enough.
        guard !columns.isEmpty else { return }
        guard record.fields.count == columns.count else {
            let column = min(record.fields.count, columns.count) + 1
            problems.append(.error(path, SourceLocation(line: record.row, column: column),
                                   "row \(record.row) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), expected \(columns.count) (\(columns.joined(separator: ",")))"))
            return
        }
        var agent = Agent(id: "", name: "", teamID: "")
        var valid = true
        for (index, column) in columns.enumerated() {
            if let problem = AgentFieldRule.problem(column: column, value: record.fields[index], into: &agent) {
                problems.append(.error(path, SourceLocation(line: record.row, column: index + 1), "column '\(column)': \(problem)"))
                valid = false
            }
        }
        guard valid else { return }
        if let first = firstRowOfID[agent.id] {
            problems.append(.error(path, SourceLocation(line: record.row, column: (columns.firstIndex(of: "id") ?? 0) + 1),
                                   "column 'id': agent '\(agent.id)' already appears in row \(first)"))
            return
        }
        firstRowOfID[agent.id] = record.row
        agents.append(agent)
    }

    /// Reports a file with no header at all.
    public mutating func finish() {
        if !headerRead {
            problems.append(.error(path, .start, "the file is empty; expected a header row \(Self.requiredColumns.joined(separator: ","))"))
        }
    }

    private mutating func readHeader(_ record: CSVParser.Record) {
        let names = record.fields.map { $0.trimmingWhitespace().lowercased() }
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            if !(Self.requiredColumns + Self.optionalColumns).contains(name) {
                problems.append(.error(path, SourceLocation(line: record.row, column: index + 1),
                                       "unknown column '\(name)'; expected \((Self.requiredColumns + Self.optionalColumns).joined(separator: ", "))"))
            } else if !seen.insert(name).inserted {
                problems.append(.error(path, SourceLocation(line: record.row, column: index + 1), "column '\(name)' appears twice"))
            }
        }
        for required in Self.requiredColumns where !names.contains(required) {
            problems.append(.error(path, SourceLocation(line: record.row, column: names.count + 1), "the header has no '\(required)' column; expected \(Self.requiredColumns.joined(separator: ","))"))
        }
        columns = problems.isEmpty ? names : []
    }
}
