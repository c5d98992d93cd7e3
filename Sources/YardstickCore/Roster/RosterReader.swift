/// Turns the records of a roster CSV (`id,name,team,location` plus optional `email,hired_on,active`)
/// into agents, collecting every problem with its row and column.
public struct RosterReader: Sendable {
    public static let requiredColumns = ["id", "name", "team", "location"]
    public static let optionalColumns = ["email", "hired_on", "active"]
    /// At most this many header problems are listed one by one; one more sums up the rest.
    public static let headerProblemLimit = 100
    /// At most this many problems are kept in all; one more sums up the rest, so a file of a million
    /// bad rows neither fills memory nor prints a million lines.
    public static let problemLimit = 1_000

    private static let knownColumns = Set(requiredColumns + optionalColumns)
    private static let knownColumnList = (requiredColumns + optionalColumns).joined(separator: ", ")

    public private(set) var agents: [Agent] = []
    /// Every problem found, up to `problemLimit`, then one that says how many more there are.
    public var problems: [Diagnostic] {
        guard let firstOmitted, omittedProblems > 0 else { return keptProblems }
        return keptProblems + [.error(path, firstOmitted, "… and \(omittedProblems) more problem\(omittedProblems == 1 ? "" : "s") in the file, from here on")]
    }

    private var keptProblems: [Diagnostic] = []
    private var omittedProblems = 0
    private var firstOmitted: SourceLocation?
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
            report(.error(path, SourceLocation(line: record.row, column: column),
                          "row \(record.row) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), expected \(columns.count) (\(columns.joined(separator: ",")))"))
            return
        }
        var agent = Agent(id: "", name: "", teamID: "")
        var valid = true
        for (index, column) in columns.enumerated() {
            if let problem = AgentFieldRule.problem(column: column, value: record.fields[index], into: &agent) {
                report(.error(path, SourceLocation(line: record.row, column: index + 1), "column '\(column)': \(problem)"))
                valid = false
            }
        }
        guard valid else { return }
        if let first = firstRowOfID[agent.id] {
            report(.error(path, SourceLocation(line: record.row, column: (columns.firstIndex(of: "id") ?? 0) + 1),
                          "column 'id': agent '\(agent.id)' already appears in row \(first)"))
            return
        }
        firstRowOfID[agent.id] = record.row
        agents.append(agent)
    }

    /// Reports a file with no header at all.
    public mutating func finish() {
        if !headerRead {
            report(.error(path, .start, "the file is empty; expected a header row \(Self.requiredColumns.joined(separator: ","))"))
        }
    }

    private mutating func report(_ problem: Diagnostic) {
        if keptProblems.count < Self.problemLimit {
            keptProblems.append(problem)
        } else {
            omittedProblems += 1
            if firstOmitted == nil { firstOmitted = problem.location }
        }
    }

    /// Checks the header in one pass with set lookups; a header of a million columns takes a moment, not minutes.
    private mutating func readHeader(_ record: CSVParser.Record) {
        let names = record.fields.map { $0.trimmingWhitespace().lowercased() }
        var columnProblems: [Diagnostic] = []
        var omitted = 0
        var firstOmittedColumn: Int?
        var seen: Set<String> = []
        for (index, name) in names.enumerated() {
            let known = Self.knownColumns.contains(name)
            // A known column seen for the first time is what a header should hold.
            if known, seen.insert(name).inserted { continue }
            guard columnProblems.count < Self.headerProblemLimit else {
                // Past the limit, counting is enough; the message is only worded for problems that are kept.
                omitted += 1
                if firstOmittedColumn == nil { firstOmittedColumn = index + 1 }
                continue
            }
            let problem = known ? "column '\(name)' appears twice" : "unknown column '\(name)'; expected \(Self.knownColumnList)"
            columnProblems.append(.error(path, SourceLocation(line: record.row, column: index + 1), problem))
        }
        let missing = Self.requiredColumns.filter { !seen.contains($0) }
        // Missing required columns matter most: make room for them by cutting column problems.
        let room = max(Self.headerProblemLimit - missing.count, 0)
        if columnProblems.count > room {
            omitted += columnProblems.count - room
            firstOmittedColumn = columnProblems[room].location.column
            columnProblems.removeLast(columnProblems.count - room)
        }
        for problem in columnProblems { report(problem) }
        for required in missing {
            report(.error(path, SourceLocation(line: record.row, column: names.count + 1),
                          "the header has no '\(required)' column; expected \(Self.requiredColumns.joined(separator: ","))"))
        }
        if let firstOmittedColumn {
            report(.error(path, SourceLocation(line: record.row, column: firstOmittedColumn),
                          "… and \(omitted) more problem\(omitted == 1 ? "" : "s") with the header's columns, from this column on"))
        }
        columns = keptProblems.isEmpty ? names : []
    }
}
