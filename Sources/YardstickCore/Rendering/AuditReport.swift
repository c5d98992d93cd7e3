/// Everything `audit show` explains: context, each criterion with question, answer, points, N/A
/// reason, critical effect and comment; categories; total, band, outcome; versions; history.
public struct AuditReport: Sendable {
    public struct Header: Sendable {
        public var id: Int64
        public var externalID: String?
        public var formID: String
        public var formVersion: String
        public var formSHA: String
        public var standardID: String
        public var standardVersion: String
        public var standardSHA: String
        public var agentID: String?
        public var agentName: String?
        public var locationID: String?
        public var auditor: String
        public var occurredOn: String
        public var status: String
        public var attachments: [(name: String, sha256: String, bytes: Int)]

        public init(id: Int64, externalID: String?, formID: String, formVersion: String, formSHA: String, standardID: String,
                    standardVersion: String, standardSHA: String, agentID: String?, agentName: String?, locationID: String?,
                    auditor: String, occurredOn: String, status: String, attachments: [(name: String, sha256: String, bytes: Int)] = []) {
            self.id = id
            self.externalID = externalID
            self.formID = formID
            self.formVersion = formVersion
            self.formSHA = formSHA
            self.standardID = standardID
            self.standardVersion = standardVersion
            self.standardSHA = standardSHA
            self.agentID = agentID
            self.agentName = agentName
            self.locationID = locationID
            self.auditor = auditor
            self.occurredOn = occurredOn
            self.status = status
            self.attachments = attachments
        }
    }

    public struct HistoryLine: Sendable {
        public var at: String
        public var actor: String
        public var action: String
        public var reason: String?

        public init(at: String, actor: String, action: String, reason: String?) {
            self.at = at
            self.actor = actor
            self.action = action
            self.reason = reason
        }
    }

    public var header: Header
    public var form: Form
    public var standard: Standard
    public var answers: [String: AnswerValue]
    public var comments: [String: String]
    public var score: AuditScore
    public var history: [HistoryLine]
    /// Where re-evaluating the stored answers disagrees with the stored score or results; empty when they agree.
    public var differences: [String]
    /// The consistency flags the answers raised (why the report waits for the editor).
    public var flags: [String] = []
    /// For a draft: criteria whose question is shown but not answered yet (not hidden by skip logic).
    public var unanswered: Set<String> = []

    public init(header: Header, form: Form, standard: Standard, answers: [String: AnswerValue], comments: [String: String],
                score: AuditScore, history: [HistoryLine], differences: [String] = []) {
        self.differences = differences
        self.header = header
        self.form = form
        self.standard = standard
        self.answers = answers
        self.comments = comments
        self.score = score
        self.history = history
    }

    /// The field or check that scores `criterionID`, for the "question" column.
    private func source(of criterionID: String) -> (id: String, text: String, field: FormField?) {
        for section in form.sections {
            for item in section.items {
                switch item {
                case let .question(field) where field.criterionID == criterionID:
                    return (field.id, field.prompt.isEmpty ? (standard.criterion(criterionID)?.title ?? field.id) : field.prompt, field)
                case let .check(check) where check.criterionID == criterionID:
                    return ("check", check.label.isEmpty ? "computed: \(check.met.source)" : "\(check.label) (\(check.met.source))", nil)
                default: continue
                }
            }
        }
        return ("", criterionID, nil)
    }

    /// An answer as people read it (durations as m:ss).
    public func display(_ value: AnswerValue?, field: FormField?) -> String {
        guard let value else { return "—" }
        return field.map { AnswerText.display(value, type: $0.type) } ?? value.expressionText
    }

