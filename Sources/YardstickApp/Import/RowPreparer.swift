import YardstickCore
import YardstickStore

/// What an import needs of one form, fixed before the first row: the definitions with their plan,
/// the status its audits are stored with and the stored slot of each criterion slot.
final class ImportForm: @unchecked Sendable {
    // Immutable after init. Each reader's libxml2 fallback is used by one thread only: `reader` by
    // the thread that reads the file (a CSV file's producer), `writerReader` by a CSV import's
    // writer when it prepares rows itself.
    let definitions: AuditDefinitions
    let reader: AuditRowReader
    let writerReader: AuditRowReader
    let status: AuditStatus
    let storeSlots: [Int]
    /// The form's number in this import (0, 1, …), part of its audits' `PreparedAudit.aggregateKey`.
    let ordinal: Int
    /// The content hash's shared start for this form and standard version, hashed once.
    let hashPrefix: AuditContent.HashPrefix

    init(definitions: AuditDefinitions, status: AuditStatus, ordinal: Int) {
        self.definitions = definitions
        self.ordinal = ordinal
        hashPrefix = AuditContent.HashPrefix(formVersionID: definitions.formVersion.versionID, formSHA256: definitions.formVersion.sha256,
                                             standardVersionID: definitions.standardVersion.versionID,
                                             standardSHA256: definitions.standardVersion.sha256)
        reader = AuditRowReader(engine: definitions.engine)
        writerReader = AuditRowReader(engine: definitions.engineForAnotherThread())
        self.status = status
        storeSlots = definitions.engine.plan.criteria.map { definitions.slots[$0.id] ?? -1 }
    }

    var plan: FormPlan { definitions.engine.plan }
}

/// One row of an import, parsed, checked and scored, on its way to the writer.
enum ImportItem: @unchecked Sendable {
    case audit(PreparedAudit)
    /// A row with problems; `countsAsRow` is false for a row the file's layout already rules out.
    case rejected(row: Int, problems: [LocatedProblem], countsAsRow: Bool)
    /// The first row of a form in a file with a `form` column: its columns are checked once.
    case formSeen(String)
    /// The file cannot be read on from here (a CSV syntax error): the rows before it stand.
    case unreadable(row: Int, column: Int, message: String)
}

struct LocatedProblem: Sendable {
    var column: Int
    var message: String
}

/// A scored audit ready to insert, with what the writer needs for the aggregates and for telling
/// an unchanged re-import from a conflict. A class: it passes through the queue and the writer
/// by reference, not by copying its arrays and strings at every hand-over. Changed only by the
/// producer, before it hands the audit over.
final class PreparedAudit: @unchecked Sendable {
    let row: Int
    let form: ImportForm
    var audit: AuditImportStage.NewAudit
    let outcomes: [CriterionOutcome?]
    /// Column of `external_id`, for a conflict's message.
    let externalIDColumn: Int
    /// The audit's agent by number in the import's roster, when the agent alone decides where it
    /// counts (no audited location): its aggregate key is then named by integers.
    let agentOrdinal: Int?

    init(row: Int, form: ImportForm, audit: AuditImportStage.NewAudit, outcomes: [CriterionOutcome?], externalIDColumn: Int, agentOrdinal: Int?) {
        self.row = row
        self.form = form
        self.audit = audit
        self.outcomes = outcomes
        self.externalIDColumn = externalIDColumn
        self.agentOrdinal = agentOrdinal
    }

    /// The audit with its content hash (PRODUCT.md §11), computed from exactly what is stored.
    var sealed: AuditImportStage.NewAudit {
        var sealed = audit
        let definitions = form.definitions
        sealed.contentHash = AuditContent(
            agentID: audit.agentID, locationID: audit.locationID, auditor: audit.auditor, occurredOn: audit.occurredOn.description,
            formVersionID: audit.formVersionID, formSHA256: definitions.formVersion.sha256, standardVersionID: audit.standardVersionID,
            standardSHA256: definitions.standardVersion.sha256, status: audit.status, calibrationSessionID: nil, answers: audit.answers,
            comments: audit.comments, score: audit.score.score, band: audit.score.band, outcome: audit.score.outcome.rawValue,
            criticalFail: audit.score.criticalFail, results: audit.results, placement: audit.placement).hash(after: form.hashPrefix)
        return sealed
    }

    /// Whether the audit counts in the aggregates (PRODUCT.md §2).
    var counts: Bool { AuditCounting.counts(status: audit.status, calibrationSessionID: nil) }

    /// Adds the audit's contribution to `aggregates`.
    func add(to aggregates: inout AggregateAccumulator) {
        guard counts else { return }
        let plan = form.plan
        let month = audit.occurredOn.monthKey
        func key() -> AggregateKey {
            AggregateKey(month: month, standardID: plan.standard.id, formID: form.definitions.form.id, placement: audit.placement, agentID: audit.agentID)
        }
        if let fastKey = aggregateKey {
            aggregates.add(fastKey: fastKey, key: key, scales: plan.criterionScales, storeSlots: form.storeSlots, score: audit.score.score,
                           band: audit.score.band, criticalFail: audit.score.criticalFail, outcomes: outcomes)
        } else {
            aggregates.add(key(), scales: plan.criterionScales, storeSlots: form.storeSlots, score: audit.score.score, band: audit.score.band,
                           criticalFail: audit.score.criticalFail, outcomes: outcomes)
        }
    }

