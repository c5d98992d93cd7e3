/// The `--json` shape of standards and forms.
public enum DefinitionJSON {
    public static func standard(_ standard: Standard) -> JSONValue {
        .object([
            ("id", .string(standard.id)), ("version", .string(standard.version)), ("title", .string(standard.title)),
            ("bands", .array(standard.bands.map { .object([("label", .string($0.label)), ("min", .number($0.minimum))]) })),
            ("categories", .array(standard.categories.map { category in
                .object([
                    ("id", .string(category.id)), ("title", .string(category.title)),
                    ("criteria", .array(category.criteria.map(criterion))),
                ])
            })),
        ])
    }

    public static func criterion(_ criterion: Criterion) -> JSONValue {
        .object([
            ("id", .string(criterion.id)), ("category", .string(criterion.categoryID)), ("title", .string(criterion.title)),
            ("guidance", .string(criterion.guidance)), ("weight", .number(criterion.weight)),
            ("scale", .string(criterion.scale.description)),
            ("levels", .array(criterion.levels.map { .object([("value", .integer(Int64($0.value))), ("label", .string($0.label))]) })),
            ("na", .string(criterion.notApplicable.rawValue)), ("critical", .optional(criterion.critical?.rawValue)),
            ("bonus", .bool(criterion.isBonus)), ("channels", .array(criterion.channels.map(JSONValue.string))),
            ("training", .array(criterion.trainingModuleIDs.map(JSONValue.string))),
        ])
    }

    public static func form(_ form: Form, standard: Standard?) -> JSONValue {
        func field(_ field: FormField) -> JSONValue {
            let criterion = field.criterionID.flatMap { standard?.criterion($0) }
            var required: JSONValue
            switch field.requirement {
            case .optional: required = .bool(false)
            case .required: required = .bool(true)
            case let .when(expression): required = .string(expression.source)
            }
            return .object([
                ("id", .string(field.id)), ("type", .string(field.type.rawValue)),
                ("prompt", .string(field.prompt.isEmpty ? (criterion?.title ?? "") : field.prompt)),
                ("required", required), ("relevant", .optional(field.relevant?.source)),
                ("constraint", .optional(field.constraint?.source)), ("criterion", .optional(field.criterionID)),
                ("weight", criterion.map { .number($0.weight) } ?? .null), ("comment", .string(field.comment.rawValue)),
                ("options", .array(field.options.map { .object([("value", .string($0.value)), ("label", .string($0.label))]) })),
            ])
        }
        return .object([
            ("id", .string(form.id)), ("version", .string(form.version)), ("title", .string(form.title)),
            ("kind", .string(form.kind.rawValue)), ("channel", .string(form.channel)), ("standard", .string(form.standardID)),
            ("review_required", .bool(form.reviewRequired)),
            ("context", .array(form.context.map(field))),
            ("sections", .array(form.sections.map { section in
                .object([
                    ("id", .string(section.id)), ("title", .string(section.title)), ("relevant", .optional(section.relevant?.source)),
                    ("items", .array(section.items.map { item in
                        switch item {
                        case let .question(question): return field(question)
                        case let .check(check):
                            return .object([
                                ("check", .string(check.criterionID)), ("met", .string(check.met.source)),
                                ("relevant", .optional(check.relevant?.source)),
                                ("weight", standard?.criterion(check.criterionID).map { .number($0.weight) } ?? .null),
                            ])
                        }
                    })),
                ])
            })),
            ("rules", rules(form, standard: standard)),
        ])
    }

    /// Every expression of the form with the evaluator the compiled plan chose for it: the native
    /// one, or libxml2's XPath (with the construct that needs it).
    static func rules(_ form: Form, standard: Standard?) -> JSONValue {
        let plan = FormPlan(form: form, standard: standard ?? Standard(id: form.standardID, version: "", title: "", bands: [], categories: []))
        return .array(plan.rules.map { rule in
            .object([
                ("expression", .string(rule.expression.source)), ("line", .integer(Int64(rule.expression.location.line))),
                ("evaluator", .string(rule.native == nil ? "libxml2" : "native")), ("why", .optional(rule.fallbackReason)),
            ])
        })
    }
}
