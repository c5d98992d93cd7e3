import YardstickCore

extension AgentRepository {
    /// Every agent id, for checking import rows without a query per row.
    public func allIDs() throws -> Set<String> {
        Set(try database.query("SELECT id FROM agent").map { $0.string(0) })
    }

    /// Every agent's team and location now, by agent id: what an audit recorded now counts for.
    public func placements() throws -> [String: AuditPlacement] {
        var result: [String: AuditPlacement] = [:]
        for row in try database.query("SELECT id, team_id, location_id FROM agent") {
            result[row.string(0)] = AuditPlacement(teamID: row.text(1), locationID: row.text(2))
        }
        return result
    }

    /// Every location id known from the roster.
    public func allLocationIDs() throws -> Set<String> {
        Set(try database.query("SELECT id FROM location").map { $0.string(0) })
    }
}
