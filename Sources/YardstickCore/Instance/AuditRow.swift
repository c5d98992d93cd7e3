/// One audit read from an import row or an answers file, checked and ready to score and store.
public struct AuditRow: Sendable, Hashable {
    public var externalID: String?
    public var agentID: String?
    public var locationID: String?
    public var auditor: String
    public var occurredOn: ISODate
    public var answers: [String: AnswerValue]
    public var comments: [String: String]
}

/// Reads audits given as column → text (CSV rows, JSON Lines objects, `--answers` files) for one
/// form, reporting every problem of a row by column name.
public struct AuditRowReader {
    /// Columns every import may have besides the form's fields and `<field>_comment`.
    public static let fixedColumns = ["external_id", "form", "agent", "location", "auditor", "occurred_on"]

    public let engine: FormEngine
    private let fieldsByID: [String: FormField]
    private let formHasOccurredOn: Bool

    public init(engine: FormEngine) {
        self.engine = engine
        fieldsByID = Dictionary(engine.form.answerFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        formHasOccurredOn = fieldsByID["occurred_on"] != nil
    }

    /// Problems with a header: unknown columns (with a hint) and missing essential columns.
    public func headerProblems(_ columns: [String]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        for column in columns {
            if !seen.insert(column).inserted { problems.append(FieldProblem(fieldID: column, "the column appears twice")) }
            if Self.fixedColumns.contains(column) || fieldsByID[column] != nil { continue }
            if column.hasSuffix("_comment"), fieldsByID[String(column.dropLast("_comment".count))] != nil { continue }
            problems.append(FieldProblem(fieldID: column, "unknown column: form '\(engine.form.id)' has no field or question '\(column)'"))
        }
        for required in ["agent", "occurred_on"] where !columns.contains(required) {
            if required == "agent", columns.contains("location") { continue }
            problems.append(FieldProblem(fieldID: required, "the header has no '\(required)' column"))
        }
        return problems
    }

    /// A row's audit with its evaluation, or all its problems.
    public enum Outcome: Sendable {
        case valid(AuditRow, FormEngine.Evaluation)
        case invalid([FieldProblem])
    }

    /// The audit in `cells`, or every problem with it. `defaultAuditor` stands in for an empty auditor cell.
    public func read(_ cells: [String: String], defaultAuditor: String? = nil) throws(ExpressionEvaluationError) -> Outcome {
        var problems: [FieldProblem] = []
        func cell(_ name: String) -> String? {
            guard let value = cells[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        let agent = cell("agent"), location = cell("location")
        if agent == nil && location == nil {
            problems.append(FieldProblem(fieldID: "agent", "empty; every audit names the agent (or the location) audited"))
        }
        let auditor = cell("auditor") ?? defaultAuditor
        if auditor == nil { problems.append(FieldProblem(fieldID: "auditor", "empty; every audit names its auditor")) }

        var answers: [String: AnswerValue] = [:]
        var comments: [String: String] = [:]
        for (column, text) in cells {
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            if let field = fieldsByID[column] {
                switch engine.parser.parse(trimmed, for: field) {
                case let .success(value): answers[column] = value
                case let .failure(problem): problems.append(FieldProblem(fieldID: column, problem.message))
                }
            } else if column.hasSuffix("_comment"), fieldsByID[String(column.dropLast("_comment".count))] != nil {
                comments[String(column.dropLast("_comment".count))] = trimmed
            }
        }
        var occurredOn: ISODate?
        if formHasOccurredOn {
            if case let .text(text)? = answers["occurred_on"] { occurredOn = ISODate(text) }
        } else if let text = cell("occurred_on") {
            occurredOn = ISODate(text)
            if occurredOn == nil { problems.append(FieldProblem(fieldID: "occurred_on", "'\(text)' is not a date; write YYYY-MM-DD")) }
        }
        let parsedFields = Set(answers.keys)
        // Fields that failed to parse are already reported; do not also call them missing.
        let failed = Set(problems.map(\.fieldID))
        let evaluation = try engine.evaluate(answers, comments: comments)
        for problem in evaluation.problems where !failed.contains(problem.fieldID) || parsedFields.contains(problem.fieldID) {
            problems.append(problem)
        }
        if occurredOn == nil, !problems.contains(where: { $0.fieldID == "occurred_on" }) {
            problems.append(FieldProblem(fieldID: "occurred_on", "empty; every audit has the date of the interaction"))
        }
        guard problems.isEmpty, let auditor, let occurredOn else { return .invalid(problems) }
        return .valid(AuditRow(externalID: cell("external_id"), agentID: agent, locationID: location, auditor: auditor,
                               occurredOn: occurredOn, answers: answers, comments: comments), evaluation)
    }
}