    public func text() -> String {
        var out = "Audit #\(header.id)\(header.externalID.map { " (\($0))" } ?? "") — \(form.title)\n"
        var agent = header.agentID ?? "—"
        if let name = header.agentName { agent += " \(name)" }
        out += "Agent: \(agent)" + (header.locationID.map { " · location \($0)" } ?? "") + " · auditor \(header.auditor) · \(header.occurredOn)\n"
        out += "Status: \(header.status)\n"
        if header.status == "draft" {
            let answered = form.answerFields.filter { answers[$0.id] != nil }.count
            out += "Score: not yet — a draft is scored when it is submitted (\(answered) of \(form.answerFields.count) fields answered)\n"
        } else if let value = score.score {
            out += "Score: \(formatNumber(value)) (\(formatNumber(score.earned, decimals: 2)) of \(formatNumber(score.possible, decimals: 2)) points)"
            out += " · band \(score.band ?? "—") · outcome \(score.outcome.rawValue.uppercased())"
            out += score.criticalFail ? " (critical failure)\n" : "\n"
        } else {
            out += "Score: N/A (no criterion was assessed) · outcome \(score.outcome.rawValue.uppercased())\n"
        }
        if !flags.isEmpty {
            out += "Flagged for the editor:\n"
            for flag in flags { out += "  ⚑ \(flag)\n" }
        }
        if !differences.isEmpty {
            out += "WARNING: the stored result differs from re-evaluating the stored answers — run 'yardstick verify':\n"
            for difference in differences { out += "  \(difference)\n" }
        }
        out += "Versions: form \(header.formID) \(header.formVersion) [\(header.formSHA.prefix(12))], standard \(header.standardID) \(header.standardVersion) [\(header.standardSHA.prefix(12))]\n"
        let context = form.context.filter { answers[$0.id] != nil }
        if !context.isEmpty {
            out += "\nContext\n"
            for field in context {
                out += "  \(field.prompt.isEmpty ? field.id : field.prompt): \(display(answers[field.id], field: field))\n"
            }
        }
        for category in score.categories {
            let categoryScore = category.score.map { formatNumber($0) } ?? "N/A"
            out += "\n\(category.title)  \(categoryScore)  (\(formatNumber(category.earned, decimals: 2))/\(formatNumber(category.possible, decimals: 2)))"
            out += category.zeroed ? "  ZEROED by a critical failure\n" : "\n"
            var table = TextTable(headers: ["CRITERION", "QUESTION", "ANSWER", "RESULT", "POINTS", "NOTE"],
                                  alignments: [.left, .left, .left, .left, .right, .left])
            for result in score.criteria where result.categoryID == category.id {
                let criterion = standard.criterion(result.criterionID)
                let source = source(of: result.criterionID)
                var note: [String] = []
                if unanswered.contains(result.criterionID) {
                    note.append("not answered yet")
                } else if let reason = result.notApplicable {
                    note.append(reason.rawValue)
                }
                if let effect = result.criticalEffect { note.append("CRITICAL: \(effect.rawValue)") }
                if criterion?.isBonus == true { note.append("bonus") }
                let answer = source.field.map { display(answers[$0.id], field: $0) } ?? (result.outcome == .hidden ? "—" : "computed")
                let points = result.notApplicable != nil ? "—" : "\(formatNumber(result.earned, decimals: 2))/\(formatNumber(result.possible, decimals: 2))"
                table.append([result.criterionID, source.id, answer, result.resultText(scale: criterion?.scale ?? .yesNo), points,
                              note.joined(separator: "; ")])
                if let comment = source.field.flatMap({ comments[$0.id] }) {
                    table.append(["", "", "", "", "", "comment: \(comment)"])
                }
            }
            out += table.rendered().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        let unscored = form.questions.filter { !$0.isScored && answers[$0.id] != nil }
        if !unscored.isEmpty {
            out += "\nOther answers\n"
            for field in unscored {
                out += "  \(field.id): \(display(answers[field.id], field: field))"
                out += comments[field.id].map { "  (comment: \($0))" } ?? ""
                out += "\n"
            }
        }
        if !header.attachments.isEmpty {
            out += "\nEvidence\n"
            for attachment in header.attachments { out += "  \(attachment.name)  \(attachment.bytes) bytes  sha256 \(attachment.sha256.prefix(16))\n" }
        }
        if !history.isEmpty {
            out += "\nHistory\n"
            for line in history { out += "  \(line.at)  \(line.actor)  \(line.action)" + (line.reason.map { " — \($0)" } ?? "") + "\n" }
        }
        return out
    }

    private var isDraft: Bool { header.status == "draft" }

    public func json() -> JSONValue {
        .object([
            ("id", .integer(header.id)), ("external_id", .optional(header.externalID)), ("form", .string(header.formID)),
            ("form_version", .string(header.formVersion)), ("form_sha256", .string(header.formSHA)),
            ("standard", .string(header.standardID)), ("standard_version", .string(header.standardVersion)),
            ("standard_sha256", .string(header.standardSHA)), ("agent", .optional(header.agentID)), ("location", .optional(header.locationID)),
            ("auditor", .string(header.auditor)), ("occurred_on", .string(header.occurredOn)), ("status", .string(header.status)),
            ("score", isDraft ? .null : score.score.map(JSONValue.number) ?? .null), ("earned", .number(score.earned)),
            ("possible", .number(score.possible)), ("band", isDraft ? .null : .optional(score.band)),
            ("outcome", isDraft ? .null : .string(score.outcome.rawValue)), ("critical_fail", .bool(!isDraft && score.criticalFail)),
            ("context", .object(form.context.compactMap { field in answers[field.id].map { (field.id, .string(display($0, field: field))) } })),
            ("categories", .array(score.categories.map { category in
                .object([("id", .string(category.id)), ("title", .string(category.title)), ("score", category.score.map(JSONValue.number) ?? .null),
                         ("earned", .number(category.earned)), ("possible", .number(category.possible)), ("zeroed", .bool(category.zeroed))])
            })),
            ("criteria", .array(score.criteria.map { result in
                let source = source(of: result.criterionID)
                let criterion = standard.criterion(result.criterionID)
                return .object([
                    ("id", .string(result.criterionID)), ("category", .string(result.categoryID)), ("question", .string(source.id)),
                    ("answer", source.field.flatMap { answers[$0.id] }.map { .string($0.expressionText) } ?? .null),
                    ("result", .string(result.resultText(scale: criterion?.scale ?? .yesNo))),
                    ("earned", .number(result.earned)), ("possible", .number(result.possible)),
                    ("na_reason", unanswered.contains(result.criterionID) ? .string("not answered yet") : .optional(result.notApplicable?.rawValue)), ("critical_effect", .optional(result.criticalEffect?.rawValue)),
                    ("comment", .optional(source.field.flatMap { comments[$0.id] })),
                ])
            })),
            ("answers", .object(form.answerFields.compactMap { field in answers[field.id].map { (field.id, .string($0.expressionText)) } })),
            ("attachments", .array(header.attachments.map { .object([("name", .string($0.name)), ("sha256", .string($0.sha256)), ("bytes", .integer(Int64($0.bytes)))]) })),
            ("differences", .array(differences.map { .string($0) })), ("flags", .array(flags.map { .string($0) })),
            ("history", .array(history.map { .object([("at", .string($0.at)), ("actor", .string($0.actor)), ("action", .string($0.action)), ("reason", .optional($0.reason))]) })),
        ])
    }
}
