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
    /// The slot of the form's own `occurred_on` field, if it has one.
    let occurredOnSlot: Int?
    let decoder: CellDecoder

    public init(engine: FormEngine) {
        self.engine = engine
        fieldsByID = Dictionary(engine.form.answerFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        occurredOnSlot = engine.plan.fieldSlots["occurred_on"]
        decoder = CellDecoder(plan: engine.plan)
    }

    /// At most this many header problems are listed one by one; the rest are summed up in one more.
    /// A header of a million unknown columns thus yields 101 problems, not a million lines of output.
    public static let headerProblemLimit = 100

    private static let fixedColumnSet = Set(fixedColumns)

    /// Problems with a header: unknown or repeated columns (with a hint) and missing essential columns.
    ///
    /// Linear in the number of columns. Missing essential columns are always reported; when there are
    /// more than `headerProblemLimit` problems, the list ends with one whose `fieldID` is the first
    /// column left out and whose message says how many more there are.
    /// - Parameter requiringEssentialColumns: false for one object's keys (JSON Lines, an answers
    ///   file), where a missing agent or date is the row's problem, not the header's.
    public func headerProblems(_ columns: [String], requiringEssentialColumns: Bool = true) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        var omitted = 0
        var firstOmitted: String?
        // The message is only worded for problems that are kept: past the limit, counting is enough.
        func report(_ column: String, _ message: @autoclosure () -> String) {
            if problems.count < Self.headerProblemLimit {
                problems.append(FieldProblem(fieldID: column, message()))
            } else {
                omitted += 1
                if firstOmitted == nil { firstOmitted = column }
            }
        }
        var seen: Set<String> = []
        seen.reserveCapacity(columns.count)
        for column in columns {
            if !seen.insert(column).inserted { report(column, "the column appears twice") }
            if Self.fixedColumnSet.contains(column) || fieldsByID[column] != nil { continue }
            if column.hasSuffix("_comment"), fieldsByID[String(column.dropLast("_comment".count))] != nil { continue }
            report(column, "unknown column: form '\(engine.form.id)' has no field or question '\(column)'")
        }
        var missing: [FieldProblem] = []
        for required in ["agent", "occurred_on"] where requiringEssentialColumns && !seen.contains(required) {
            if required == "agent", seen.contains("location") { continue }
            missing.append(FieldProblem(fieldID: required, "the header has no '\(required)' column"))
        }
        // Missing essential columns matter most: make room for them by cutting column problems.
        let room = max(Self.headerProblemLimit - missing.count, 0)
        if problems.count > room {
            omitted += problems.count - room
            firstOmitted = problems[room].fieldID
            problems.removeLast(problems.count - room)
        }
        problems += missing
        if let firstOmitted {
            problems.append(FieldProblem(fieldID: firstOmitted, "… and \(omitted) more problem\(omitted == 1 ? "" : "s") with the header's columns, from this column on"))
        }
        return problems
    }

    /// A row's audit with its evaluation, or all its problems.
    public enum Outcome: Sendable {
        case valid(AuditRow, FormEngine.Evaluation)
        case invalid([FieldProblem])
    }

    /// What each column of an import holds, worked out once from the header.
    public struct ColumnPlan: Sendable {
        public enum Role: Sendable, Hashable {
            case field(Int)
            case comment(Int)
            case agent, location, auditor, externalID, occurredOn, ignored
        }

        let roles: [Role]

        /// The first column with `role`.
        public func position(of role: Role) -> Int? { roles.firstIndex(of: role) }
        public let columns: [String]
        /// Number cells may use a decimal comma (`1,5`): the file's separator is not a comma.
        public var decimalComma = false
    }

    /// The roles of `columns` (unknown ones are ignored here; `headerProblems` reports them).
    public func plan(columns: [String]) -> ColumnPlan {
        let fields = engine.fields
        let index = Dictionary(fields.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let roles: [ColumnPlan.Role] = columns.map { column in
            if let position = index[column] { return .field(position) }
            if column.hasSuffix("_comment"), let position = index[String(column.dropLast("_comment".count))] { return .comment(position) }
            switch column {
            case "agent": return .agent
            case "location": return .location
            case "auditor": return .auditor
            case "external_id": return .externalID
            case "occurred_on": return .occurredOn
            default: return .ignored
            }
        }
        return ColumnPlan(roles: roles, columns: columns)
    }

    /// The audit in `cells`, or every problem with it. `defaultAuditor` stands in for an empty auditor cell.
    public func read(_ cells: [String: String], defaultAuditor: String? = nil) throws(ExpressionEvaluationError) -> Outcome {
        let columns = cells.keys.sorted()
        return try read(columns.map { cells[$0] ?? "" }, plan: plan(columns: columns), defaultAuditor: defaultAuditor)
    }

    /// The audit in one row of `values`, laid out as `plan` says.
    public func read(_ values: [String], plan: ColumnPlan, defaultAuditor: String? = nil) throws(ExpressionEvaluationError) -> Outcome {
        let decoded = CSVParser.RecordView.withFields(values, row: 0) { cells in
            Result { () throws(ExpressionEvaluationError) -> DecodedRow in try decode(cells, plan: plan, defaultAuditor: defaultAuditor) }
        }
        switch try decoded.get() {
        case let .invalid(problems): return .invalid(problems)
        case let .valid(audit):
            let answers = engine.plan.answersByID(audit.answers)
            return .valid(AuditRow(externalID: audit.externalID, agentID: audit.agentID, locationID: audit.locationID, auditor: audit.auditor,
                                   occurredOn: audit.occurredOn, answers: answers, comments: audit.comments), engine.explained(audit.evaluation))
        }
    }
}
