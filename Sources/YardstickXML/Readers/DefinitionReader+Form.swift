import YardstickCore

extension DefinitionReader {
    mutating func readForm(_ root: XMLElement) -> Form {
        let context = (root.child(named: "context")?.children(named: "field") ?? []).map { readField($0) }
        var sections: [FormSection] = []
        for element in root.children(named: "section") {
            var items: [SectionItem] = []
            for child in element.children {
                switch child.name {
                case "question":
                    items.append(.question(readField(child)))
                case "check":
                    items.append(.check(Check(
                        criterionID: string(child, "criterion"), relevant: expression(child, "relevant"),
                        met: expression(child, "met") ?? Expression("false()", at: child.anchor.element),
                        label: string(child, "label"), anchor: child.anchor)))
                default:
                    break
                }
            }
            sections.append(FormSection(
                id: string(element, "id"), title: string(element, "title"), relevant: expression(element, "relevant"),
                items: items, anchor: element.anchor))
        }
        var form = Form(
            id: string(root, "id"), version: string(root, "version"), standardID: string(root, "standard"),
            kind: FormKind(rawValue: string(root, "kind")) ?? .callReview, channel: string(root, "channel"),
            title: string(root, "title"), reviewRequired: string(root, "review") == "required",
            context: context, sections: sections, anchor: root.anchor)
        form.flags = root.children(named: "flag").map { element in
            ConsistencyFlag(when: expression(element, "when") ?? Expression("false()", at: element.anchor.element), message: string(element, "message"),
                            anchor: element.anchor)
        }
        return form
    }

    private mutating func readField(_ element: XMLElement) -> FormField {
        let options = element.children(named: "option").map { option in
            ChoiceOption(value: string(option, "value"), label: option.text, anchor: option.anchor)
        }
        let criterionID = element.attribute("criterion")?.trimmingWhitespace()
        let ownText = element.ownText
        return FormField(
            id: string(element, "id"), type: AnswerType(rawValue: string(element, "type")) ?? .text,
            prompt: ownText.isEmpty ? string(element, "label") : ownText, hint: string(element, "hint"),
            requirement: requirement(element), relevant: expression(element, "relevant"),
            constraint: expression(element, "constraint"), constraintMessage: string(element, "constraint-message"),
            criterionID: criterionID, comment: CommentPolicy(rawValue: string(element, "comment")) ?? .optional,
            options: options, anchor: element.anchor)
    }

    /// `required` is `true`/`false`, or an expression that decides from other answers.
    private func requirement(_ element: XMLElement) -> Requirement {
        guard let value = element.attribute("required")?.trimmingWhitespace() else { return .optional }
        switch value {
        case "true", "yes": return .required
        case "false", "no": return .optional
        default: return .when(Expression(value, at: element.anchor.at("required")))
        }
    }
}
