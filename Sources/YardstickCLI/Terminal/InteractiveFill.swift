import Foundation
import YardstickCore
import YardstickStore

/// Runs a form session at the terminal: shows one question at a time, hands each line to the
/// session, and calls `save` after every change so a killed terminal loses nothing.
struct InteractiveFill {
    let session: FormSession
    let console: Console
    let save: () throws -> Void
    /// Stores an evidence file named at the prompt (`attach PATH`); returns what to tell the auditor.
    let attach: (String) throws -> String

    enum Ending {
        case submit
        case keepDraft
        case endOfInput
    }

    func run() throws -> Ending {
        while true {
            switch try session.current() {
            case let .question(prompt):
                show(prompt)
                guard let line = read("> ") else { return .endOfInput }
                if line.trimmingWhitespace().lowercased().hasPrefix("attach ") {
                    let path = String(line.trimmingWhitespace().dropFirst("attach ".count)).trimmingWhitespace()
                    do {
                        console.print("  " + (try attach(path)))
                    } catch let error as InputError {
                        console.print("  ✗ \(error.message)")
                    }
                    continue
                }
                let reply = try session.respond(line)
                switch reply {
                case let .rejected(reason): console.print("  ✗ \(reason)")
                case let .help(text): console.print(text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                case .commentStarted: break
                case .accepted, .skipped, .movedBack, .commented: try saveWhenFree()
                }
            case let .comment(field, demanded):
                console.print("  Comment on '\(field.id)'\(demanded ? " (required: say what was not met)" : " (Enter for none)"):")
                guard let line = read("  comment> ") else { return .endOfInput }
                let reply = try session.respond(line)
                if case let .rejected(reason) = reply { console.print("  ✗ \(reason)") } else { try saveWhenFree() }
            case .complete:
                showSummary()
                while true {
                    guard let line = read("Submit this audit? [y]es / [n]o, keep as draft / [b]ack: ") else { return .endOfInput }
                    switch line.trimmingWhitespace().lowercased() {
                    case "y", "yes": return .submit
                    case "n", "no", "draft": return .keepDraft
                    case "b", "back":
                        _ = try session.respond("back")
                        try saveWhenFree()
                    default:
                        console.print("  ✗ type y, n or b")
                        continue
                    }
                    break
                }
            }
        }
    }

    /// Saves the draft; while another process (a bulk import) holds the database, the answer stays
    /// in memory and the save is retried, so nothing typed is lost.
    private func saveWhenFree() throws {
        var told = false
        while true {
            do {
                try save()
                if told { console.print("  saved.") }
                return
            } catch let error as SQLiteError where error.isBusy {
                if !told {
                    console.print("  … the database is busy (another process is writing); your answer is kept and saved as soon as it is free")
                    console.flush()
                    told = true
                }
            }
        }
    }

    private func read(_ prompt: String) -> String? {
        console.print(prompt, terminator: "")
        console.flush()
        return readLine(strippingNewline: true)
    }

    private func show(_ prompt: FormSession.Prompt) {
        let field = prompt.field
        console.print("\n[\(prompt.sectionTitle)] \(prompt.number)/\(prompt.count)  \(prompt.text)\(prompt.isRequired ? " *" : "")")
        var choices: String
        switch field.type {
        case .yesNo: choices = prompt.allowsNotApplicable ? "yes / no / na" : "yes / no"
        case .scale:
            if case let .range(low, high)? = prompt.criterion?.scale { choices = "\(low)–\(high)" + (prompt.allowsNotApplicable ? " or na" : "") } else { choices = "scale" }
        case .duration: choices = "m:ss, h:mm:ss or seconds"
        case .date: choices = "YYYY-MM-DD"
        case .time: choices = "HH:MM"
        case .choice: choices = field.options.map { "\($0.value) (\($0.label))" }.joined(separator: " / ")
        case .multiChoice: choices = "one or more of: " + field.options.map(\.value).joined(separator: " ")
        case .integer, .number, .text: choices = field.type.rawValue
        }
        console.print("  " + choices + (prompt.isRequired ? "" : " · skip") + " · ? for guidance, back, attach PATH")
        if let criterion = prompt.criterion, case .range = criterion.scale {
            for level in criterion.levels.sorted(by: { $0.value < $1.value }) { console.print("    \(level.value) = \(level.label)") }
        }
        if let current = prompt.currentAnswer {
            console.print("  current answer: \(current.expressionText) (Enter keeps it)")
        }
    }

    private func showSummary() {
        guard let score = try? session.engine.score(session.answers) else { return }
        console.print("\nSummary")
        var table = TextTable(headers: ["CRITERION", "RESULT", "POINTS"], alignments: [.left, .left, .right])
        for result in score.criteria {
            let scale = session.engine.standard.criterion(result.criterionID)?.scale ?? .yesNo
            var text = result.resultText(scale: scale)
            if let effect = result.criticalEffect { text += " — CRITICAL: \(effect.rawValue)" }
            table.append([result.criterionID, text,
                          result.notApplicable != nil ? "—" : "\(formatNumber(result.earned, decimals: 2))/\(formatNumber(result.possible, decimals: 2))"])
        }
        console.print(table.rendered(), terminator: "")
        let value = score.score.map { formatNumber($0) } ?? "N/A"
        console.print("Score \(value) · band \(score.band ?? "—") · outcome \(score.outcome.rawValue.uppercased())\(score.criticalFail ? " (critical failure)" : "")")
    }
}
