/// The semantic checks that a schema cannot express: references, weights, scales, bands,
/// expressions, relevance cycles. Every problem is reported, not just the first.
public struct DefinitionValidator: Sendable {
    public let catalog: ReferenceCatalog
    public let compiler: any ExpressionCompiling
    let scanner = ExpressionScanner()

    /// Ids that name the columns of an audit import and so cannot be a form's field or question.
    public static let reservedFieldIDs: Set<String> = ["agent", "auditor", "external_id", "form", "location", "status"]

    public init(catalog: ReferenceCatalog, compiler: any ExpressionCompiling) {
        self.catalog = catalog
        self.compiler = compiler
    }

    /// Diagnostics for one parsed file.
    public func validate(_ definition: Definition, path: String) -> [Diagnostic] {
        var sink = DiagnosticSink(path: path)
        switch definition {
        case let .standard(standard): validate(standard, into: &sink)
        case let .training(catalogue): validate(catalogue, into: &sink)
        case let .form(form): validate(form, into: &sink)
        case let .policy(policy): validate(policy, into: &sink)
        }
        return sink.diagnostics
    }

    /// Diagnostics for a set of files checked together: each file, plus ids that two files both claim.
    public func validate(_ files: [DefinitionFile]) -> [Diagnostic] {
        var diagnostics = files.flatMap { validate($0.definition, path: $0.path) }
        var claimed: [String: DefinitionFile] = [:]
        for file in files {
            let key = "\(file.definition.kind.rawValue) \(file.definition.id)"
            if let first = claimed[key], first.sha256 != file.sha256 {
                diagnostics.append(.error(
                    file.path, file.definition.anchorLocation,
                    "\(file.definition.kind.rawValue) id '\(file.definition.id)' is also defined in \(first.path); ids must be unique"))
            } else {
                claimed[key] = file
            }
        }
        for file in files {
            guard case let .standard(standard) = file.definition else { continue }
            diagnostics += unassessedCriteria(standard, path: file.path)
        }
        return diagnostics.sorted()
    }

    /// A criterion that none of its standard's forms binds can never be scored: a warning at the
    /// criterion, when at least one form of the standard for the criterion's channels is known.
    func unassessedCriteria(_ standard: Standard, path: String) -> [Diagnostic] {
        guard let forms = catalog.formsByStandard[standard.id], !forms.isEmpty else { return [] }
        var bound: Set<String> = []
        for form in forms.values {
            for section in form.sections {
                for item in section.items {
                    switch item {
                    case let .question(field): if let id = field.criterionID { bound.insert(id) }
                    case let .check(check): bound.insert(check.criterionID)
                    }
                }
            }
        }
        // Judged only against forms of the criterion's channels: a phone form says nothing about e-mail criteria.
        return standard.criteria.compactMap { criterion in
            let relevant = forms.values.filter { criterion.applies(to: $0.channel) }
            guard !bound.contains(criterion.id), !relevant.isEmpty else { return nil }
            let names = relevant.map(\.id).sorted().joined(separator: ", ")
            return .warning(path, criterion.anchor.at("id"),
                            "criterion '\(criterion.id)' is assessed by no form of standard '\(standard.id)' for its channels (forms: \(names)); it can never be scored")
        }
    }

    func validate(_ catalogue: TrainingCatalogue, into sink: inout DiagnosticSink) {
        sink.reportDuplicates(catalogue.modules, what: "training module", id: \.id, location: { $0.anchor.at("id") })
        for module in catalogue.modules where module.minutes <= 0 {
            sink.error(module.anchor.at("minutes"), "training module '\(module.id)' must last at least 1 minute, not \(module.minutes)")
        }
        for module in catalogue.modules where module.description.isEmpty {
            sink.warning(module.anchor.element, "training module '\(module.id)' has no description; trainers will not know what it covers")
        }
    }
}

extension Definition {
    /// Where the root's `version` attribute is.
    public var versionLocation: SourceLocation {
        switch self {
        case let .standard(value): return value.anchor.at("version")
        case let .training(value): return value.anchor.at("version")
        case let .form(value): return value.anchor.at("version")
        case let .policy(value): return value.anchor.at("version")
        }
    }

    var anchorLocation: SourceLocation {
        switch self {
        case let .standard(value): return value.anchor.at("id")
        case let .training(value): return value.anchor.at("id")
        case let .form(value): return value.anchor.at("id")
        case let .policy(value): return value.anchor.at("id")
        }
    }
}
