/// Drives one fill of a form, one question at a time: the terminal only shows the current step and
/// hands back what was typed. Every accepted input changes `answers`, `comments` or `position`,
/// which the caller saves to the draft at once.
public final class FormSession {
    public let engine: FormEngine
    public private(set) var answers: [String: AnswerValue]
    public private(set) var comments: [String: String]
    /// Index into the form's answer fields of the question being asked.
    public private(set) var position: Int
    private var commentRequestedFor: String?
    private var commentIsDemanded = false
    /// Set while the auditor corrects one answer from the summary: once it is answered, the fill asks
    /// each required question the change left unanswered, then goes back to the summary.
    private var correcting = false

    public init(engine: FormEngine, answers: [String: AnswerValue] = [:], comments: [String: String] = [:], position: Int = 0) {
        self.engine = engine
        self.answers = answers
        self.comments = comments
        self.position = position
    }

    var fields: [FormField] { engine.fields }

    /// What to ask next.
    public enum Step: Sendable {
        case question(Prompt)
        /// A comment for `field`; `demanded` when the form requires one for this answer.
        case comment(field: FormField, demanded: Bool)
        case complete
    }

    /// Everything the terminal shows for one question.
    public struct Prompt: Sendable {
        public var field: FormField
        public var sectionTitle: String
        public var number: Int
        public var count: Int
        public var isRequired: Bool
        public var criterion: Criterion?
        public var currentAnswer: AnswerValue?
        public var allowsNotApplicable: Bool

        /// The question as asked: its prompt, else the criterion's title, else its id.
        public var text: String {
            field.prompt.isEmpty ? (criterion?.title ?? field.id) : field.prompt
        }
    }

    /// What became of one line of input.
    public enum Reply: Sendable, Equatable {
        case accepted
        case rejected(String)
        case movedBack
        case skipped
        case help(String)
        case commentStarted
        case commented
        /// The auditor wants to stop; everything is saved, the fill ends with the resume hint.
        case quit
    }

    /// Answers the last accepted answer dropped because their questions are hidden now.
    public private(set) var lastDropped: [String] = []

    public func current() throws(ExpressionEvaluationError) -> Step {
        if let fieldID = commentRequestedFor, let field = engine.form.field(fieldID) {
            return .comment(field: field, demanded: commentIsDemanded)
        }
        let shown = try engine.visibility(answers).shownFields
        var index = position
        while index < fields.count, !shown.contains(fields[index].id) { index += 1 }
        position = index
        guard index < fields.count else { return .complete }
        return .question(try prompt(at: index, shown: shown))
    }

    /// Goes to the question `reference` names — its number as the prompts show it (among the questions
    /// shown now) or its id — to change its answer; false when no shown question has that number or id.
    public func jump(to reference: String) throws(ExpressionEvaluationError) -> Bool {
        let shown = try engine.visibility(answers).shownFields
        let visible = fields.indices.filter { shown.contains(fields[$0].id) }
        let target: Int?
        if let number = Int(reference) {
            target = number >= 1 && number <= visible.count ? visible[number - 1] : nil
        } else {
            target = visible.first { fields[$0].id == reference }
        }
        guard let target else { return false }
        position = target
        correcting = true
        return true
    }

    /// Goes to the shown question before the current one (from the summary: the last one); false at the first.
    public func back() throws(ExpressionEvaluationError) -> Bool {
        let shown = try engine.visibility(answers).shownFields
        guard let previous = fields[..<min(position, fields.count)].lastIndex(where: { shown.contains($0.id) }) else { return false }
        position = previous
        commentRequestedFor = nil
        return true
    }

    /// Each shown question's number as the prompts show it, by field id.
    public func numbers() throws(ExpressionEvaluationError) -> [String: Int] {
        let shown = try engine.visibility(answers).shownFields
        let visible = fields.filter { shown.contains($0.id) }
        return Dictionary(visible.enumerated().map { ($0.element.id, $0.offset + 1) }, uniquingKeysWith: { first, _ in first })
    }

    /// After a correction: the first shown, required question without an answer, else the end (the summary).
    private func finishCorrection() {
        guard correcting else { return }
        let shown = (try? engine.visibility(answers).shownFields) ?? []
        let next = fields.indices.first { index in
            let field = fields[index]
            return shown.contains(field.id) && answers[field.id] == nil && ((try? engine.isRequired(field, answers: answers)) ?? true)
        }
        position = next ?? fields.count
        // Questions the change revealed are asked one by one; then the summary again.
        correcting = next != nil
    }

