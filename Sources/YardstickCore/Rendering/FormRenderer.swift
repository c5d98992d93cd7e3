/// Renders a form as the auditor will meet it: context fields, then each section's questions with
/// their criterion, weight, scale anchors and the skip rule that hides them.
public struct FormRenderer: Sendable {
    public let form: Form
    public let standard: Standard?

    public init(form: Form, standard: Standard?) {
        self.form = form
        self.standard = standard
    }

    public func text(width: Int = 100) -> String {
        var out = "\(form.title)  (form \(form.id), version \(form.version))\n"
        out += "Kind: \(form.kind.rawValue) · channel: \(form.channel) · standard: \(form.standardID)"
        if let standard { out += " \(standard.version)" }
        out += form.reviewRequired ? " · review required before audits count\n" : "\n"
        let assessed = form.questions.filter(\.isScored).count + form.checks.count
        out += "\(form.questions.count) questions, \(form.checks.count) checks, \(assessed) criteria scored\n"
        if !form.context.isEmpty {
            out += "\nContext\n"
            for (index, field) in form.context.enumerated() {
                out += renderField(field, number: "C\(index + 1)", width: width)
            }
        }
        var number = 0
        for section in form.sections {
            out += "\n\(section.title)"
            if let relevant = section.relevant { out += "   [whole section only when: \(relevant.source)]" }
            out += "\n"
            for item in section.items {
                switch item {
                case let .question(field):
                    number += 1
                    out += renderField(field, number: "\(number)", width: width)
                case let .check(check):
                    out += renderCheck(check, width: width)
                }
            }
        }
        return out
    }

    private func renderField(_ field: FormField, number: String, width: Int) -> String {
        let criterion = field.criterionID.flatMap { standard?.criterion($0) }
        let prompt = field.prompt.isEmpty ? (criterion?.title ?? field.id) : field.prompt
        var required: String
        switch field.requirement {
        case .required: required = " *"
        case .optional: required = ""
        case let .when(expression): required = " * when \(expression.source)"
        }
        var out = "  \(number). \(prompt)\(required)\n"
        var facts = ["id \(field.id)", typeDescription(field, criterion: criterion)]
        if let criterionID = field.criterionID {
            if let criterion {
                var scored = "scores \(criterionID) (weight \(formatNumber(criterion.weight)))"
                if let critical = criterion.critical { scored += ", critical: \(critical.rawValue)" }
                if criterion.isBonus { scored += ", bonus" }
                if criterion.notApplicable == .never { scored += ", N/A not allowed" }
                facts.append(scored)
            } else {
                facts.append("scores \(criterionID)")
            }
        }
        out += "      " + facts.joined(separator: " · ") + "\n"
        if let relevant = field.relevant { out += "      asked only when: \(relevant.source)\n" }
        if let constraint = field.constraint {
            let message = field.constraintMessage.isEmpty ? "" : " — \(field.constraintMessage)"
            out += "      must satisfy: \(constraint.source)\(message)\n"
        }
        switch field.comment {
        case .required: out += "      comment required\n"
        case .requiredIfNotMet: out += "      comment required when not met\n"
        case .none, .optional: break
        }
        if !field.hint.isEmpty { out += wrap("hint: " + field.hint, width: width, indent: "      ") + "\n" }
        for option in field.options { out += "      (\(option.value)) \(option.label)\n" }
        if let criterion, case .range = criterion.scale {
            for level in criterion.levels.sorted(by: { $0.value < $1.value }) {
                out += wrap("\(level.value) = \(level.label)", width: width, indent: "      ") + "\n"
            }
        }
        return out
    }

    private func renderCheck(_ check: Check, width: Int) -> String {
        let criterion = standard?.criterion(check.criterionID)
        let title = check.label.isEmpty ? (criterion?.title ?? check.criterionID) : check.label
        var out = "  ✓ \(title)  [computed check]\n"
        var facts = ["met when: \(check.met.source)"]
        if let criterion { facts.append("scores \(check.criterionID) (weight \(formatNumber(criterion.weight)))") }
        out += "      " + facts.joined(separator: " · ") + "\n"
        if let relevant = check.relevant { out += "      applies only when: \(relevant.source)\n" }
        return out
    }

    private func typeDescription(_ field: FormField, criterion: Criterion?) -> String {
        switch field.type {
        case .yesNo: return criterion?.notApplicable == .allowed ? "yes / no / na" : "yes / no"
        case .scale:
            if let criterion, case let .range(low, high) = criterion.scale { return "scale \(low)–\(high)" }
            return "scale"
        case .duration: return "duration (m:ss, h:mm:ss or seconds)"
        case .date: return "date (YYYY-MM-DD)"
        case .time: return "time (HH:MM)"
        case .choice: return "choose one"
        case .multiChoice: return "choose any (separate with spaces)"
        case .integer, .number, .text: return field.type.rawValue
        }
    }
}
