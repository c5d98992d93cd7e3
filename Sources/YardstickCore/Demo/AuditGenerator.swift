/// Generates realistic, valid audits for a form: each agent has strengths and weaknesses, so
/// reports and coaching plans find believable patterns. Deterministic for a given seed.
public struct AuditGenerator {
    public let engine: FormEngine
    private var random: SeededRandom
    private var profiles: [String: [String: Double]] = [:]
    private var counter = 0

    public init(engine: FormEngine, seed: UInt64) {
        self.engine = engine
        random = SeededRandom(seed: seed)
    }

    /// How often an agent meets a criterion: around 86 %, lower for the agent's two weak spots.
    private mutating func profile(for agentID: String) -> [String: Double] {
        if let existing = profiles[agentID] { return existing }
        var local = SeededRandom(seed: UInt64(truncatingIfNeeded: agentID.hashValueStable))
        let criteria = engine.standard.criteria
        let skill = 0.78 + 0.2 * local.unit()
        var profile: [String: Double] = [:]
        for criterion in criteria { profile[criterion.id] = min(0.99, skill + 0.08 * local.unit()) }
        for _ in 0..<2 {
            let weak = local.pick(criteria)
            if weak.critical != .zeroAudit { profile[weak.id] = 0.35 + 0.25 * local.unit() }
        }
        for criterion in criteria where criterion.critical == .zeroAudit { profile[criterion.id] = 0.985 }
        profiles[agentID] = profile
        return profile
    }

    /// One audit's cells (column → text), as a CSV row or JSON object would hold them.
    public mutating func cells(agentID: String, auditor: String, date: ISODate, externalID: String?) throws(ExpressionEvaluationError) -> [String: String] {
        counter += 1
        let profile = profile(for: agentID)
        var answers: [String: AnswerValue] = [:]
        for field in engine.fields {
            answers[field.id] = value(for: field, date: date, profile: profile)
        }
        // Answers to questions that skip logic hides are dropped, as an auditor never sees them.
        let shown = try engine.visibility(answers).shownFields
        for field in engine.fields where !shown.contains(field.id) { answers[field.id] = nil }
        var cells: [String: String] = ["agent": agentID, "auditor": auditor]
        if let externalID { cells["external_id"] = externalID }
        if engine.field("occurred_on") == nil { cells["occurred_on"] = date.description }
        // Form order, not dictionary order: the random draws for comments must happen in the same order on every run.
        for field in engine.fields {
            guard let value = answers[field.id] else { continue }
            if field.type == .duration, case let .number(seconds) = value {
                cells[field.id] = AnswerParser.formatDuration(Int(seconds))
            } else {
                cells[field.id] = value.expressionText
            }
            if engine.needsComment(field, value: value) {
                cells[field.id + "_comment"] = comment(for: field)
            }
        }
        return cells
    }

    private mutating func value(for field: FormField, date: ISODate, profile: [String: Double]) -> AnswerValue? {
        if field.id == "occurred_on" { return .text(date.description) }
        if let criterionID = field.criterionID, let criterion = engine.standard.criterion(criterionID) {
            let rate = profile[criterionID] ?? 0.86
            if criterion.notApplicable == .allowed, random.chance(0.05) { return .notApplicable }
            switch criterion.scale {
            case .yesNo: return random.chance(rate) ? .yes : .no
            case let .range(minimum, maximum):
                let span = Double(maximum - minimum)
                let level = Double(minimum) + (span * rate + (random.unit() - 0.5) * 1.6).rounded()
                return .number(min(Double(maximum), max(Double(minimum), level)))
            }
        }
        switch field.type {
        case .yesNo: return random.chance(0.35) ? .yes : .no
        case .duration:
            if field.id.contains("hold") { return .number(Double(random.integer(in: 15...95))) }
            if field.id.contains("queue") { return .number(Double(random.integer(in: 30...420))) }
            if field.id.contains("length") { return .number(Double(random.integer(in: 90...900))) }
            return .number(Double(random.integer(in: 2...40)))
        case .number: return .number(Double(random.integer(in: 1...36)))
        case .integer: return .number(Double(random.integer(in: 1...8)))
        case .date: return .text(date.description)
        case .time: return .text("\(random.integer(in: 10...17)):\(random.chance(0.5) ? "15" : "40")")
        case .choice, .multiChoice:
            guard !field.options.isEmpty else { return nil }
            return .text(random.chance(0.5) ? field.options[0].value : random.pick(field.options).value)
        case .text:
            if case .required = field.requirement { return .text("\(field.id.prefix(2).uppercased())-\(100_000 + counter)") }
            return random.chance(0.1) ? .text("Noted during review \(counter).") : nil
        case .scale: return nil
        }
    }

    private mutating func comment(for field: FormField) -> String {
        let criterion = field.criterionID.flatMap { engine.standard.criterion($0) }
        let openers = ["Not met:", "Not seen:", "Missed:"]
        return "\(random.pick(openers)) \(criterion?.title.lowercasedFirstLetter ?? field.id) — see recording at \(random.integer(in: 0...9)):\(random.integer(in: 10...59))."
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    var lowercasedFirstLetter: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
