import YardstickCore

/// How many agents a roster import added, changed or found already up to date.
public struct AgentImportCounts: Sendable, Hashable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0

    public init() {}
}

/// An agent as stored, with team and location.
public struct AgentFilter: Sendable, Hashable {
    public var team: String?
    public var location: String?
    public var includeInactive = false

    public init(team: String? = nil, location: String? = nil, includeInactive: Bool = false) {
        self.team = team
        self.location = location
        self.includeInactive = includeInactive
    }
}

/// Agents, their teams and locations.
public struct AgentRepository {
    let database: Database

    private static let columns = "id, name, team_id, location_id, email, hired_on, active"

    /// Inserts or updates `agents` (matched by id), creating their teams and locations. Call inside a transaction.
    public func upsert(_ agents: [Agent], at timestamp: String) throws -> AgentImportCounts {
        var counts = AgentImportCounts()
        let ensureTeam = try database.prepare("INSERT INTO team (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
        let ensureLocation = try database.prepare("INSERT INTO location (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
        let select = try database.prepare("SELECT \(Self.columns) FROM agent WHERE id = ?")
        let insert = try database.prepare(
            """
            INSERT INTO agent (id, name, team_id, location_id, email, hired_on, active, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try database.prepare(
            "UPDATE agent SET name = ?, team_id = ?, location_id = ?, email = ?, hired_on = ?, active = ?, updated_at = ? WHERE id = ?")
        for agent in agents {
            try ensureTeam.bind(agent.teamID, agent.teamID)
            try ensureTeam.run()
            if let location = agent.locationID {
                try ensureLocation.bind(location, location)
                try ensureLocation.run()
            }
            try select.bind(agent.id)
            if let existing = try select.rows().first.map(Self.agent) {
                if existing == agent {
                    counts.unchanged += 1
                } else {
                    try update.bind(agent.name, agent.teamID, agent.locationID, agent.email, agent.hiredOn?.description,
                                    agent.isActive, timestamp, agent.id)
                    try update.run()
                    counts.updated += 1
                }
            } else {
                try insert.bind(agent.id, agent.name, agent.teamID, agent.locationID, agent.email, agent.hiredOn?.description,
                                agent.isActive, timestamp, timestamp)
                try insert.run()
                counts.added += 1
            }
        }
        return counts
    }

    public func agent(id: String) throws -> Agent? {
        try database.queryFirst("SELECT \(Self.columns) FROM agent WHERE id = ?", id).map(Self.agent)
    }

    /// Agents matching `filter`, ordered by team then id.
    public func list(_ filter: AgentFilter = AgentFilter()) throws -> [Agent] {
        try database.query(
            """
            SELECT \(Self.columns) FROM agent
            WHERE (?1 IS NULL OR team_id = ?1) AND (?2 IS NULL OR location_id = ?2) AND (?3 = 1 OR active = 1)
            ORDER BY team_id, id
            """, filter.team, filter.location, filter.includeInactive).map(Self.agent)
    }

    public func count() throws -> Int {
        try database.queryFirst("SELECT count(*) FROM agent")?.int(0) ?? 0
    }

    private static func agent(_ row: Row) throws -> Agent {
        let origin = Row.Origin("agent", row.text(0) ?? "?")
        let hired = try row.optionalText(5, "hired_on", of: origin)
        let hiredOn = try hired.map { text -> ISODate in
            guard let date = ISODate(text) else {
                throw StoreError.damagedRow(table: "agent", id: origin.id, column: "hired_on", problem: "'\(text)' is not a date")
            }
            return date
        }
        return Agent(id: try row.requiredText(0, "id", of: origin), name: try row.requiredText(1, "name", of: origin),
                     teamID: try row.requiredText(2, "team_id", of: origin), locationID: try row.optionalText(3, "location_id", of: origin),
                     email: try row.optionalText(4, "email", of: origin), hiredOn: hiredOn,
                     isActive: try row.requiredFlag(6, "active", of: origin))
    }
}
