/// Turns what an auditor typed (or a CSV cell holds) into a typed answer, or says why it is not one.
public struct AnswerParser: Sendable {
    public let standard: Standard?
    /// What parsing needs of each criterion, small enough to look up per answer without copying the definition.
    private struct Rule: Sendable {
        var id: String
        var scale: RatingScale
        var allowsNotApplicable: Bool
    }

    private let criteria: [String: Rule]

    public init(standard: Standard?) {
        self.standard = standard
        criteria = Dictionary((standard?.criteria ?? []).map { ($0.id, Rule(id: $0.id, scale: $0.scale, allowsNotApplicable: $0.notApplicable == .allowed)) },
                              uniquingKeysWith: { first, _ in first })
    }

    /// The typed value of `text` for `field`, or the reason it is not acceptable.
    public func parse(_ text: String, for field: FormField) -> Result<AnswerValue, AnswerProblem> {
        let input = text.trimmingWhitespace()
        // XPath sees an answer as C text, which ends at a NUL: such an answer would mean two things.
        if input.utf8.contains(0) { return .failure(AnswerProblem("the answer contains a NUL character")) }
        let criterion = field.criterionID.flatMap { criteria[$0] }
        if Self.meansNotApplicable(input) {
            if let criterionID = field.criterionID {
                // Only a scored question follows its criterion's N/A policy.
                guard let criterion else {
                    return .failure(AnswerProblem("N/A needs the question's criterion \(criterionID), which the standard does not have"))
                }
                guard criterion.allowsNotApplicable else {
                    return .failure(AnswerProblem("N/A is not allowed for \(criterion.id); this criterion is always assessed"))
                }
                return .success(.notApplicable)
            }
            if Self.acceptsNotApplicableUnscored(field) { return .success(.notApplicable) }
            // Otherwise it is read as the type says: text keeps "na" as typed; a scale without a
            // criterion is refused below.
        }
        switch field.type {
        case .yesNo:
            switch input.lowercased() {
            case "yes", "y": return .success(.yes)
            case "no", "n": return .success(.no)
            default:
                let naPossible = field.criterionID == nil || criterion?.allowsNotApplicable == true
                return .failure(AnswerProblem("'\(input)' is not yes or no\(naPossible ? " (or na)" : "")"))
            }
        case .scale:
            guard let criterion, case let .range(minimum, maximum) = criterion.scale else {
                return .failure(AnswerProblem("the question has no scale"))
            }
            guard let level = Int(input), (minimum...maximum).contains(level) else {
                return .failure(AnswerProblem("'\(input)' is not a whole number from \(minimum) to \(maximum)"))
            }
            return .success(.number(Double(level)))
        case .integer:
            guard let value = Int(input) else { return .failure(AnswerProblem("'\(input)' is not a whole number")) }
            return .success(.number(Double(value)))
        case .number:
            guard let value = Double(input), value.isFinite, !input.contains(where: { $0 == "e" || $0 == "E" || $0 == "x" }) else {
                return .failure(AnswerProblem("'\(input)' is not a number; write decimals with a point, e.g. 12.5"))
            }
            return .success(.number(value))
        case .duration:
            guard let seconds = Self.durationSeconds(input) else {
                return .failure(AnswerProblem("'\(input)' is not a duration; write m:ss (1:05), h:mm:ss (1:02:05) or seconds (65)"))
            }
            return .success(.number(Double(seconds)))
        case .date:
            guard let date = ISODate(input) else { return .failure(AnswerProblem("'\(input)' is not a date; write YYYY-MM-DD")) }
            return .success(.text(date.description))
        case .time:
            guard let time = Self.clockTime(input) else { return .failure(AnswerProblem("'\(input)' is not a time; write HH:MM, e.g. 14:05")) }
            return .success(.text(time))
        case .text:
            guard !input.isEmpty else { return .failure(AnswerProblem("the answer is empty")) }
            return .success(.text(input))
        case .choice:
            guard let option = option(input, of: field) else {
                return .failure(AnswerProblem("'\(input)' is not one of \(field.options.map(\.value).joined(separator: ", "))"))
            }
            return .success(.text(option.value))
        case .multiChoice:
            let parts = input.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
            var chosen: Set<String> = []
            for part in parts {
                guard let option = option(part, of: field) else {
                    return .failure(AnswerProblem("'\(part)' is not one of \(field.options.map(\.value).joined(separator: ", "))"))
                }
                chosen.insert(option.value)
            }
            guard !chosen.isEmpty else { return .failure(AnswerProblem("choose at least one of \(field.options.map(\.value).joined(separator: ", "))")) }
            return .success(.text(field.options.map(\.value).filter(chosen.contains).joined(separator: " ")))
        }
    }

    /// Whether `input` is how auditors write "not applicable".
    static func meansNotApplicable(_ input: String) -> Bool {
        let lowered = input.lowercased()
        return lowered == "na" || lowered == "n/a"
    }

    /// Whether an unscored field reads `na` as not applicable: every type but text (where it is
    /// what was typed) and scale (which needs a criterion), and not a choice with an option
    /// spelled that way (the option wins).
    static func acceptsNotApplicableUnscored(_ field: FormField) -> Bool {
        switch field.type {
        case .text, .scale: return false
        case .choice, .multiChoice: return !field.options.contains { meansNotApplicable($0.value) }
        case .yesNo, .integer, .number, .duration, .date, .time: return true
        }
    }

    private func option(_ input: String, of field: FormField) -> ChoiceOption? {
        field.options.first { $0.value == input } ?? field.options.first { $0.value.lowercased() == input.lowercased() }
    }

    /// Seconds of `m:ss`, `h:mm:ss` or plain seconds.
    public static func durationSeconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        let numbers = parts.compactMap { Int($0) }
        switch numbers.count {
        case 1: return numbers[0]
        case 2: return numbers[1] < 60 ? numbers[0] * 60 + numbers[1] : nil
        default: return numbers[1] < 60 && numbers[2] < 60 ? numbers[0] * 3600 + numbers[1] * 60 + numbers[2] : nil
        }
    }

    /// `m:ss` (or `h:mm:ss` from an hour up), the way durations are shown back.
    public static func formatDuration(_ seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        if seconds >= 3600 { return "\(seconds / 3600):\(two(seconds % 3600 / 60)):\(two(seconds % 60))" }
        return "\(seconds / 60):\(two(seconds % 60))"
    }

    static func clockTime(_ text: String) -> String? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), parts[1].count == 2,
              (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
        return (hours < 10 ? "0" : "") + "\(hours):" + parts[1]
    }
}

/// Why an answer is not acceptable, in words for the auditor.
public struct AnswerProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
