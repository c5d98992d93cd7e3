/// Reports by team and location at the time of the audit: every audit keeps the team and location
/// it counts for (a later transfer of the agent never moves it), and the running aggregates are
/// summed per month × standard × form × team × location × agent and, without the agent, per
/// month × standard × form × team × location, with band counts, so period and
/// trend reports read them instead of the audits. Location-only mystery shops count too.
///
/// No index on the new columns: reports read the aggregates, and every index on `audit` costs the
/// bulk import about 0.3 µs a row.
///
/// Audits stored before this step take their agent's team and location of today (the best that is
/// known); their content hashes stay as they were until their next change (see `AuditContent`).
enum Schema007 {
    static let migration = Migration(version: 7, name: "placements and report aggregates", sql: sql,
                                     backfill: { database, _ in try AggregateRebuild.run(database) })

    static let sql = """
    ALTER TABLE audit ADD COLUMN team_id TEXT REFERENCES team (id);
    ALTER TABLE audit ADD COLUMN site_id TEXT REFERENCES location (id);
    UPDATE audit SET team_id = (SELECT team_id FROM agent WHERE agent.id = audit.agent_id),
                     site_id = coalesce(location_id, (SELECT location_id FROM agent WHERE agent.id = audit.agent_id));

    DROP TABLE agent_month_stats;
    -- Running aggregates of counted audits. '' stands for no team, location or agent. `criteria`
    -- packs integer counters per criterion slot (assessed, not applicable, failure units, span
    -- units), `bands` the audits per band label; scores are summed in millionths of a point.
    CREATE TABLE month_stats (
        period_month INTEGER NOT NULL,
        standard_id TEXT NOT NULL,
        form_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        location_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        audits INTEGER NOT NULL,
        score_micros_sum INTEGER NOT NULL,
        score_micros_square_sum REAL NOT NULL,
        critical_fails INTEGER NOT NULL,
        bands BLOB NOT NULL,
        criteria BLOB NOT NULL,
        PRIMARY KEY (period_month, standard_id, form_id, team_id, location_id, agent_id)
    ) STRICT, WITHOUT ROWID;
    -- The same sums for all agents of a team, location and form together: what team, location,
    -- form and trend reports read (one row per team-month rather than one per agent-month).
    CREATE TABLE scope_month_stats (
        period_month INTEGER NOT NULL,
        standard_id TEXT NOT NULL,
        form_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        location_id TEXT NOT NULL,
        audits INTEGER NOT NULL,
        score_micros_sum INTEGER NOT NULL,
        score_micros_square_sum REAL NOT NULL,
        critical_fails INTEGER NOT NULL,
        bands BLOB NOT NULL,
        criteria BLOB NOT NULL,
        PRIMARY KEY (period_month, standard_id, form_id, team_id, location_id)
    ) STRICT, WITHOUT ROWID;
    """
}
