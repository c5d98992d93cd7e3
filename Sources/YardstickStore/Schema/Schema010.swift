/// The index on an audit's agent and month paid for more than it served. Two queries used it:
/// the weakest-agents figure, which reads every counted audit and is 2.4× faster in table order
/// at a million audits without it, and an agent's disputes, which now read the dispute table and
/// look each audit up by id (about 30 ms more at 10,000 disputes). Listing an agent's audits
/// filters with optional parameters, which no index serves. Yet every stored audit paid for it:
/// a third of a bulk import's time under the write lock went to its random inserts. Month queries
/// keep `audit_by_period`.
enum Schema010 {
    static let migration = Migration(version: 10, name: "no agent-and-month index on audits", sql: sql)

    static let sql = """
    DROP INDEX IF EXISTS audit_by_agent_period;
    """
}