    private func prompt(at index: Int, shown: Set<String>) throws(ExpressionEvaluationError) -> Prompt {
        let field = fields[index]
        let criterion = field.criterionID.flatMap { engine.standard.criterion($0) }
        let section = engine.form.sections.first { $0.items.contains { $0.question?.id == field.id } }?.title ?? "Context"
        let visible = fields.filter { shown.contains($0.id) }
        return Prompt(
            field: field, sectionTitle: section, number: (visible.firstIndex { $0.id == field.id } ?? 0) + 1, count: visible.count,
            isRequired: try engine.isRequired(field, answers: answers), criterion: criterion, currentAnswer: answers[field.id],
            allowsNotApplicable: criterion.map { $0.notApplicable == .allowed } ?? AnswerParser.acceptsNotApplicableUnscored(field))
    }

    /// Handles one line typed at the current step.
    public func respond(_ line: String) throws(ExpressionEvaluationError) -> Reply {
        let input = line.trimmingWhitespace()
        let step = try current()
        if case let .comment(field, demanded) = step {
            if input.isEmpty {
                if demanded { return .rejected("a comment is required here: say what happened") }
                commentRequestedFor = nil
                return .commented
            }
            comments[field.id] = input
            commentRequestedFor = nil
            return .commented
        }
        guard case let .question(prompt) = step else { return .rejected("the form is complete") }
        let field = prompt.field
        switch input.lowercased() {
        case "?", "help":
            return .help(helpText(prompt))
        case "quit", "exit":
            return .quit
        case "back":
            return try back() ? .movedBack : .rejected("this is the first question")
        case "skip":
            guard !prompt.isRequired else { return .rejected("this question must be answered\(prompt.allowsNotApplicable ? " (na is possible)" : "")") }
            answers[field.id] = nil
            position += 1
            finishCorrection()
            return .skipped
        case "comment":
            commentRequestedFor = field.id
            commentIsDemanded = false
            return .commentStarted
        case "":
            if let existing = prompt.currentAnswer {
                return accept(existing, for: field)
            }
            return .rejected(prompt.isRequired ? "an answer is required; type ? for guidance" : "type an answer, or skip")
        default:
            break
        }
        switch engine.parser.parse(Self.optionByNumber(input, for: field), for: field) {
        case let .failure(problem):
            return .rejected(problem.message)
        case let .success(value):
            if let problem = try engine.constraintProblem(value, for: field, answers: answers) {
                return .rejected(problem.message)
            }
            return accept(value, for: field)
        }
    }

    private func accept(_ value: AnswerValue, for field: FormField) -> Reply {
        answers[field.id] = value
        if engine.needsComment(field, value: value), (comments[field.id] ?? "").isEmpty {
            commentRequestedFor = field.id
            commentIsDemanded = true
        }
        position += 1
        pruneHiddenAnswers()
        finishCorrection()
        return .accepted
    }

    /// Answers to questions that a changed answer now hides no longer count (and are not stored).
    private func pruneHiddenAnswers() {
        lastDropped = []
        guard let shown = try? engine.visibility(answers).shownFields else { return }
        for field in fields where !shown.contains(field.id) && answers[field.id] != nil {
            answers[field.id] = nil
            comments[field.id] = nil
            lastDropped.append(field.id)
        }
    }

    /// At the terminal a choice may be typed by its number in the list (1–n), unless an option is spelled so.
    static func optionByNumber(_ input: String, for field: FormField) -> String {
        guard field.type == .choice || field.type == .multiChoice else { return input }
        let values = field.options.map(\.value)
        func option(_ part: String) -> String {
            guard !values.contains(part), let number = Int(part), number >= 1, number <= values.count else { return part }
            return values[number - 1]
        }
        guard field.type == .multiChoice else { return option(input) }
        return input.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map { option(String($0)) }.joined(separator: " ")
    }

    private func helpText(_ prompt: Prompt) -> String {
        var lines: [String] = []
        if let criterion = prompt.criterion {
            lines.append("\(criterion.id): \(criterion.title)")
            if !criterion.guidance.isEmpty { lines.append(criterion.guidance) }
            for level in criterion.levels.sorted(by: { $0.value < $1.value }) { lines.append("  \(level.value) = \(level.label)") }
        }
        if !prompt.field.hint.isEmpty { lines.append(prompt.field.hint) }
        var commands = ["back (previous question)", "comment (add a comment)", "quit (save and stop; resume later)"]
        if prompt.allowsNotApplicable { commands.append("na (not applicable)") }
        if !prompt.isRequired { commands.append("skip") }
        lines.append("Commands: " + commands.joined(separator: ", ") + ", or press Enter to keep the current answer.")
        return lines.joined(separator: "\n")
    }
}
