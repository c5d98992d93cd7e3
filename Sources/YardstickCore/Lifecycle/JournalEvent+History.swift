/// How an event reads in an audit's history (`audit show`).
extension JournalEvent {
    /// The action with what changed, e.g. `amended (greeting_wait 15 → 40; score 100 → 91.4)`.
    public var historyText: String {
        switch self {
        case let .auditAmended(event):
            var parts = event.changes.map { change in
                "\(change.isComment ? "comment " : "")\(change.field) \(change.old ?? "—") → \(change.new ?? "—")"
            }
            if let old = event.oldScore, let new = event.newScore { parts.append("score \(formatNumber(old)) → \(formatNumber(new))") }
            return action + (parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")")
        case let .auditRescored(event):
            var text = "rescored (standard version #\(event.oldStandardVersion) → #\(event.newStandardVersion)"
            if let old = event.oldScore, let new = event.newScore { text += "; score \(formatNumber(old)) → \(formatNumber(new))" }
            return text + ")"
        default:
            return action
        }
    }
}
