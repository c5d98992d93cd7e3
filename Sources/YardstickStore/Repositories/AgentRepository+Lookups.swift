extension AgentRepository {
    /// Every agent id, for checking import rows without a query per row.
    public func allIDs() throws -> Set<String> {
        Set(try database.query("SELECT id FROM agent").map { $0.string(0) })
    }

    /// Every location id known from the roster.
    public func allLocationIDs() throws -> Set<String> {
        Set(try database.query("SELECT id FROM location").map { $0.string(0) })
    }
}
