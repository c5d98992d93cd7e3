import Foundation
import YardstickApp
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
    /// Writes the answers to a file when the database stays busy too long; returns the file's path.
    let rescue: () throws -> String
    /// How long a save waits for another process before the fill stops (with the answers rescued).
    var busyLimit: TimeInterval = 120

    /// The database stayed busy longer than `busyLimit`; the answers are in `rescuedTo`.
    struct GaveUp: Error {
        var rescuedTo: String
        var seconds: Int
    }

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
                case let .help(text): console.print(TextWrap.wrap(text, width: console.width, indent: "  "))
                case .commentStarted: break
                case .quit:
                    try saveWhenFree()
                    return .keepDraft
                case .accepted, .skipped, .movedBack, .commented:
                    for dropped in session.lastDropped where reply == .accepted { console.print("  dropped: \(dropped) — hidden now") }
                    try saveWhenFree()
                }
            case let .comment(field, demanded):
                console.print("  Comment on '\(field.id)'\(demanded ? " (required: say what was not met)" : " (Enter for none)"):")
                guard let line = read("  comment> ") else { return .endOfInput }
                let reply = try session.respond(line)
                if case let .rejected(reason) = reply { console.print("  ✗ \(reason)") } else { try saveWhenFree() }
            case .complete:
                showSummary()
                while true {
                    guard let line = read("Submit this audit? [y]es / [n]o, keep as draft / [b]ack / a question number or id to change it: ") else {
                        return .endOfInput
                    }
                    let reply = line.trimmingWhitespace()
                    switch reply.lowercased() {
                    case "y", "yes": return .submit
                    case "n", "no", "draft": return .keepDraft
                    case "b", "back":
                        guard try session.back() else {
                            console.print("  ✗ there is no question to go back to")
                            continue
                        }
                        try saveWhenFree()
                    default:
                        if try session.jump(to: reply) {
                            try saveWhenFree()
                            break
                        }
                        console.print("  ✗ type y, n or b, or the number (as in [3/26]) or id of a question to change it")
                        continue
                    }
                    break
                }
            }
        }
    }

    /// Saves the draft; while another process (a bulk import) holds the database, the answer stays
    /// in memory and the save is retried, so nothing typed is lost.
    /// After `busyLimit` the answers go to a file and the fill stops with a message saying where.
    private func saveWhenFree() throws {
        var told = false
        let started = Date()
        while true {
            do {
                try save()
                if told { console.print("  saved.") }
                return
            } catch let error as SQLiteError where error.isBusy {
                if !told {
                    console.print("  … waiting for another process (an import?) that is writing to the database — your answer is kept and saved as soon as it is free")
                    console.flush()
                    told = true
                }
                if Date().timeIntervalSince(started) >= busyLimit {
                    throw GaveUp(rescuedTo: try rescue(), seconds: Int(busyLimit))
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
        let critical = prompt.criterion?.critical.map { " [CRITICAL: \($0.rawValue)]" } ?? ""
        console.print("\n[\(prompt.sectionTitle)] \(prompt.number)/\(prompt.count)  \(prompt.text)\(prompt.isRequired ? " *" : "")\(critical)")
        if !field.hint.isEmpty { console.print("  hint: \(field.hint)") }
        var choices: String
        switch field.type {
        case .yesNo: choices = prompt.allowsNotApplicable ? "yes / no / na" : "yes / no"
        case .scale:
            if case let .range(low, high)? = prompt.criterion?.scale { choices = "\(low)–\(high)" + (prompt.allowsNotApplicable ? " or na" : "") } else { choices = "scale" }
        case .duration: choices = "m:ss, h:mm:ss or seconds"
        case .date: choices = "YYYY-MM-DD"
        case .time: choices = "HH:MM"
        case .choice: choices = field.options.enumerated().map { "\($0.offset + 1) \($0.element.value) (\($0.element.label))" }.joined(separator: " / ")
        case .multiChoice: choices = "one or more of: " + field.options.enumerated().map { "\($0.offset + 1) \($0.element.value)" }.joined(separator: " ")
        case .integer, .number, .text: choices = field.type.rawValue
        }
        if prompt.allowsNotApplicable, field.type != .yesNo, field.type != .scale { choices += " or na" }
        console.print("  " + choices + (prompt.isRequired ? "" : " · skip") + " · ? for guidance, back, attach PATH, quit")
        if let criterion = prompt.criterion, case .range = criterion.scale {
            for level in criterion.levels.sorted(by: { $0.value < $1.value }) { console.print("    \(level.value) = \(level.label)") }
        }
        if let current = prompt.currentAnswer {
            console.print("  current answer: \(AnswerText.display(current, type: field.type)) (Enter keeps it)")
        }
    }

    private func showSummary() {
        guard let score = try? session.engine.score(session.answers) else { return }
        console.print("\nSummary")
        let numbers = (try? session.numbers()) ?? [:]
        let questions = Dictionary(session.engine.form.questions.compactMap { field in field.criterionID.map { ($0, field.id) } },
                                   uniquingKeysWith: { first, _ in first })
        var table = TextTable(headers: ["Q", "CRITERION", "RESULT", "POINTS"], alignments: [.right, .left, .left, .right])
        for result in score.criteria {
            let scale = session.engine.standard.criterion(result.criterionID)?.scale ?? .yesNo
            var text = result.resultText(scale: scale)
            if let effect = result.criticalEffect { text += " — CRITICAL: \(effect.rawValue)" }
            let question = questions[result.criterionID].map { numbers[$0].map(String.init) ?? "—" } ?? "check"
            table.append([question, result.criterionID, text,
                          result.notApplicable != nil ? "—" : "\(formatNumber(result.earned, decimals: 2))/\(formatNumber(result.possible, decimals: 2))"])
        }
        console.print(table.rendered(), terminator: "")
        let value = score.score.map { formatNumber($0) } ?? "N/A"
        console.print("Score \(value) · band \(score.band ?? "—") · outcome \(score.outcome.rawValue.uppercased())\(score.criticalFail ? " (critical failure)" : "")")
    }
}

/// Runs the interactive fill of a draft: saving after every answer, submitting when asked.
enum FillCommand {
    static func fill(id: Int64, session: FormSession, definitions: AuditDefinitions, service: AuditService, context: CommandContext) throws {
        let evidenceStore = EvidenceStore(databasePath: context.databasePath)
        let fill = InteractiveFill(session: session, console: context.console, save: {
            try service.saveDraft(id, session: session, definitions: definitions)
        }, attach: { path in
            let item = try EvidenceStore.read(path)
            try service.attach(item, to: id, evidenceStore: evidenceStore)
            return "attached \(item.fileName) (\(item.bytes.count) bytes, sha256 \(item.sha256.prefix(12)))"
        }, rescue: {
            // Beside the database, readable by its owner only: the answers are as private as the database.
            let path = context.databasePath + ".draft-\(id)-answers.json"
            let object = JSONValue.object(definitions.engine.fields.compactMap { field in
                session.answers[field.id].map { (field.id, JSONValue.string($0.expressionText)) }
            } + session.comments.sorted { $0.key < $1.key }.map { ("\($0.key)_comment", JSONValue.string($0.value)) })
            guard FileManager.default.createFile(atPath: path, contents: Data((object.rendered() + "\n").utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw InputError("the database stayed busy and the answers could not be written to \(path) either")
            }
            return path
        })
        // Each save waits a second at a time, so the auditor hears about a long writer at once.
        service.context.store.database.setBusyTimeout(milliseconds: 1000)
        // Ctrl-C leaves like Ctrl-D: every answer is already in the draft, so stopping at once loses nothing.
        InterruptNotice.install("\nyardstick: interrupted; everything answered so far is saved in draft #\(id). Continue with 'yardstick audit resume \(id)'.\n")
        defer { InterruptNotice.remove() }
        let ending: InteractiveFill.Ending
        do {
            ending = try fill.run()
        } catch let gaveUp as InteractiveFill.GaveUp {
            context.console.print("")
            throw InputError("the database stayed busy for \(gaveUp.seconds) s, so the last answers could not be saved to draft #\(id); every answer so far is listed in \(gaveUp.rescuedTo). Once the other process is done, continue with 'yardstick audit resume \(id)' and re-type the answers after the last saved one from that list")
        }
        switch ending {
        case .submit:
            // The answers are all saved; the submission itself waits for another writer as long as it takes.
            let console = context.console
            service.context.waitForOtherWriters {
                console.print("  … waiting for another process (an import?) that is writing to the database; the audit is submitted as soon as it is free")
                console.flush()
            }
            let outcome = try service.submitDraft(id)
            let value = outcome.newScore.map { formatNumber($0) } ?? "N/A"
            context.console.print("Submitted audit #\(id): score \(value), band \(outcome.newBand ?? "—"), outcome \(outcome.audit.outcome ?? "pass")"
                + (outcome.audit.status == .submitted ? "; waiting for review before it counts." : "."))
        case .keepDraft:
            context.console.print("Kept as draft #\(id); continue with 'yardstick audit resume \(id)'.")
        case .endOfInput:
            context.console.print("")
            context.console.error("yardstick: input ended; everything answered so far is saved in draft #\(id). Continue with 'yardstick audit resume \(id)'.")
        }
    }
}
