import Foundation
import YardstickApp
import YardstickCore
import YardstickStore
import YardstickTestSupport

/// A fresh database in a temporary folder with the bundled standards and forms and a small roster.
final class AppFixture {
    let folder = TemporaryFolder()
    let context: AppContext
    var store: Store { context.store }
    var service: AuditService { AuditService(context) }

    static let callAnswers = Answers.callReview

    init(reviewRequired: Bool = false) throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        context = AppContext(store: store, clock: .fixed("2026-11-23T09:00:00Z"), actor: Actor(name: "qa.lead", login: "tester"))
        let report = try DefinitionWorkflow.load(
            try DefinitionWorkflow.collect([Repository.path("standards"), Repository.path("forms")]), context: context)
        precondition(!report.diagnostics.hasErrors, "the bundled definitions must load")
        if reviewRequired { try store.settings.setReviewRequired(true) }
        for (id, team) in [("A1001", "oslo-phone"), ("A1002", "oslo-phone")] {
            _ = try RosterWorkflow.add(Agent(id: id, name: "Agent \(id)", teamID: team), context: context)
        }
    }

    /// Stores the call-review answers (with `changes` applied) as a submitted audit; returns its id.
    func submitCall(agent: String = "A1001", _ changes: [String: String] = [:]) throws -> Int64 {
        var object = try JSONSerialization.jsonObject(with: Data(Self.callAnswers.utf8)) as? [String: Any] ?? [:]
        for (key, value) in changes { object[key] = value }
        let path = folder.file("call-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        let definitions = try context.definitions.latest(formID: "call-review")
        let reporter = CollectingReporter()
        guard let id = try service.submitAnswersFile(path, definitions: definitions, agentID: agent, locationID: nil, auditor: "m.lund", evidence: [],
                                                     evidenceStore: EvidenceStore(databasePath: store.path), reporter: reporter) else {
            throw InputError("answers refused: \(reporter.diagnostics)")
        }
        return id
    }

    /// Writes `text` as a file in the fixture's folder.
    func write(_ name: String, _ text: String) throws -> String { try folder.write(name, text) }

    func verify() throws -> Verifier.Report { try Verifier(context).run() }
}
