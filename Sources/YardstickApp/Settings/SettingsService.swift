import YardstickCore
import YardstickStore

/// The database's settings, changed on the record.
public struct SettingsService {
    let context: AppContext

    public init(_ context: AppContext) { self.context = context }

    /// The settings as they stand.
    public struct Values: Sendable, Hashable {
        public var reviewRequired: Bool
        public var futureDateToleranceDays: Int
    }

    public func values() throws -> Values {
        Values(reviewRequired: try context.store.settings.reviewRequired(),
               futureDateToleranceDays: try context.store.settings.futureDateToleranceDays())
    }

    /// Changes what differs from now, each change journaled; returns what changed, worded for people.
    @discardableResult
    public func change(reviewRequired: Bool? = nil, futureDateToleranceDays: Int? = nil) throws -> [String] {
        try context.store.database.transaction {
            let settings = context.store.settings
            var changed: [String] = []
            if let reviewRequired, try settings.reviewRequired() != reviewRequired {
                try settings.setReviewRequired(reviewRequired)
                try record("review_required", old: String(!reviewRequired), new: String(reviewRequired))
                changed.append(reviewRequired ? "audits now wait for a reviewer's release before they count"
                                              : "audits now count as soon as they are submitted (no review)")
            }
            if let days = futureDateToleranceDays, try settings.futureDateToleranceDays() != days {
                let old = try settings.futureDateToleranceDays()
                try settings.setFutureDateToleranceDays(days)
                try record("future_date_tolerance_days", old: String(old), new: String(days))
                changed.append("interaction dates up to \(counted(days, "day")) after today are accepted")
            }
            return changed
        }
    }

    private func record(_ key: String, old: String, new: String) throws {
        try context.store.journal.append(.settingChanged(SettingChanged(key: key, old: old, new: new)), contentHash: nil,
                                         actor: context.actor, at: context.now)
    }
}
