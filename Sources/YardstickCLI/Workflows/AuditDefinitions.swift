import YardstickCore
import YardstickStore
import YardstickXML

/// The exact form and standard versions an audit is filled and scored against, with an engine over them.
struct AuditDefinitions {
    let formVersion: StoredDefinition
    let standardVersion: StoredDefinition
    let form: Form
    let standard: Standard
    let engine: FormEngine
    let slots: [String: Int]
    /// Flattened once: the row path encodes every audit against them.
    let fieldIDs: [String]
    let criterionIDs: [String]

    /// The newest registered version of form `formID` and of the standard it belongs to.
    static func latest(formID: String, store: Store) throws -> AuditDefinitions {
        guard let formVersion = try store.definitions.latest(kind: .form, id: formID) else {
            let known = try store.definitions.latestVersions(kind: .form).map(\.docID)
            throw InputError("no registered form '\(formID)'; registered: \(known.isEmpty ? "none (run 'yardstick load forms')" : known.joined(separator: ", "))")
        }
        let form = try parseForm(versionID: formVersion.versionID, store: store)
        guard let standardVersion = try store.definitions.latest(kind: .standard, id: form.standardID) else {
            throw InputError("form '\(formID)' belongs to standard '\(form.standardID)', which is not registered; run 'yardstick load standards'")
        }
        return try AuditDefinitions(formVersion: formVersion, standardVersion: standardVersion, form: form, store: store)
    }

    /// The versions a stored audit was filled against.
    static func of(_ audit: StoredAudit, store: Store) throws -> AuditDefinitions {
        let versions = try store.definitions.versions(byID: [audit.formVersionID, audit.standardVersionID])
        guard let formVersion = versions[audit.formVersionID], let standardVersion = versions[audit.standardVersionID] else {
            throw InputError("audit \(audit.id) refers to definition versions that are missing from the database")
        }
        return try AuditDefinitions(formVersion: formVersion, standardVersion: standardVersion,
                                    form: parseForm(versionID: formVersion.versionID, store: store), store: store)
    }

    private init(formVersion: StoredDefinition, standardVersion: StoredDefinition, form: Form, store: Store) throws {
        guard case let .standard(standard)? = DefinitionParser().parse(
            try store.definitions.content(versionID: standardVersion.versionID), path: standardVersion.sourcePath).file?.definition else {
            throw InputError("stored standard version #\(standardVersion.versionID) cannot be read")
        }
        self.formVersion = formVersion
        self.standardVersion = standardVersion
        self.form = form
        self.standard = standard
        engine = FormEngine(form: form, standard: standard, evaluator: XPathFormEvaluator(form: form))
        slots = try store.audits.slots(standardID: standard.id)
        fieldIDs = engine.fields.map(\.id)
        criterionIDs = standard.criteria.map(\.id)
    }

    private static func parseForm(versionID: Int64, store: Store) throws -> Form {
        let bytes = try store.definitions.content(versionID: versionID)
        guard case let .form(form)? = DefinitionParser().parse(bytes, path: "form").file?.definition else {
            throw InputError("stored form version #\(versionID) cannot be read")
        }
        return form
    }

    func encode(_ answers: [String: AnswerValue]) -> [UInt8] { AnswerCodec.encode(answers, fieldIDs: fieldIDs) }

    func encodeResults(_ outcomes: [String: CriterionOutcome]) -> [UInt8] { ResultCodec.encode(outcomes, criterionIDs: criterionIDs) }

    func decode(_ audit: StoredAudit) throws -> [String: AnswerValue] {
        do {
            return try AnswerCodec.decode(audit.answers, fields: engine.fields)
        } catch {
            throw InputError("audit \(audit.id): stored answers cannot be decoded (\(error)); run 'yardstick verify'")
        }
    }
}
