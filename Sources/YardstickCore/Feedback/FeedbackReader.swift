/// Turns the records of a feedback CSV (`agent,occurred_on` and at least one of `nps`, `csat`, plus
/// optional `external_id`, `comment`, `channel`) into responses, collecting every problem with its
/// row and column. Which agents exist is the caller's to check (it needs the store).
public struct FeedbackReader: Sendable {
    public static let requiredColumns = ["agent", "occurred_on"]
    public static let optionalColumns = ["external_id", "nps", "csat", "comment", "channel"]
    /// At most this many problems are kept; one more sums up the rest.
    public static let problemLimit = 1_000
    private static let knownColumns = Set(requiredColumns + optionalColumns)

    /// The responses read, each with its row (the header is row 1).
    public private(set) var responses: [(row: Int, response: FeedbackResponse)] = []
    public private(set) var columns: [String] = []
    private var kept: [Diagnostic] = []
    private var omitted = 0
    private var firstOmitted: SourceLocation?
    private var headerRead = false
    private var firstRowOfExternalID: [String: Int] = [:]
    private let path: String
    private let latestDate: ISODate?

    /// - Parameter latestDate: the latest date a response may carry (today plus the time-zone tolerance).
    public init(path: String, latestDate: ISODate? = nil) {
        self.path = path
        self.latestDate = latestDate
    }

    /// Every problem found, up to `problemLimit`, then one that says how many more there are.
    public var problems: [Diagnostic] {
        guard let firstOmitted, omitted > 0 else { return kept }
        return kept + [.error(path, firstOmitted, "… and \(omitted) more problem\(omitted == 1 ? "" : "s") in the file, from here on")]
    }

    /// The column number (1-based) of `name`, for messages about a row.
    public func column(_ name: String) -> Int { (columns.firstIndex(of: name) ?? 0) + 1 }

    /// Reads one record; the first one is the header.
    public mutating func read(_ record: CSVParser.Record) {
        guard headerRead else {
            headerRead = true
            readHeader(record)
            return
        }
        guard !columns.isEmpty else { return }
        guard record.fields.count == columns.count else {
            report(.error(path, SourceLocation(line: record.row, column: min(record.fields.count, columns.count) + 1),
                          "row \(record.row) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), expected \(columns.count) (\(columns.joined(separator: ",")))"))
            return
        }
        var externalID: String?, agentID = "", occurredOn: ISODate?, nps: Int?, csat: Int?, comment: String?, channel: String?
        var valid = true
        func problem(_ index: Int, _ message: String) {
            report(.error(path, SourceLocation(line: record.row, column: index + 1), "column '\(columns[index])': \(message)"))
            valid = false
        }
        for (index, column) in columns.enumerated() {
            let value = record.fields[index].trimmingWhitespace()
            switch column {
            case "external_id": externalID = value.isEmpty ? nil : value
            case "agent":
                if value.isEmpty { problem(index, "an agent id is required") } else { agentID = value }
            case "occurred_on":
                if let date = ISODate(value) {
                    if let latestDate, latestDate < date {
                        problem(index, "'\(value)' is in the future; a response is about something that happened")
                    }
                    occurredOn = date
                } else {
                    problem(index, "'\(value)' is not a date YYYY-MM-DD")
                }
            case "nps", "csat":
                guard !value.isEmpty else { continue }
                let range = column == "nps" ? FeedbackMeasure.nps.range : FeedbackMeasure.csat.range
                guard let number = Int(value), range.contains(number) else {
                    problem(index, "'\(value)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                    continue
                }
                if column == "nps" { nps = number } else { csat = number }
            case "comment": comment = value.isEmpty ? nil : record.fields[index]
            case "channel": channel = value.isEmpty ? nil : value
            default: break
            }
        }
        if valid, nps == nil, csat == nil {
            let index = columns.firstIndex(of: "nps") ?? columns.firstIndex(of: "csat") ?? 0
            report(.error(path, SourceLocation(line: record.row, column: index + 1), "the row has neither an nps nor a csat value; give at least one"))
            valid = false
        }
        if valid, let externalID {
            if let first = firstRowOfExternalID[externalID] {
                report(.error(path, SourceLocation(line: record.row, column: column("external_id")),
                              "column 'external_id': '\(externalID)' already appears in row \(first)"))
                valid = false
            } else {
                firstRowOfExternalID[externalID] = record.row
            }
        }
        if valid, let occurredOn {
            responses.append((record.row, FeedbackResponse(externalID: externalID, agentID: agentID, occurredOn: occurredOn, nps: nps, csat: csat,
                                                           comment: comment, channel: channel)))
        }
    }

    /// Reports a file with no header at all.
    public mutating func finish() {
        if !headerRead { report(.error(path, .start, "the file is empty; expected a header row agent,occurred_on,nps,csat,comment")) }
    }

    private mutating func readHeader(_ record: CSVParser.Record) {
        let names = record.fields.map { $0.trimmingWhitespace().lowercased() }
        var seen: Set<String> = []
        var problems = 0
        for (index, name) in names.enumerated() {
            if Self.knownColumns.contains(name), seen.insert(name).inserted { continue }
            problems += 1
            let message = Self.knownColumns.contains(name)
                ? "column '\(name)' appears twice"
                : "unknown column '\(name)'; expected \((Self.requiredColumns + Self.optionalColumns).joined(separator: ", "))"
            report(.error(path, SourceLocation(line: record.row, column: index + 1), message))
        }
        for required in Self.requiredColumns where !seen.contains(required) {
            problems += 1
            report(.error(path, SourceLocation(line: record.row, column: names.count + 1), "the header has no '\(required)' column"))
        }
        if !seen.contains("nps") && !seen.contains("csat") {
            problems += 1
            report(.error(path, SourceLocation(line: record.row, column: names.count + 1), "the header has neither an 'nps' nor a 'csat' column; give at least one"))
        }
        columns = problems == 0 ? names : []
    }

    private mutating func report(_ problem: Diagnostic) {
        if kept.count < Self.problemLimit {
            kept.append(problem)
        } else {
            omitted += 1
            if firstOmitted == nil { firstOmitted = problem.location }
        }
    }
}
