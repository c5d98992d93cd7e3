import Foundation
import YardstickCore

/// A saved coaching plan with its tracking state.
public struct StoredCoachingPlan: Sendable {
    public enum Status: String, Sendable, Hashable { case open, done, cancelled }

    public var id: Int64
    public var status: Status
    public var createdBy: String
    public var createdAt: String
    public var cancelReason: String?
    /// The team plan that holds this agent plan's workshop items.
    public var workshopPlanID: Int64?
    public var plan: CoachingPlan
    /// Done items by ordinal: when, by whom, and the note.
    public var done: [Int: (at: String, by: String, note: String?)]
}

/// Coaching plans and their items.
public struct CoachingRepository {
    let database: Database

    /// Stores `plan`; returns its id and the SHA-256 of its stored content (for the history). Call inside a transaction.
    public func insert(_ plan: CoachingPlan, workshopPlanID: Int64?, by actor: String, at timestamp: String) throws -> (id: Int64, contentSHA256: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let content = String(decoding: try encoder.encode(plan), as: UTF8.self)
        try database.run(
            """
            INSERT INTO coaching_plan (subject_kind, subject_id, standard_id, window_from, window_to, due_on, status, created_by, created_at,
                                       content, workshop_plan_id)
            VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)
            """, plan.subject.rawValue, plan.subjectID, plan.standardID, plan.from, plan.to, plan.dueOn, actor, timestamp, content, workshopPlanID)
        let id = database.lastInsertedRowID
        let insert = try database.prepare(
            """
            INSERT INTO coaching_item (plan_id, ordinal, criterion_id, kind, failure_rate, team_rate, priority, training, target, due_on, follow_up_audits)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for item in plan.items where item.kind != .seeWorkshop {
            try insert.bind(id, item.ordinal, item.criterionID, item.kind == .workshop ? "workshop" : "individual", item.failureRate, item.teamRate,
                            item.priority, item.training.map(\.id).joined(separator: " "), item.target, plan.dueOn, item.followUpAudits)
            try insert.run()
        }
        return (id, SHA256.hex(of: content))
    }

    /// Every plan's stored content hash, status and done items, for `verify`.
    public func integrityFacts() throws -> [(id: Int64, contentSHA256: String?, status: String, done: Set<Int>)] {
        var done: [Int64: Set<Int>] = [:]
        for row in try database.query("SELECT plan_id, ordinal FROM coaching_item WHERE done_at IS NOT NULL") {
            done[row.integer(0) ?? 0, default: []].insert(row.int(1))
        }
        return try database.query("SELECT id, content, status FROM coaching_plan ORDER BY id").map { row in
            let id = row.integer(0) ?? 0
            return (id, row.text(1).map { SHA256.hex(of: $0) }, row.string(2), done[id] ?? [])
        }
    }

    /// Plan `id`, if stored.
    public func plan(id: Int64) throws -> StoredCoachingPlan? {
        try database.queryFirst(
            "SELECT id, status, created_by, created_at, cancel_reason, workshop_plan_id, content FROM coaching_plan WHERE id = ?", id
        ).map(stored)
    }

    /// Plans, newest first, optionally of one subject or status.
    public func plans(subject: CoachingPlan.Subject? = nil, subjectID: String? = nil, status: StoredCoachingPlan.Status? = nil) throws -> [StoredCoachingPlan] {
        try database.query(
            """
            SELECT id, status, created_by, created_at, cancel_reason, workshop_plan_id, content FROM coaching_plan
            WHERE (?1 IS NULL OR subject_kind = ?1) AND (?2 IS NULL OR subject_id = ?2) AND (?3 IS NULL OR status = ?3) ORDER BY id DESC
            """, subject?.rawValue, subjectID, status?.rawValue
        ).map(stored)
    }

    /// Marks item `ordinal` of plan `id` done; false when it already was. Call inside a transaction.
    public func markDone(planID id: Int64, ordinal: Int, by actor: String, at timestamp: String, note: String?) throws -> Bool {
        try database.run("UPDATE coaching_item SET done_at = ?, done_by = ?, note = ? WHERE plan_id = ? AND ordinal = ? AND done_at IS NULL",
                         timestamp, actor, note, id, ordinal)
        return database.changes == 1
    }

    /// How many items of plan `id` are not done yet.
    public func openItems(planID id: Int64) throws -> Int {
        try database.queryFirst("SELECT count(*) FROM coaching_item WHERE plan_id = ? AND done_at IS NULL", id)?.int(0) ?? 0
    }

    /// Sets plan `id`'s status (and the reason, when cancelled). Call inside a transaction.
    public func setStatus(_ status: StoredCoachingPlan.Status, planID id: Int64, reason: String? = nil) throws {
        try database.run("UPDATE coaching_plan SET status = ?, cancel_reason = coalesce(?, cancel_reason) WHERE id = ?", status.rawValue, reason, id)
    }

    private func stored(_ row: Row) throws -> StoredCoachingPlan {
        let id = row.integer(0) ?? 0
        guard let status = StoredCoachingPlan.Status(rawValue: row.string(1)) else {
            throw StoreError.damagedRow(table: "coaching_plan", id: String(id), column: "status", problem: "'\(row.string(1))' is not a plan status")
        }
        let plan: CoachingPlan
        do {
            plan = try JSONDecoder().decode(CoachingPlan.self, from: Data((row.text(6) ?? "").utf8))
        } catch {
            throw StoreError.damagedRow(table: "coaching_plan", id: String(id), column: "content", problem: "it does not decode as a coaching plan")
        }
        var done: [Int: (at: String, by: String, note: String?)] = [:]
        for item in try database.query("SELECT ordinal, done_at, done_by, note FROM coaching_item WHERE plan_id = ? AND done_at IS NOT NULL", id) {
            done[item.int(0)] = (item.string(1), item.string(2), item.text(3))
        }
        return StoredCoachingPlan(id: id, status: status, createdBy: row.string(2), createdAt: row.string(3), cancelReason: row.text(4),
                                  workshopPlanID: row.integer(5), plan: plan, done: done)
    }
}