    /// Form, agent and month packed into one integer, unique per aggregate key within an import
    /// (the agent's placement is fixed for the import); nil when some part does not fit.
    var aggregateKey: Int? {
        let month = audit.occurredOn.monthKey
        guard let agent = agentOrdinal, (0..<(1 << 24)).contains(agent), (0..<(1 << 20)).contains(month),
              (0..<(1 << 18)).contains(form.ordinal) else { return nil }
        return form.ordinal << 44 | agent << 20 | month
    }
}

/// Turns one row's cells into an `ImportItem`: decode into the plan's answer sheet, evaluate,
/// check agent and location and encode. Pure apart from the reader it is given, whose libxml2
/// fallback belongs to the calling thread (`ImportForm.reader` or `writerReader`).
struct RowPreparer: @unchecked Sendable {
    /// Each agent's placement now and number in the roster, by id.
    private let agents: [String: (placement: AuditPlacement, ordinal: Int)]
    let locations: Set<String>

    init(agents: [String: AuditPlacement], locations: Set<String>) {
        var numbered: [String: (placement: AuditPlacement, ordinal: Int)] = [:]
        numbered.reserveCapacity(agents.count)
        for (ordinal, id) in agents.keys.sorted().enumerated() { numbered[id] = (agents[id] ?? .none, ordinal) }
        self.agents = numbered
        self.locations = locations
    }

    func prepare(_ cells: CSVParser.RecordView, row: Int, form: ImportForm, reader: AuditRowReader, columns: AuditRowReader.ColumnPlan,
                 column: (String) -> Int) -> ImportItem {
        let decoded: AuditRowReader.DecodedRow
        do {
            decoded = try reader.decode(cells, plan: columns)
        } catch {
            return .rejected(row: row, problems: [LocatedProblem(column: 1, message: "the form's rules could not be evaluated for this row: \(error)")],
                             countsAsRow: true)
        }
        var problems: [FieldProblem] = []
        var valid: AuditRowReader.DecodedAudit?
        switch decoded {
        case let .valid(audit): valid = audit
        case let .invalid(found): problems = found
        }
        let agent = valid?.agentID ?? text(cells, role: .agent, columns), location = valid?.locationID ?? text(cells, role: .location, columns)
        let known = agent.flatMap { agents[$0] }
        if let agent, known == nil {
            problems.append(FieldProblem(fieldID: "agent", "no agent '\(agent)'; import the roster first"))
        }
        if let location, !locations.contains(location) {
            problems.append(FieldProblem(fieldID: "location", "no location '\(location)'"))
        }
        guard problems.isEmpty, let audit = valid else {
            let located = problems.sorted { column($0.fieldID) < column($1.fieldID) }.map {
                LocatedProblem(column: max(column($0.fieldID), 1), message: "column '\($0.fieldID)': \($0.message)")
            }
            return .rejected(row: row, problems: located, countsAsRow: true)
        }
        let definitions = form.definitions
        let answers = AnswerCodec.encode(sheet: audit.answers)
        let results = ResultCodec.encode(slots: audit.evaluation.outcomes)
        // The content hash is added later (`PreparedAudit.sealed`), by whichever thread takes the batch.
        let newAudit = AuditImportStage.NewAudit(
            externalID: audit.externalID, formVersionID: definitions.formVersion.versionID, standardVersionID: definitions.standardVersion.versionID,
            agentID: audit.agentID, locationID: audit.locationID, auditor: audit.auditor, occurredOn: audit.occurredOn,
            // A row whose answers raise a consistency flag waits for the editor, whatever the review setting.
            status: audit.evaluation.flags.isEmpty ? form.status : .submitted,
            answers: answers, results: results, score: audit.evaluation.summary, comments: audit.comments, contentHash: "",
            placement: AuditPlacement(agent: known?.placement, auditedLocation: audit.locationID),
            flags: audit.evaluation.flags)
        return .audit(PreparedAudit(row: row, form: form, audit: newAudit, outcomes: audit.evaluation.outcomes,
                                    externalIDColumn: max(column("external_id"), 1), agentOrdinal: audit.locationID == nil ? known?.ordinal : nil))
    }

    /// The trimmed text of the column with `role`, if it has one and it is not blank.
    private func text(_ cells: CSVParser.RecordView, role: AuditRowReader.ColumnPlan.Role, _ columns: AuditRowReader.ColumnPlan) -> String? {
        guard let position = columns.position(of: role), position < cells.count else { return nil }
        let value = String(decoding: cells[position], as: UTF8.self).trimmingWhitespace()
        return value.isEmpty ? nil : value
    }
}
