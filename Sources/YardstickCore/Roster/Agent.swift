/// A person whose work is audited.
public struct Agent: Sendable, Hashable {
    public var id: String
    public var name: String
    public var teamID: String
    public var locationID: String?
    public var email: String?
    public var hiredOn: ISODate?
    public var isActive: Bool

    public init(id: String, name: String, teamID: String, locationID: String? = nil, email: String? = nil, hiredOn: ISODate? = nil, isActive: Bool = true) {
        self.id = id
        self.name = name
        self.teamID = teamID
        self.locationID = locationID
        self.email = email
        self.hiredOn = hiredOn
        self.isActive = isActive
    }
}

/// Checks one agent's values, whether they come from a roster row or the command line.
public enum AgentFieldRule {
    /// Why `value` is not acceptable for `column`, or nil. Returns the parsed pieces through `agent`.
    public static func problem(column: String, value: String, into agent: inout Agent) -> String? {
        let trimmed = value.trimmingWhitespace()
        switch column {
        case "id":
            guard !trimmed.isEmpty else { return "empty; every agent needs an id" }
            guard trimmed.count <= 64, !trimmed.contains(where: { $0.isWhitespace || $0 == "," }) else {
                return "'\(trimmed)' is not a usable id; use up to 64 characters without spaces or commas"
            }
            agent.id = trimmed
        case "name":
            guard !trimmed.isEmpty else { return "empty; every agent needs a name" }
            agent.name = trimmed
        case "team":
            guard !trimmed.isEmpty else { return "empty; every agent belongs to a team" }
            agent.teamID = trimmed
        case "location":
            agent.locationID = trimmed.isEmpty ? nil : trimmed
        case "email":
            guard !trimmed.isEmpty else {
                agent.email = nil
                return nil
            }
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !trimmed.contains(" ") else {
                return "'\(trimmed)' is not an e-mail address"
            }
            agent.email = trimmed
        case "hired_on":
            guard !trimmed.isEmpty else {
                agent.hiredOn = nil
                return nil
            }
            guard let date = ISODate(trimmed) else { return "'\(trimmed)' is not a date; expected YYYY-MM-DD" }
            agent.hiredOn = date
        case "active":
            switch trimmed.lowercased() {
            case "", "true", "yes", "1", "y": agent.isActive = true
            case "false", "no", "0", "n": agent.isActive = false
            default: return "'\(trimmed)' is not true or false"
            }
        default:
            return "unknown column"
        }
        return nil
    }
}
