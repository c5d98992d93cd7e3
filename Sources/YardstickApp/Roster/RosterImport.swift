import YardstickCore
import YardstickStore

/// Importing a roster CSV: every row is checked before anything is stored; one bad row stores nothing.
public enum RosterWorkflow {
    public struct Outcome {
        public var counts: AgentImportCounts?
        public var problems: [Diagnostic]
        public var rows: Int
    }

    public static func importRoster(path: String, csv: CSVOptions = CSVOptions(), context: AppContext) throws -> Outcome {
        let store = context.store, timestamp = context.now
        var reader = RosterReader(path: path)
        var rows = 0
        var format: CSVFormat?
        do {
            try CSVInput.stream(path, options: csv, seen: { format = $0 }) { record in
                reader.read(record)
                rows += 1
            }
        } catch let error as CSVParser.SyntaxError {
            let problem = Diagnostic.error(path, SourceLocation(line: error.row, column: error.column), error.message)
            return Outcome(counts: nil, problems: reader.problems + [problem], rows: rows)
        }
        reader.finish()
        guard reader.problems.isEmpty else {
            // A header that does not parse is most often a separator read wrongly: say which one was used.
            let header = reader.problems.contains { $0.location.line == 1 }
            let hint = format.map { [Diagnostic.note(path, SourceLocation(line: 1, column: 1), $0.hint)] } ?? []
            return Outcome(counts: nil, problems: reader.problems + (header ? hint : []), rows: rows)
        }
        let counts = try store.database.transaction {
            try store.agents.upsert(reader.agents, at: timestamp)
        }
        return Outcome(counts: counts, problems: [], rows: rows)
    }

    /// Adds or updates one agent.
    public static func add(_ agent: Agent, context: AppContext) throws -> AgentImportCounts {
        try context.store.database.transaction { try context.store.agents.upsert([agent], at: context.now) }
    }
}
