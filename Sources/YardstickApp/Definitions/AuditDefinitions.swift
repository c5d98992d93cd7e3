import YardstickCore
import YardstickStore
import YardstickXML

/// The exact form and standard versions an audit is filled and scored against, with an engine over them.
public final class AuditDefinitions {
    public let formVersion: StoredDefinition
    public let standardVersion: StoredDefinition
    public let form: Form
    public let standard: Standard
    public let engine: FormEngine
    public let slots: [String: Int]
    /// Flattened once: the row path encodes every audit against them.
    let fieldIDs: [String]
    let criterionIDs: [String]

    init(formVersion: StoredDefinition, standardVersion: StoredDefinition, form: Form, standard: Standard, slots: [String: Int]) {
        self.formVersion = formVersion
        self.standardVersion = standardVersion
        self.form = form
        self.standard = standard
        engine = FormEngine(form: form, standard: standard, evaluator: XPathFormEvaluator(form: form))
        self.slots = slots
        fieldIDs = engine.fields.map(\.id)
        criterionIDs = standard.criteria.map(\.id)
    }

    /// An engine over the same plan with a libxml2 fallback of its own, for a second thread: libxml2's
    /// documents and XPath contexts must not be shared between threads, the compiled plan may be.
    public func engineForAnotherThread() -> FormEngine {
        let second = FormEngine(plan: engine.plan, fallback: XPathFormEvaluator(form: form))
        second.latestOccurredOn = engine.latestOccurredOn
        return second
    }

    public func encode(_ answers: [String: AnswerValue]) -> [UInt8] { AnswerCodec.encode(answers, fieldIDs: fieldIDs) }

    public func encodeResults(_ outcomes: [String: CriterionOutcome]) -> [UInt8] { ResultCodec.encode(outcomes, criterionIDs: criterionIDs) }

    /// The stored answers of `audit`; damage is an error that points to `verify`.
    public func decode(_ audit: StoredAudit) throws -> [String: AnswerValue] {
        do {
            return try AnswerCodec.decode(audit.answers, fields: engine.fields)
        } catch {
            throw InputError("audit \(audit.id): the stored answers cannot be decoded (\(error)); run 'yardstick verify'")
        }
    }

    /// The stored per-criterion results of `audit` (nil for drafts).
    public func decodeResults(_ audit: StoredAudit) throws -> [String: CriterionOutcome]? {
        guard let results = audit.results else { return nil }
        do {
            return try ResultCodec.decode(results, criteria: standard.criteria)
        } catch {
            throw InputError("audit \(audit.id): the stored results cannot be decoded (\(error)); run 'yardstick verify'")
        }
    }

    /// The content (for hashing) of `audit` as it would be stored.
    public func content(of audit: StoredAudit) -> AuditContent {
        AuditContent(stored: audit, formSHA256: formVersion.sha256, standardSHA256: standardVersion.sha256)
    }

    /// Where `audit` (stored under these versions) counts in the aggregates, or nil when it does not count.
    public func aggregateKey(of audit: StoredAudit) -> AggregateKey? {
        guard audit.counts, let month = ISODate(audit.occurredOn)?.monthKey else { return nil }
        return AggregateKey(month: month, standardID: standard.id, formID: form.id, placement: audit.placement, agentID: audit.agentID)
    }

    /// Adds (sign 1) or removes (sign −1) the stored contribution of `audit` to `aggregates`.
    func add(_ audit: StoredAudit, outcomes: [String: CriterionOutcome]?, to aggregates: inout AggregateAccumulator, sign: Int64 = 1) {
        guard let key = aggregateKey(of: audit) else { return }
        aggregates.add(key, standard: standard, slots: slots, score: audit.score, band: audit.band, criticalFail: audit.criticalFail,
                       outcomes: outcomes ?? [:], sign: sign)
    }

    /// "call-review@1a2b3c4d5e6f", how the history names a version.
    var formLabel: String { "\(form.id)@\(formVersion.sha256.prefix(12))" }
    var standardLabel: String { "\(standard.id)@\(standardVersion.sha256.prefix(12))" }
}

/// Parsed definitions by stored version id, parsed once per process and shared by every use case.
public final class DefinitionCatalogue {
    let store: Store
    private var parsed: [Int64: Definition] = [:]
    private var pairs: [String: AuditDefinitions] = [:]

    /// The latest date of an interaction that audits may name, or nil for any.
    let latestOccurredOn: ISODate?

