extension DefinitionValidator {
    func validate(_ form: Form, into sink: inout DiagnosticSink) {
        let fields = form.answerFields
        sink.reportDuplicates(fields, what: "field or question id", id: \.id, location: { $0.anchor.at("id") })
        sink.reportDuplicates(form.sections, what: "section", id: \.id, location: { $0.anchor.at("id") })
        for field in fields {
            if Self.reservedFieldIDs.contains(field.id) {
                sink.error(field.anchor.at("id"), "'\(field.id)' is a reserved column name of audit imports; choose another id")
            }
            if field.id.hasSuffix("_comment") {
                sink.error(field.anchor.at("id"), "'\(field.id)' ends in _comment, which audit imports use for comment columns; choose another id")
            }
            validateOptions(of: field, into: &sink)
        }
        if let occurred = form.context.first(where: { $0.id == "occurred_on" }), occurred.type != .date {
            sink.error(occurred.anchor.at("type"), "context field 'occurred_on' is the date of the interaction and must have type=\"date\"")
        }
        for field in form.context where field.criterionID != nil {
            sink.error(field.anchor.at("criterion"), "context field '\(field.id)' cannot be scored; bind criteria to questions in a section")
        }

        let standard = catalog.standards[form.standardID]
        if standard == nil {
            sink.error(form.anchor.at("standard"), "form '\(form.id)' refers to unknown standard '\(form.standardID)'; check or load that standard with it")
        }
        validateBindings(form, standard: standard, into: &sink)
        validateExpressions(form, into: &sink)
        validateRelevanceCycles(form, into: &sink)
    }

    private func validateOptions(of field: FormField, into sink: inout DiagnosticSink) {
        let takesOptions = field.type == .choice || field.type == .multiChoice
        if takesOptions && field.options.isEmpty {
            sink.error(field.anchor.at("type"), "\(field.type.rawValue) question '\(field.id)' has no <option> elements")
        } else if !takesOptions, let first = field.options.first {
            sink.error(first.anchor.element, "'\(field.id)' is of type \(field.type.rawValue); only choice and multi-choice take <option> elements")
        }
        sink.reportDuplicates(field.options, what: "option value", id: \.value, location: { $0.anchor.at("value") })
        if field.type == .multiChoice {
            for option in field.options where option.value.contains(" ") {
                sink.error(option.anchor.at("value"), "multi-choice option value '\(option.value)' contains a space, which separates chosen values")
            }
        }
    }

    /// Each criterion is bound once, to a question or check whose type fits the criterion's scale.
    private func validateBindings(_ form: Form, standard: Standard?, into sink: inout DiagnosticSink) {
        var boundAt: [String: SourceLocation] = [:]
        for section in form.sections {
            for item in section.items {
                let (criterionID, anchor, hiddenBy): (String?, SourceAnchor, Expression?)
                switch item {
                case let .question(field): (criterionID, anchor, hiddenBy) = (field.criterionID, field.anchor, field.relevant ?? section.relevant)
                case let .check(check): (criterionID, anchor, hiddenBy) = (check.criterionID, check.anchor, check.relevant ?? section.relevant)
                }
                guard let criterionID else {
                    if case let .question(field) = item, field.type == .scale {
                        sink.error(field.anchor.at("type"), "scale question '\(field.id)' takes its bounds from a criterion; add criterion=\"…\"")
                    }
                    continue
                }
                if let first = boundAt[criterionID] {
                    sink.error(anchor.at("criterion"), "criterion '\(criterionID)' is bound twice in this form (first at line \(first.line)); each criterion is scored once")
                    continue
                }
                boundAt[criterionID] = anchor.at("criterion")
                guard let standard else { continue }
                guard let criterion = standard.criterion(criterionID) else {
                    sink.error(anchor.at("criterion"), "unknown criterion '\(criterionID)'; standard '\(standard.id)' has no such criterion")
                    continue
                }
                validateFit(item, criterion: criterion, anchor: anchor, into: &sink)
                if criterion.notApplicable == .never, hiddenBy != nil {
                    sink.warning(anchor.at("criterion"),
                                 "criterion '\(criterionID)' is na=\"never\" but can be hidden by relevant=\"\(hiddenBy!.source)\"; when hidden it scores N/A")
                }
                if !criterion.applies(to: form.channel) {
                    sink.warning(anchor.at("criterion"),
                                 "criterion '\(criterionID)' applies to \(criterion.channels.joined(separator: ", ")), not to this form's channel '\(form.channel)'")
                }
            }
        }
    }

