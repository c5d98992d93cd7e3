/// Reading import rows straight into an answer sheet by slot: the bulk import's path, shared by
/// CSV (byte spans) and JSON Lines and answers files (text cells).
extension AuditRowReader {
    /// One audit read from a row, with its evaluation by slot.
    public struct DecodedAudit: Sendable {
        public var externalID: String?
        public var agentID: String?
        public var locationID: String?
        public var auditor: String
        public var occurredOn: ISODate
        /// By field slot of the engine's plan.
        public var answers: [AnswerValue?]
        public var comments: [String: String]
        public var evaluation: FormPlan.SheetEvaluation
    }

    /// A row's audit, or all its problems.
    public enum DecodedRow: Sendable {
        case valid(DecodedAudit)
        case invalid([FieldProblem])
    }

    /// The audit in one row of `cells`, laid out as `plan` says. `defaultAuditor` stands in for an empty auditor cell.
    public func decode(_ cells: CSVParser.RecordView, plan: ColumnPlan, defaultAuditor: String? = nil) throws(ExpressionEvaluationError) -> DecodedRow {
        let formPlan = engine.plan
        var problems: [FieldProblem] = []
        var agent: String?, location: String?, auditor: String?, externalID: String?, occurredOnCell: String?
        var answers = [AnswerValue?](repeating: nil, count: formPlan.fields.count)
        var comments: [String: String] = [:]
        var failed: Set<String> = []
        func text(_ position: Int) -> String? {
            let value = String(decoding: cells[position], as: UTF8.self).trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        for (position, role) in plan.roles.enumerated() where position < cells.count {
            switch role {
            case let .field(slot):
                let decoded = decoder.decode(cells[position], slot: slot, decimalComma: plan.decimalComma)
                switch decoded {
                case nil: continue
                case let .success(value)?: answers[slot] = value
                case let .failure(problem)?:
                    problems.append(FieldProblem(fieldID: formPlan.fields[slot].id, problem.message))
                    failed.insert(formPlan.fields[slot].id)
                }
            case let .comment(slot): if let value = text(position) { comments[formPlan.fields[slot].id] = value }
            case .agent: agent = text(position)
            case .location: location = text(position)
            case .auditor: auditor = text(position)
            case .externalID: externalID = text(position)
            case .occurredOn: occurredOnCell = text(position)
            case .ignored: continue
            }
        }
        if agent == nil && location == nil {
            problems.append(FieldProblem(fieldID: "agent", "empty; every audit names the agent (or the location) audited"))
        }
        let auditorName = auditor ?? defaultAuditor
        if auditorName == nil { problems.append(FieldProblem(fieldID: "auditor", "empty; every audit names its auditor")) }
        var occurredOn: ISODate?
        if let slot = occurredOnSlot {
            if case let .text(text)? = answers[slot] { occurredOn = ISODate(text) }
        } else if let text = occurredOnCell {
            occurredOn = ISODate(text)
            if occurredOn == nil { problems.append(FieldProblem(fieldID: "occurred_on", "'\(text)' is not a date; write YYYY-MM-DD")) }
            if let problem = engine.futureDateProblem(.text(text)), occurredOn != nil {
                problems.append(FieldProblem(fieldID: "occurred_on", problem))
                occurredOn = nil
            }
        }
        let evaluation = try engine.evaluateSheet(answers, comments: comments)
        // A field that failed to parse is already reported; do not also call it missing.
        for problem in evaluation.problems where !failed.contains(problem.fieldID) {
            problems.append(problem)
        }
        if occurredOn == nil, !problems.contains(where: { $0.fieldID == "occurred_on" }) {
            problems.append(FieldProblem(fieldID: "occurred_on", "empty; every audit has the date of the interaction"))
        }
        guard problems.isEmpty, let auditorName, let occurredOn else { return .invalid(problems) }
        return .valid(DecodedAudit(externalID: externalID, agentID: agent, locationID: location, auditor: auditorName, occurredOn: occurredOn,
                                   answers: answers, comments: comments, evaluation: evaluation))
    }
}

extension CSVParser.RecordView {
    /// Calls `body` with `fields` laid out as a record (JSON Lines values, answers files), so text
    /// cells take the same decoding path as CSV spans.
    public static func withFields<Result>(_ fields: [String], row: Int, _ body: (CSVParser.RecordView) throws -> Result) rethrows -> Result {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(fields.count)
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            ends.append(bytes.count)
        }
        return try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(CSVParser.RecordView(row: row, bytes: bytes, ends: ends)) }
        }
    }
}