    public init(store: Store, latestOccurredOn: ISODate? = nil) {
        self.store = store
        self.latestOccurredOn = latestOccurredOn
    }

    /// The definition stored as version `versionID`.
    public func definition(versionID: Int64, kind: DefinitionKind) throws -> Definition {
        if let cached = parsed[versionID] { return cached }
        let bytes = try store.definitions.content(versionID: versionID)
        guard let definition = DefinitionParser().parse(bytes, path: "stored \(kind.singularNoun) #\(versionID)").file?.definition,
              definition.kind == kind else {
            throw InputError("stored \(kind.singularNoun) version #\(versionID) cannot be read; run 'yardstick verify'")
        }
        parsed[versionID] = definition
        return definition
    }

    /// The standard stored as version `versionID`.
    public func standard(versionID: Int64) throws -> Standard {
        guard case let .standard(standard) = try definition(versionID: versionID, kind: .standard) else { throw notA(.standard, versionID) }
        return standard
    }

    /// The incentive policy stored as version `versionID`.
    public func policy(versionID: Int64) throws -> IncentivePolicy {
        guard case let .policy(policy) = try definition(versionID: versionID, kind: .policy) else { throw notA(.policy, versionID) }
        return policy
    }

    /// The training catalogue stored as version `versionID`.
    public func training(versionID: Int64) throws -> TrainingCatalogue {
        guard case let .training(catalogue) = try definition(versionID: versionID, kind: .training) else { throw notA(.training, versionID) }
        return catalogue
    }

    private func notA(_ kind: DefinitionKind, _ versionID: Int64) -> InputError {
        InputError("stored version #\(versionID) is not a \(kind.singularNoun); run 'yardstick verify'")
    }

    /// The current version of form `formID` and of its standard.
    public func latest(formID: String) throws -> AuditDefinitions {
        guard let formVersion = try store.definitions.latest(kind: .form, id: formID) else {
            let known = try store.definitions.latestVersions(kind: .form).map(\.docID)
            throw InputError("no registered form '\(formID)'; registered: \(known.isEmpty ? "none (run 'yardstick load forms')" : known.joined(separator: ", "))")
        }
        guard case let .form(form) = try definition(versionID: formVersion.versionID, kind: .form) else { throw InputError("not a form") }
        guard let standardVersion = try store.definitions.latest(kind: .standard, id: form.standardID) else {
            throw InputError("form '\(formID)' belongs to standard '\(form.standardID)', which is not registered; run 'yardstick load standards'")
        }
        return try pair(formVersion: formVersion, standardVersion: standardVersion)
    }

    /// The versions a stored audit was filled and scored against.
    public func of(_ audit: StoredAudit) throws -> AuditDefinitions {
        try versions(form: audit.formVersionID, standard: audit.standardVersionID, auditID: audit.id)
    }

    /// Form version `form` with standard version `standard`.
    public func versions(form: Int64, standard: Int64, auditID: Int64? = nil) throws -> AuditDefinitions {
        if let cached = pairs["\(form):\(standard)"] { return cached }
        let versions = try store.definitions.versions(byID: [form, standard])
        guard let formVersion = versions[form], let standardVersion = versions[standard],
              formVersion.kind == .form, standardVersion.kind == .standard else {
            throw InputError("\(auditID.map { "audit \($0)" } ?? "the audit") refers to definition versions #\(form)/#\(standard) that are missing from the database; run 'yardstick verify'")
        }
        return try pair(formVersion: formVersion, standardVersion: standardVersion)
    }

    private func pair(formVersion: StoredDefinition, standardVersion: StoredDefinition) throws -> AuditDefinitions {
        let key = "\(formVersion.versionID):\(standardVersion.versionID)"
        if let cached = pairs[key] { return cached }
        guard case let .form(form) = try definition(versionID: formVersion.versionID, kind: .form),
              case let .standard(standard) = try definition(versionID: standardVersion.versionID, kind: .standard) else {
            throw InputError("stored versions #\(formVersion.versionID)/#\(standardVersion.versionID) are not a form and a standard")
        }
        let result = AuditDefinitions(formVersion: formVersion, standardVersion: standardVersion, form: form, standard: standard,
                                      slots: try store.audits.slots(standardID: standard.id))
        result.engine.latestOccurredOn = latestOccurredOn
        pairs[key] = result
        return result
    }
}