    private func validateFit(_ item: SectionItem, criterion: Criterion, anchor: SourceAnchor, into sink: inout DiagnosticSink) {
        switch (item, criterion.scale) {
        case let (.question(field), .yesNo) where field.type != .yesNo:
            sink.error(field.anchor.at("type"),
                       "question '\(field.id)' is of type \(field.type.rawValue) but criterion '\(criterion.id)' is rated yes-no; use type=\"yes-no\"")
        case let (.question(field), .range) where field.type != .scale:
            sink.error(field.anchor.at("type"),
                       "question '\(field.id)' is of type \(field.type.rawValue) but criterion '\(criterion.id)' is rated on the scale \(criterion.scale); use type=\"scale\"")
        case (.check, .range):
            sink.error(anchor.at("criterion"),
                       "a check is met or not met, but criterion '\(criterion.id)' is rated on the scale \(criterion.scale); bind a yes-no criterion")
        default:
            break
        }
    }

    /// Every expression compiles, names only fields and questions of the form that come before the
    /// rule (see `RuleScope`), and can be evaluated within the evaluator's work limit.
    private func validateExpressions(_ form: Form, into sink: inout DiagnosticSink) {
        let order = AnswerOrder(form)
        let fieldsByID = Dictionary(form.answerFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func check(_ expression: Expression?, _ role: String, scope: RuleScope?, allowsContextItem: Bool = false) {
            guard let expression else { return }
            if expression.source.trimmingWhitespace().isEmpty {
                sink.error(expression.location, "\(role) expression is empty")
                return
            }
            if let problem = compiler.compileError(for: expression.source) {
                sink.error(expression.location, "\(role) expression \"\(expression.source)\" does not compile: \(problem)")
                return
            }
            let scan = scanner.scan(expression.source)
            for name in scan.names where order.position(of: name) == nil {
                let hint = ExpressionScanner.operatorNames.contains(name)
                    ? " ('\(name)' stands where a value is expected — is an operand missing?)" : ""
                sink.error(expression.location, "\(role) expression \"\(expression.source)\" names '\(name)', which is no field or question of this form\(hint)")
            }
            for name in scan.prefixedNames {
                sink.error(expression.location, "\(role) expression uses the prefixed name '\(name)'; answers have no namespace, write the bare id")
            }
            for function in scan.functions where !ExpressionScanner.coreFunctions.contains(function) {
                sink.error(expression.location, "\(role) expression calls unknown function '\(function)()'; only XPath 1.0 core functions are available")
            }
            for variable in scan.variables {
                sink.error(expression.location, "\(role) expression uses variable '$\(variable)', but forms define no variables")
            }
            if scan.usesContextItem && !allowsContextItem {
                sink.warning(expression.location, "\(role) expression uses '.', which is the whole answers document here; name the question instead")
            }
            if let scope {
                reportNamesOutOfOrder(expression, role, names: scan.names, scope: scope, order: order, into: &sink)
            }
            reportImpossibleComparisons(expression, role, scan.literalComparisons, fields: fieldsByID, into: &sink)
            if !allowsContextItem { reportConstantRule(expression, role, names: scan.names, fields: fieldsByID, order: order.ids, into: &sink) }
            if let problem = compiler.evaluationProblem(for: expression.source, fieldIDs: order.ids) {
                sink.error(expression.location, "\(role) expression \"\(expression.source.abbreviated)\" cannot be evaluated: \(problem)")
            }
        }
        func checkField(_ field: FormField, at position: Int) {
            check(field.relevant, "relevant", scope: .field(field.id, position: position, mayReadItself: false))
            check(field.constraint, "constraint", scope: .field(field.id, position: position, mayReadItself: true), allowsContextItem: true)
            if case let .when(expression) = field.requirement {
                check(expression, "required", scope: .field(field.id, position: position, mayReadItself: false))
            }
        }
        for (position, field) in form.context.enumerated() {
            checkField(field, at: position)
        }
        var position = form.context.count
        for section in form.sections {
            check(section.relevant, "relevant", scope: .section(section.id, firstQuestion: position))
            for item in section.items {
                switch item {
                case let .question(field):
                    checkField(field, at: position)
                    position += 1
                case let .check(item):
                    check(item.relevant, "relevant", scope: .check(item.criterionID, position: position))
                    // `met` is evaluated once every answer is in, so it may name any of them.
                    check(item.met, "met", scope: nil)
                }
            }
        }
        // Consistency flags too are evaluated once every answer is in.
        for flag in form.flags { check(flag.when, "when", scope: nil) }
    }

    /// A question hidden by a rule that (through other rules) depends on the question itself can never settle.
    private func validateRelevanceCycles(_ form: Form, into sink: inout DiagnosticSink) {
        var dependsOn: [String: [String]] = [:]
        var location: [String: SourceLocation] = [:]
        var order: [String] = []
        for section in form.sections {
            let sectionNames = section.relevant.map { scanner.scan($0.source).names } ?? []
            for field in section.items.compactMap(\.question) {
                let own = field.relevant.map { scanner.scan($0.source).names } ?? []
                dependsOn[field.id] = own + sectionNames
                location[field.id] = (field.relevant ?? section.relevant)?.location ?? field.anchor.element
                order.append(field.id)
            }
        }
        for field in form.context {
            dependsOn[field.id] = field.relevant.map { scanner.scan($0.source).names } ?? []
            location[field.id] = field.relevant?.location ?? field.anchor.element
            order.append(field.id)
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var reported: Set<String> = []
        func visit(_ id: String, path: [String]) {
            if state[id] == 2 { return }
            if state[id] == 1 {
                guard let start = path.firstIndex(of: id) else { return }
                let cycle = Array(path[start...]) + [id]
                let key = Set(cycle).sorted().joined(separator: ",")
                if reported.insert(key).inserted {
                    sink.error(location[id] ?? .start, "relevance cycle: \(cycle.joined(separator: " → ")); a question cannot depend on itself")
                }
                return
            }
            state[id] = 1
            for next in dependsOn[id] ?? [] where dependsOn[next] != nil {
                visit(next, path: path + [id])
            }
            state[id] = 2
        }
        for id in order { visit(id, path: []) }
    }
}

extension DefinitionValidator {
    /// A comparison with a value the answer can never have is a dead rule: a choice compared with
    /// text that is none of its options (`purpose = 'Loan'` against option `loan`), a yes-no with
    /// anything but 'yes', 'no' or 'na'.
    func reportImpossibleComparisons(_ expression: Expression, _ role: String, _ comparisons: [ExpressionScanner.LiteralComparison],
                                     fields: [String: FormField], into sink: inout DiagnosticSink) {
        for comparison in comparisons {
            guard let field = fields[comparison.name] else { continue }
            switch field.type {
            case .choice, .multiChoice:
                let values = field.options.map(\.value)
                let parts = field.type == .multiChoice ? comparison.literal.split(separator: " ").map(String.init) : [comparison.literal]
                for part in parts where !values.contains(part) && part != "na" {
                    let near = values.first { $0.lowercased() == part.lowercased() }.map { "; did you mean '\($0)'?" } ?? ""
                    sink.error(expression.location,
                               "\(role) expression \"\(expression.source.abbreviated)\" compares '\(field.id)' with '\(part)', which is none of its option values (\(values.joined(separator: ", ")))\(near)")
                }
            case .yesNo where !["yes", "no", "na"].contains(comparison.literal):
                sink.error(expression.location,
                           "\(role) expression \"\(expression.source.abbreviated)\" compares the yes-no answer '\(field.id)' with '\(comparison.literal)'; a yes-no answer is 'yes', 'no' or 'na'")
            default:
                continue
            }
        }
    }
}

extension DefinitionValidator {
    /// A rule over answers with few possible values (yes-no, choices) that comes out the same for
    /// every combination of them is dead: never true hides its question for good, always true
    /// does nothing. Only rules over at most 256 combinations are tried.
    func reportConstantRule(_ expression: Expression, _ role: String, names: [String], fields: [String: FormField], order: [String],
                            into sink: inout DiagnosticSink) {
        var domains: [(String, [String])] = []
        for name in names {
            guard let field = fields[name] else { return }
            switch field.type {
            case .yesNo: domains.append((name, ["", "yes", "no", "na"]))
            case .choice: domains.append((name, [""] + field.options.map(\.value)))
            default: return
            }
        }
        var assignments: [[String: String]] = [[:]]
        for (name, values) in domains {
            assignments = assignments.flatMap { partial in values.map { var next = partial; next[name] = $0; return next } }
            if assignments.count > 256 { return }
        }
        guard let values = compiler.truthValues(for: expression.source, assignments: assignments, fieldIDs: order), values.count == 1,
              let value = values.first else { return }
        sink.warning(expression.location, value
            ? "\(role) expression \"\(expression.source.abbreviated)\" is true whatever the answers\(names.isEmpty ? "" : " to \(names.joined(separator: ", "))"); the rule does nothing"
            : "\(role) expression \"\(expression.source.abbreviated)\" is false whatever the answers\(names.isEmpty ? "" : " to \(names.joined(separator: ", "))"); the rule can never apply")
    }
}
