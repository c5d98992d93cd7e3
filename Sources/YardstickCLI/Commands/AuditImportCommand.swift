import YardstickApp
import YardstickCore

/// `yardstick audit import FILE`.
enum AuditImportCommand: Command {
    static let spec = CommandSpec(
        path: ["audit", "import"], abstract: "Import audits from CSV (one row per audit) or JSON Lines",
        arguments: [ArgumentSpec(name: "FILE", help: "A .csv file, or JSON Lines (one JSON object per line, whatever the file is named)")],
        options: [
            .value("--form", "FORM", "The form of every row (else a 'form' column names it per row)"),
            .flag("--skip-invalid", "Store the valid rows and list the others, exit 0 when any was stored (default: one bad row stores nothing)"),
        ] + CSVArguments.options + [.json],
        discussion: """
        Columns: external_id (optional; re-importing the same id is a no-op), agent, location (optional),
        auditor, occurred_on, the form's context fields, one column per question id, and optional
        <question>_comment columns; any other column is an error. Cells of questions hidden by skip logic
        must be empty. Every invalid row is reported as FILE:ROW:COLUMN with the reason (the header is
        row 1). A row whose external_id is stored with different content is a conflict (change the
        stored audit with 'audit amend'); the same content again is counted as unchanged.
        The whole file is read and checked before anything is written: other auditors keep writing
        meanwhile and wait only for the one short transaction that stores the audits at the end.
        """,
        examples: ["yardstick audit import calls-2026-03.csv --form call-review", "yardstick audit import visits.jsonl --skip-invalid",
                   "yardstick audit import besuche.csv --form store-visit --delimiter ';' --encoding windows-1252"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        let path = arguments.positionals[0]
        let reporter = context.reporter
        let csv = try CSVArguments.parse(arguments, spec: spec)
        let summary = try AuditImport(path: path, formID: arguments.value("--form"), skipInvalid: arguments.has("--skip-invalid"),
                                      csv: csv, context: try context.app(.write), reporter: reporter).run()
        reporter.clearProgress()
        if summary.problemCount > AuditImport.problemLimit {
            context.console.error("… and \(summary.problemCount - AuditImport.problemLimit) more problems")
        }
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("imported", .integer(Int64(summary.imported))), ("unchanged", .integer(Int64(summary.unchanged))),
                ("rejected", .integer(Int64(summary.rejected))), ("stored", .bool(!summary.rolledBack)),
            ]).rendered())
        } else if summary.rolledBack {
            if summary.rows == 0 {
                context.console.print("Nothing imported: \(path) could not be read as audits (see above).")
            } else {
                context.console.print("Nothing imported: \(counted(summary.rejected, "invalid row")) in \(path) (of \(summary.rows)). Fix them, or use --skip-invalid to store the valid rows.")
            }
        } else {
            context.console.print("Imported \(counted(summary.imported, "audit")); \(summary.unchanged) unchanged (already stored); \(summary.rejected) rejected."
                + (summary.flagged > 0 ? " \(summary.flagged) held for review by a consistency flag ('yardstick audit list --flagged')." : ""))
        }
        // With --skip-invalid, storing every valid row is success; only a file of which nothing could be stored fails.
        let stored = summary.imported + summary.unchanged
        if summary.rejected > 0 && (summary.rolledBack || !arguments.has("--skip-invalid") || stored == 0) { throw ReportedFailure() }
    }
}
