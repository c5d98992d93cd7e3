import YardstickCore
import YardstickStore

/// Importing a roster CSV: every row is checked before anything is stored; one bad row stores nothing.
public enum RosterWorkflow {
    public struct Outcome {
        public var counts: AgentImportCounts?
        public var problems: [Diagnostic]
        public var rows: Int
    }

    public static func importRoster(path: String, context: AppContext) throws -> Outcome {
        let store = context.store, timestamp = context.now
        var parser = CSVParser()
        var reader = RosterReader(path: path)
        var rows = 0
        do {
            try FileInput.stream(path) { chunk in
                try parser.feed(chunk) { record in
                    reader.read(record)
                    rows += 1
                }
            }
            try parser.finish { record in
                reader.read(record)
                rows += 1
            }
        } catch let error as CSVParser.SyntaxError {
            let problem = Diagnostic.error(path, SourceLocation(line: error.row, column: error.column), error.message)
            return Outcome(counts: nil, problems: reader.problems + [problem], rows: rows)
        }
        reader.finish()
        guard reader.problems.isEmpty else { return Outcome(counts: nil, problems: reader.problems, rows: rows) }
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
