/// The index on an audit's agent and month served no query: listing an agent's audits filters
/// with optional parameters, which no index can serve; the weakest-agents figure reads every
/// counted audit anyway, 2.4× faster in table order than through this index at a million audits;
/// the disputes of an agent start from the few disputes. Yet every stored audit paid for it — a
/// third of a bulk import's time under the write lock went to its random inserts. Month queries
/// keep `audit_by_period`, per-agent figures come from the aggregates.
enum Schema010 {
    static let migration = Migration(version: 10, name: "no agent-and-month index on audits", sql: sql)

    static let sql = """
    DROP INDEX IF EXISTS audit_by_agent_period;
    """
}
