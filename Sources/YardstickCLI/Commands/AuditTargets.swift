import YardstickApp
import YardstickCore
import YardstickStore

/// The audits a pile command works through: numbers given, or every audit a filter matches.
enum AuditTargets {
    static let options: [OptionSpec] = [
        .value("--form", "FORM", "Instead of numbers: every audit of this form (with --status)"),
        .value("--status", "STATUS", "Instead of numbers: every audit in this status, e.g. submitted"),
    ]

    static func resolve(_ arguments: ParsedArguments, spec: CommandSpec, app: AppContext) throws -> [Int64] {
        var seen: Set<Int64> = []
        let numbers = try arguments.positionals.map { try AuditNumber.parse($0) }.filter { seen.insert($0).inserted }
        let form = arguments.value("--form"), status = arguments.value("--status")
        guard form != nil || status != nil else {
            guard !numbers.isEmpty else { throw UsageError("give audit numbers, or a filter (--form, --status)", command: spec) }
            return numbers
        }
        guard numbers.isEmpty else { throw UsageError("give audit numbers or a filter, not both", command: spec) }
        var filter = AuditFilter()
        filter.formID = form
        if let status {
            guard let parsed = AuditStatus(rawValue: status) else {
                throw UsageError("--status '\(status)' is none of \(AuditStatus.allCases.map(\.rawValue).joined(separator: ", "))", command: spec)
            }
            filter.status = parsed
        }
        filter.limit = Int(Int32.max)
        // A pile is worked through in the order it arrived (by audit number).
        return try app.store.audits.list(filter).map(\.id).sorted()
    }

    /// Runs `body` for each audit, each in its own transaction; prints a line per audit and a summary.
    static func run(_ ids: [Int64], json: Bool, console: Console, verb: String,
                    _ body: (Int64) throws -> (status: AuditStatus, line: String)) throws {
        var results: [JSONValue] = []
        var failed = 0
        for id in ids {
            do {
                let (status, line) = try body(id)
                results.append(.object([("id", .integer(id)), ("status", .string(status.rawValue))]))
                if !json { console.print(line) }
            } catch let error as InputError {
                failed += 1
                results.append(.object([("id", .integer(id)), ("error", .string(error.message))]))
                console.reportError(error.message)
            } catch let error as StoreError {
                failed += 1
                results.append(.object([("id", .integer(id)), ("error", .string(error.description))]))
                console.reportError(error.description)
            } catch {
                // One audit's failure never stops the pile silently: it is counted and named, and the rest go on.
                failed += 1
                results.append(.object([("id", .integer(id)), ("error", .string("\(error)"))]))
                console.reportError("audit \(id): \(error)")
            }
        }
        if json {
            console.print(JSONValue.array(results).rendered())
        } else if ids.count > 1 {
            console.print("\(verb) \(ids.count - failed) of \(counted(ids.count, "audit"))\(failed > 0 ? "; \(failed) refused (see above)" : "").")
        } else if ids.isEmpty {
            console.print("No audits match.")
        }
        if failed > 0 { throw ReportedFailure() }
    }
}
