import Foundation
import YardstickCore
import YardstickStore

/// `yardstick demo`: a deterministic, realistic demo over a fresh database.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        path: ["demo"], abstract: "Build a realistic demo: the bundled standards and forms, a roster, months of audits, one explained",
        options: [.value("--audits", "N", "Number of audits (default 600)")],
        discussion: """
        Run from the project folder (it registers ./standards and ./forms). Needs a new or empty
        database: pass --db demo.db. The data is the same on every run.
        """,
        examples: ["yardstick --db demo.db demo"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let total = try arguments.value("--audits").map { text -> Int in
            guard let value = Int(text), value >= 20 else { throw UsageError("--audits takes a number of at least 20", command: spec) }
            return value
        } ?? 600
        guard FileManagerShim.isFolder("standards"), FileManagerShim.isFolder("forms") else {
            throw InputError("run the demo from the project folder: it needs ./standards and ./forms")
        }
        let store = try context.openStore(create: true)
        if try store.database.queryFirst("SELECT count(*) FROM audit")?.int(0) ?? 0 > 0 {
            throw InputError("\(context.databasePath) already holds audits; the demo needs a fresh database (e.g. --db demo.db)")
        }
        let console = context.console
        let report = try DefinitionWorkflow.load(try DefinitionWorkflow.collect(["standards", "forms"]), into: store, at: context.now)
        guard !report.diagnostics.hasErrors else {
            DiagnosticPrinter.print(report.diagnostics, to: console)
            throw ReportedFailure()
        }
        console.print("1. Registered \(counted(report.outcomes.count, "definition file")) from ./standards and ./forms.")
        let agents = DemoRoster.agents(perTeam: 8)
        _ = try store.database.transaction { try store.agents.upsert(agents, at: context.now) }
        console.print("2. Roster: \(counted(agents.count, "agent")) in \(DemoRoster.teams.count) teams (phone, chat, e-mail, two stores).")

        let folder = NSTemporaryDirectory() + "yardstick-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan: [(form: String, channel: String, share: Double)] = [("call-review", "phone", 0.5), ("chat-review", "chat", 0.2),
                                                                      ("email-review", "email", 0.12), ("store-visit", "store", 0.18)]
        var imported = 0
        var counts = plan.map { Int(Double(total) * $0.share) }
        counts[0] += total - counts.reduce(0, +)
        for (index, entry) in plan.enumerated() {
            let definitions = try AuditDefinitions.latest(formID: entry.form, store: store)
            let teamIDs = Set(DemoRoster.teams.filter { $0.channel == entry.channel }.map(\.id))
            let pool = agents.filter { teamIDs.contains($0.teamID) }.map(\.id)
            let path = folder + "/\(entry.form).csv"
            _ = try AuditCSVFile.write(to: path, count: counts[index], definitions: definitions, agents: pool,
                                       auditors: ["m.lund", "a.weber", "s.holm", "k.berg"], months: 6, seed: UInt64(20 + index), invalidRows: [])
            let importer = AuditImport(path: path, formID: entry.form, skipInvalid: false, store: store, context: context)
            importer.sourceLabel = "generated demo data (seed \(20 + index))"
            let summary = try importer.run()
            guard summary.rejected == 0 else { throw InputError("the demo data for \(entry.form) did not validate") }
            imported += summary.imported
        }
        console.print("3. Imported \(counted(imported, "audit")) over six months (May–October 2026) through 'audit import'.")

        let rows = try store.database.query(
            """
            SELECT d.doc_id, count(*), avg(a.score), sum(a.critical_fail), sum(a.status = 'submitted')
            FROM audit a JOIN definition_version d ON d.id = a.form_version_id GROUP BY d.doc_id ORDER BY d.doc_id
            """)
        var table = TextTable(headers: ["FORM", "AUDITS", "MEAN SCORE", "CRITICAL FAILS", "AWAITING REVIEW"], alignments: [.left, .right, .right, .right, .right])
        for row in rows {
            table.append([row.string(0), String(row.int(1)), formatNumber(row.double(2) ?? 0), String(row.int(3)), String(row.int(4))])
        }
        console.print("\n" + table.rendered(), terminator: "")
        let weakest = try store.database.query(
            """
            SELECT a.agent_id, g.name, g.team_id, count(*), avg(a.score) FROM audit a JOIN agent g ON g.id = a.agent_id
            WHERE a.status = 'released' GROUP BY a.agent_id HAVING count(*) >= 5 ORDER BY avg(a.score) LIMIT 3
            """)
        console.print("\nAgents with the lowest mean score (≥ 5 released audits):")
        for row in weakest {
            console.print("  \(row.string(0))  \(row.string(1))  (\(row.string(2)))  \(row.int(3)) audits, mean \(formatNumber(row.double(4) ?? 0))")
        }
        guard let example = try store.database.queryFirst(
            """
            SELECT a.id FROM audit a JOIN definition_version d ON d.id = a.form_version_id
            WHERE d.doc_id = 'call-review' AND a.status = 'released' AND a.critical_fail = 0 AND a.score < 85
            ORDER BY a.occurred_on DESC, a.id LIMIT 1
            """)?.integer(0) else { return }
        console.print("\n4. The score explained, criterion by criterion ('yardstick audit show \(example)'):\n")
        try AuditShowCommand.render(id: example, store: store, json: false, console: console)
        console.print("\nTry: yardstick --db \(context.databasePath) audit list --team oslo-phone · audit new --form call-review --agent A1001")
    }
}
