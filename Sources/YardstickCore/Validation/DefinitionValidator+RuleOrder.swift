/// The form engine evaluates rules in form order (context, then each section's questions), and a
/// fill asks questions in that order. So a `relevant`, `required` or `constraint` that reads a
/// later answer would see it empty while the auditor fills the form in, and filled in on import:
/// the two would disagree about what is shown, required or valid. `check` refuses such rules.
extension DefinitionValidator {
    /// Each answer's place in `form.answerFields` (its first occurrence, should an id repeat).
    struct AnswerOrder {
        /// Unique ids in answer order.
        let ids: [String]
        private let positions: [String: Int]
        private let lines: [String: Int]

        init(_ form: Form) {
            var ids: [String] = []
            var positions: [String: Int] = [:]
            var lines: [String: Int] = [:]
            for (position, field) in form.answerFields.enumerated() where positions[field.id] == nil {
                ids.append(field.id)
                positions[field.id] = position
                lines[field.id] = field.anchor.element.line
            }
            self.ids = ids
            self.positions = positions
            self.lines = lines
        }

        func position(of id: String) -> Int? { positions[id] }

        func line(of id: String) -> Int { lines[id] ?? 0 }
    }

    /// Whose rule an expression is, which says which answers it may read.
    enum RuleScope {
        /// A context field's or question's rule, at `position` in answer order; only a constraint
        /// may read the field's own answer (by `.` or by id).
        case field(String, position: Int, mayReadItself: Bool)
        /// A section's `relevant`: answers before the section's first question.
        case section(String, firstQuestion: Int)
        /// A check's `relevant`: answers of the questions before the check.
        case check(String, position: Int)
    }

    func reportNamesOutOfOrder(_ expression: Expression, _ role: String, names: [String], scope: RuleScope,
                               order: AnswerOrder, into sink: inout DiagnosticSink) {
        let quoted = "\(role) expression \"\(expression.source.abbreviated)\""
        for name in names {
            guard let position = order.position(of: name) else { continue }
            switch scope {
            case let .field(id, _, mayReadItself) where name == id:
                if !mayReadItself {
                    sink.error(expression.location, "\(quoted) names '\(name)', the question it belongs to; whether a question is shown or required cannot depend on its own answer — name the earlier answers it depends on")
                }
            case let .field(_, own, _) where position > own, let .check(_, own) where position >= own:
                sink.error(expression.location, "\(quoted) names '\(name)', which comes later in the form (line \(order.line(of: name))); a rule may only use answers given before it — move the question up or the rule down")
            case let .section(id, first) where position >= first:
                sink.error(expression.location, "\(quoted) of section '\(id)' names '\(name)', which is inside the section or after it (line \(order.line(of: name))); a section's rule may only use answers given before the section — move the question above the section")
            default:
                continue
            }
        }
    }
}

extension String {
    /// The text, or its start and end around an ellipsis when it is too long to quote in a message.
    var abbreviated: String {
        let limit = 120
        guard count > limit else { return self }
        return String(prefix(limit / 2)) + " … " + String(suffix(limit / 2 - 10))
    }
}
