import YardstickCore

/// Sums every counted audit into `month_stats` from its stored columns and results, with the
/// criteria of its standard version as the store keeps them (`standard_criterion`): the upgrade to
/// schema 7 fills the new aggregates this way. Results that do not decode are left out; `verify`
/// reports them.
enum AggregateRebuild {
    static func run(_ database: Database) throws {
        var documents: [Int64: String] = [:]
        for row in try database.query("SELECT id, doc_id FROM definition_version") {
            if let id = row.integer(0) { documents[id] = row.string(1) }
        }
        var criteriaByVersion: [Int64: [Criterion]] = [:]
        for row in try database.query(
            "SELECT standard_version_id, criterion_id, category_id, title, weight, scale_min, scale_max FROM standard_criterion ORDER BY standard_version_id, ordinal") {
            guard let version = row.integer(0) else { continue }
            let scale: RatingScale
            if let minimum = row.integer(5).flatMap({ Int(exactly: $0) }), let maximum = row.integer(6).flatMap({ Int(exactly: $0) }) {
                scale = .range(minimum: minimum, maximum: maximum)
            } else {
                scale = .yesNo
            }
            criteriaByVersion[version, default: []].append(
                Criterion(id: row.string(1), categoryID: row.string(2), title: row.string(3), weight: row.double(4) ?? 1, scale: scale))
        }
        var slotsByStandard: [String: [String: Int]] = [:]
        for row in try database.query("SELECT standard_id, criterion_id, slot FROM criterion_slot") {
            slotsByStandard[row.string(0), default: [:]][row.string(1)] = row.integer(2).flatMap { Int(exactly: $0) }
        }
        var aggregates = AggregateAccumulator()
        let audits = try database.prepare(
            """
            SELECT form_version_id, standard_version_id, agent_id, team_id, site_id, period_month, score, band, critical_fail, results
            FROM audit WHERE (status = 'released' OR status = 'final') AND calibration_session_id IS NULL ORDER BY id
            """)
        while try audits.step() {
            let row = audits.row
            guard let formVersion = row.integer(0), let standardVersion = row.integer(1), let month = row.integer(5).flatMap({ Int(exactly: $0) }),
                  let formID = documents[formVersion], let standardID = documents[standardVersion],
                  let criteria = criteriaByVersion[standardVersion], case let .blob(results) = row.values[9],
                  let outcomes = try? ResultCodec.decode(results, criteria: criteria)
            else { continue }
            var scales: [RatingScale] = [], storeSlots: [Int] = [], slotted: [CriterionOutcome?] = []
            let slots = slotsByStandard[standardID] ?? [:]
            for criterion in criteria {
                scales.append(criterion.scale)
                storeSlots.append(slots[criterion.id] ?? -1)
                slotted.append(outcomes[criterion.id])
            }
            let key = AggregateKey(month: month, standardID: standardID, formID: formID,
                                   placement: AuditPlacement(teamID: row.text(3), locationID: row.text(4)), agentID: row.text(2))
            aggregates.add(key, scales: scales, storeSlots: storeSlots, score: row.double(6), band: row.text(7),
                           criticalFail: row.integer(8) == 1, outcomes: slotted)
            if aggregates.needsFlush { try aggregates.flush(into: database) }
        }
        try aggregates.flush(into: database)
    }
}
