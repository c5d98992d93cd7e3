import Foundation
import Testing
import YardstickTestSupport

/// The interactive fill through a real pseudo-terminal (util-linux `script`), as an auditor types.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct InteractiveFillTests {
    let folder = TemporaryFolder()
    var yardstick: BinaryRunner { BinaryRunner(databasePath: folder.file("y.db")) }

    /// Starts yardstick under `script`, so stdin is a terminal; the caller types into `input`.
    func start(_ arguments: [String]) throws -> (process: Process, input: Pipe, output: Pipe) {
        let command = ([BinaryRunner.executable, "--db", folder.file("y.db")] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["USER"] = "tester"
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, input, output)
    }

    /// Runs yardstick under `script`, typing `lines`; input then ends.
    func typing(_ lines: [String], _ arguments: [String]) throws -> String {
        let (process, input, output) = try start(arguments)
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func keepsEveryAnswerWhenInputEndsAndResumesToASubmittedScore() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let first = try typing(["C1", "C-1001", "2026-03-02", "enquiry", "skip", "0:12", "yes", "no"],
                               ["audit", "new", "--form", "call-review", "--agent", "A1001"])
        #expect(first.contains("✗ must be a call id has at least 4 characters"))
        #expect(first.contains("everything answered so far is saved in draft #1"))
        let draft = try JSONSerialization.jsonObject(with: Data(try yardstick.run(["audit", "show", "1", "--json"]).standardOutput.utf8)) as? [String: Any]
        #expect(draft?["status"] as? String == "draft")
        let saved = draft?["answers"] as? [String: String] ?? [:]
        #expect(saved == ["call_id": "C-1001", "occurred_on": "2026-03-02", "call_type": "enquiry", "answer_wait": "12",
                          "greeting": "yes", "account_discussed": "no"])

        let rest = ["3", "yes", "yes", "yes", "yes", "1:15", "yes", "yes", "no", "4", "yes", "na", "no", "yes", "no", "yes", "yes",
                    "yes", "no", "no", "skip", "y"]
        let second = try typing(rest, ["audit", "resume", "1"])
        #expect(second.contains("Resuming draft #1 (6 answers so far)."))
        // 39 of 43 points: EMPATHY 3 of 4 and HOLD-60S (75 s) missed; COMPENSATE-ON-SPOT hidden for an enquiry.
        #expect(second.contains("Submitted audit #1: score 90.7, band Excellent, outcome pass."))
        let listed = try yardstick.run(["audit", "list", "--status", "released", "--json"]).standardOutput
        #expect(listed.contains("\"score\": 90.69767441860465"))
    }

    @Test func refusesToSaveIntoADraftThatAnotherProcessSubmittedMeanwhile() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let answers = ["C-1001", "2026-03-02", "enquiry", "skip", "0:12", "yes", "no", "3", "yes", "yes", "yes", "yes", "1:15", "yes", "yes", "no",
                       "4", "yes", "na", "no", "yes", "no", "yes", "yes", "yes", "no", "no", "skip", "n"]
        let kept = try typing(answers, ["audit", "new", "--form", "call-review", "--agent", "A1001"])
        #expect(kept.contains("Kept as draft #1"), "\(kept)")

        let (process, input, output) = try start(["audit", "resume", "1"])
        // Never hang the suite: a fill that stops asking is ended after a while (and the test fails).
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        // Wait until the resumed fill asks to submit, then submit the same draft from another process.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("Submit this audit?") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        let submitted = try yardstick.run(["audit", "submit", "1"])
        #expect(submitted.status == 0, "\(submitted.standardError)")
        input.fileHandleForWriting.write(Data("b\n".utf8))
        try input.fileHandleForWriting.close()
        seen += output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let transcript = String(decoding: seen, as: UTF8.self)
        #expect(transcript.contains("audit 1 is no longer a draft"), "\(transcript)")
        #expect(transcript.contains("it changed meanwhile; this command changed nothing"), "\(transcript)")
        let shown = try yardstick.run(["audit", "show", "1", "--json"]).standardOutput
        #expect(shown.contains("\"status\": \"released\""))
        #expect(try yardstick.run(["verify"]).status == 0)
    }

    @Test func correctsAnAnswerFromTheSummaryAsksWhatItRevealsAndReturnsToTheSummary() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let answers = ["C-1001", "2026-03-02", "enquiry", "skip", "0:12", "yes", "no", "3", "yes", "yes", "yes", "yes", "1:15", "yes", "yes",
                       "no", "4", "yes", "na", "no", "yes", "no", "yes", "yes", "yes", "no", "no", "skip"]
        // At the summary: question 3 (the reason for the call) becomes a complaint, which asks one more question.
        // [b]ack at the summary re-asks the last question (an optional one: skip it again), and the summary comes again.
        let transcript = try typing(answers + ["b", "skip", "7x", "3", "complaint", "yes", "y"], ["audit", "new", "--form", "call-review", "--agent", "A1001"])
        #expect(transcript.contains("✗ type y, n or b, or the number (as in [3/26]) or id of a question to change it"))
        #expect(transcript.contains("current answer: enquiry (Enter keeps it)"))
        #expect(transcript.contains("Uses the authority to resolve and compensate on the spot *"))
        #expect(transcript.components(separatedBy: "Submit this audit?").count == 5, "the summary is shown again after going back and after the correction")
        // 42 of 46: COMPENSATE-ON-SPOT is assessed for a complaint.
        #expect(transcript.contains("Submitted audit #1: score 91.3, band Excellent, outcome pass."), "\(transcript)")
    }

    @Test func keepsTheDraftOnCtrlCAndSaysHowToResume() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let (process, input, output) = try start(["audit", "new", "--form", "call-review", "--agent", "A1001"])
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        input.fileHandleForWriting.write(Data("C-1001\n2026-03-02\n".utf8))
        // Ctrl-C only once the fill waits at the third question, as a person would press it.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("3/") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        input.fileHandleForWriting.write(Data([0x03]))
        // Input stays open until the fill has answered the interrupt: closing it at once races the signal with an end of input.
        while !String(decoding: seen, as: UTF8.self).contains("draft #1. Continue") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        try input.fileHandleForWriting.close()
        seen += output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let transcript = String(decoding: seen, as: UTF8.self)
        #expect(transcript.contains("interrupted; everything answered so far is saved in draft #1. Continue with 'yardstick audit resume 1'."),
                "\(transcript)")
        let draft = try yardstick.run(["audit", "show", "1", "--json"]).standardOutput
        #expect(draft.contains("\"call_id\": \"C-1001\"") && draft.contains("\"occurred_on\": \"2026-03-02\""))
    }

    @Test func takesAChoiceByItsNumberAndQuitsKeepingTheDraft() throws {
        #expect(try yardstick.run(["init"]).status == 0)
        #expect(try yardstick.run(["agents", "import", "examples/roster.csv"]).status == 0)
        let transcript = try typing(["C-1001", "2026-03-02", "3", "quit"], ["audit", "new", "--form", "call-review", "--agent", "A1001"])
        #expect(transcript.contains("1 enquiry (Enquiry) / 2 order"), "\(transcript)")
        #expect(transcript.contains("Kept as draft #1; continue with 'yardstick audit resume 1'."))
        let draft = try yardstick.run(["audit", "show", "1", "--json"]).standardOutput
        #expect(draft.contains("\"call_type\": \"technical\""), "\(draft)")
        let shown = try yardstick.run(["audit", "show", "1"]).standardOutput
        #expect(shown.contains("not answered yet"), "a shown question of a draft is not 'hidden by skip logic'")
    }
}
