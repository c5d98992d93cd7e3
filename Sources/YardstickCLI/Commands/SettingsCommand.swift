import YardstickApp
import YardstickCore

/// `yardstick settings`: shows the database's settings and changes them on the record.
enum SettingsCommand: Command {
    static let spec = CommandSpec(
        path: ["settings"], abstract: "Show or change the database's settings (review requirement, date tolerance); changes are in the history",
        options: [
            .value("--review-required", "yes|no", "Whether audits wait for a reviewer's release before they count"),
            .value("--date-tolerance", "DAYS", "How many days after today an interaction's date may lie, for time zones"), .json,
        ],
        examples: ["yardstick settings", "yardstick settings --review-required yes", "yardstick settings --date-tolerance 2 --json"])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws {
        var review: Bool?
        if let text = arguments.value("--review-required") {
            switch text.lowercased() {
            case "yes", "true", "on": review = true
            case "no", "false", "off": review = false
            default: throw UsageError("--review-required takes yes or no, not '\(text)'", command: spec)
            }
        }
        let tolerance = try arguments.value("--date-tolerance").map { text -> Int in
            guard let days = Int(text), (0...366).contains(days) else { throw UsageError("--date-tolerance takes 0 to 366 days", command: spec) }
            return days
        }
        let wantsChange = review != nil || tolerance != nil
        let app = try context.app(wantsChange ? .write : .read)
        let service = SettingsService(app)
        let changes = wantsChange ? try service.change(reviewRequired: review, futureDateToleranceDays: tolerance) : []
        let values = try service.values()
        if arguments.has("--json") {
            context.console.print(JSONValue.object([
                ("review_required", .bool(values.reviewRequired)), ("date_tolerance_days", .integer(Int64(values.futureDateToleranceDays))),
                ("changed", .array(changes.map { .string($0) })),
            ]).rendered())
            return
        }
        for change in changes { context.console.print("Changed: \(change).") }
        if wantsChange && changes.isEmpty { context.console.print("Nothing changed: the settings already were so.") }
        context.console.print("review required   \(values.reviewRequired ? "yes — audits count once a reviewer releases them" : "no — audits count when submitted (forms may still require review)")")
        context.console.print("date tolerance    \(counted(values.futureDateToleranceDays, "day")) after today")
    }
}
