/// Coaching plans and effects as JSON.
public enum CoachingJSON {
    public static func plan(_ view: CoachingPlanView) -> JSONValue {
        let plan = view.plan
        return .object([
            ("plan", view.id.map { .integer($0) } ?? .null), ("status", .optional(view.status)), ("cancel_reason", .optional(view.cancelReason)),
            ("subject", .string(plan.subject.rawValue)),
            ("subject_id", .string(plan.subjectID)), ("name", .string(plan.subjectName)), ("team", .string(plan.teamID)),
            ("standard", .string(plan.standardID)), ("from", .string(plan.from)), ("to", .string(plan.to)), ("created_on", .string(plan.createdOn)),
            ("due_on", .string(plan.dueOn)), ("audits", .integer(Int64(plan.audits))), ("workshop_plan", view.workshopPlanID.map { .integer($0) } ?? .null),
            ("items", .array(plan.items.map { item in
                .object([
                    ("ordinal", .integer(Int64(item.ordinal))), ("kind", .string(item.kind.rawValue)), ("criterion", .string(item.criterionID)),
                    ("title", .string(item.title)), ("category", .string(item.categoryTitle)), ("critical", .bool(item.critical)),
                    ("weight", .number(item.weight)), ("assessed", .integer(Int64(item.assessed))), ("below_target", .integer(Int64(item.failures))),
                    ("failure_rate", .number(item.failureRate)),
                    ("team_rate", item.teamRate.map { .number($0) } ?? .null), ("priority", .number(item.priority)),
                    ("agents", .array(item.agents.map { .string($0) })),
                    ("evidence", .array(item.evidence.map { entry in
                        .object([("audit", .integer(entry.auditID)), ("agent", .string(entry.agentID)), ("occurred_on", .string(entry.occurredOn)),
                                 ("auditor", .string(entry.auditor)), ("answer", .string(entry.answer)), ("comment", .optional(entry.comment))])
                    })),
                    ("training", .array(item.training.map { .object([("id", .string($0.id)), ("title", .string($0.title)), ("format", .string($0.format)),
                                                                    ("minutes", .integer(Int64($0.minutes)))]) })),
                    ("target", .string(item.target)), ("target_share", .integer(Int64(item.targetShare))),
                    ("follow_up_audits", .integer(Int64(item.followUpAudits))), ("follow_up_form", .string(item.followUpForm)),
                    ("done_at", .optional(view.done[item.ordinal]?.at)), ("done_by", .optional(view.done[item.ordinal]?.by)),
                    ("note", .optional(view.done[item.ordinal]?.note)),
                ])
            })),
            ("not_enough_evidence", .array(plan.notEnoughEvidence.map { .string($0) })),
        ])
    }

    public static func effect(_ effect: CoachingEffect, planID: Int64) -> JSONValue {
        .object([
            ("plan", .integer(planID)), ("test", .string("Fisher's exact test, two-sided")), ("due_reached", .bool(effect.dueReached)),
            ("items", .array(effect.items.map { item in
                .object([
                    ("ordinal", .integer(Int64(item.ordinal))), ("criterion", .string(item.criterionID)), ("training", .array(item.training.map { .string($0) })),
                    ("before_assessed", .integer(Int64(item.before.assessed))), ("before_misses", .integer(Int64(item.before.misses))),
                    ("after_assessed", .integer(Int64(item.after.assessed))), ("after_misses", .integer(Int64(item.after.misses))),
                    ("failure_rate_before", item.failureRateBefore.map { .number($0) } ?? .null),
                    ("failure_rate_after", item.failureRateAfter.map { .number($0) } ?? .null),
                    ("difference_points", item.difference.map { .number($0) } ?? .null),
                    ("p_value", item.before.assessed > 0 && item.after.assessed > 0 ? .number(item.pValue) : .null),
                    ("likely_real", .bool(item.isLikelyReal)),
                    ("enough_follow_ups", .bool(item.enoughFollowUps)), ("target_share", .integer(Int64(item.targetShare))),
                    ("target_met", item.targetMet.map { .bool($0) } ?? .null),
                ])
            })),
        ])
    }
}
