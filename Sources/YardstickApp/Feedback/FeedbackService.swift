import YardstickCore
import YardstickStore

/// Customer feedback: importing survey responses and summarising NPS and CSAT.
public struct FeedbackService {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public struct ImportOutcome: Sendable {
        public var added = 0
        public var unchanged = 0
        public var rejected = 0
        public var problems: [Diagnostic] = []
        /// False when nothing was stored because of the problems.
        public var stored = true
        /// The file could not be read as a feedback table at all (a CSV syntax error or a broken header).
        public var unreadable = false
    }

    /// Imports the responses of a CSV file: every row checked first; one bad row stores nothing unless `skipInvalid`.
    public func importFile(_ path: String, csv: CSVOptions = CSVOptions(), skipInvalid: Bool = false) throws -> ImportOutcome {
        let store = context.store
        var reader = FeedbackReader(path: path, latestDate: context.definitions.latestOccurredOn)
        var outcome = ImportOutcome()
        do {
            try CSVInput.stream(path, options: csv) { reader.read($0) }
        } catch let error as CSVParser.SyntaxError {
            outcome.problems = reader.problems + [Diagnostic.error(path, SourceLocation(line: error.row, column: error.column), error.message)]
            outcome.stored = false
            outcome.unreadable = true
            return outcome
        }
        reader.finish()
        var problems = reader.problems
        let headerBroken = reader.columns.isEmpty
        let known = Set(try store.agents.list(AgentFilter(includeInactive: true)).map(\.id))
        var valid: [(row: Int, response: FeedbackResponse)] = []
        for entry in reader.responses {
            guard known.contains(entry.response.agentID) else {
                problems.append(.error(path, SourceLocation(line: entry.row, column: reader.column("agent")),
                                       "column 'agent': unknown agent '\(entry.response.agentID)'; import the roster first ('yardstick agents import')"))
                continue
            }
            valid.append(entry)
        }
        let rowProblems = Set(problems.map(\.location.line)).count
        if headerBroken || (!problems.isEmpty && !skipInvalid) {
            outcome.problems = problems.sorted { $0.location.line < $1.location.line }
            outcome.stored = false
            outcome.unreadable = headerBroken
            return outcome
        }
        struct Conflict: Error { var problem: Diagnostic }
        do {
            try store.database.transaction {
                let inserter = try store.feedback.inserter()
                let timestamp = context.now
                for (row, response) in valid {
                    switch try inserter.insert(response, at: timestamp) {
                    case .added: outcome.added += 1
                    case .unchanged: outcome.unchanged += 1
                    case let .conflict(storedID):
                        let problem = Diagnostic.error(path, SourceLocation(line: row, column: reader.column("external_id")),
                                                       "column 'external_id': '\(response.externalID ?? "")' is already stored as response \(storedID) with other content; nothing was changed for it")
                        guard skipInvalid else { throw Conflict(problem: problem) }
                        problems.append(problem)
                        outcome.rejected += 1
                    }
                }
            }
        } catch let conflict as Conflict {
            outcome = ImportOutcome(problems: (problems + [conflict.problem]).sorted { $0.location.line < $1.location.line }, stored: false)
            return outcome
        }
        outcome.rejected += rowProblems
        outcome.problems = problems.sorted { $0.location.line < $1.location.line }
        return outcome
    }

    /// How responses are grouped in a summary.
    public enum Grouping: String, Sendable { case agent, team }

    /// NPS and CSAT per agent or team for responses dated `from...to`, optionally of one team or agent; the last row sums all.
    public func summary(from: ISODate, to: ISODate, team: String?, agent: String?, by grouping: Grouping) throws -> [FeedbackSummary] {
        var groups: [String: FeedbackSummary] = [:]
        var total = FeedbackSummary(group: "all")
        for response in try context.store.feedback.responses(from: from, to: to) {
            if let team, response.teamID != team { continue }
            if let agent, response.agentID != agent { continue }
            let key = grouping == .agent ? response.agentID : response.teamID
            groups[key, default: FeedbackSummary(group: key)].add(nps: response.nps, csat: response.csat)
            total.add(nps: response.nps, csat: response.csat)
        }
        return groups.keys.sorted().compactMap { groups[$0] } + [total]
    }
}
