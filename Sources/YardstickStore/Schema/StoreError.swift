/// Problems with the database file itself, worded for the person running the command.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case missingDatabase(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case notYardstickDatabase(path: String, reason: String)
    /// Another process changed the row first (e.g. submitted the same draft).
    case changedMeanwhile(String)

    public var description: String {
        switch self {
        case let .missingDatabase(path):
            return "no database at \(path); run 'yardstick init' first (or pass --db / set YARDSTICK_DB)"
        case let .newerSchema(path, found, supported):
            return "\(path) has schema version \(found), newer than this yardstick understands (\(supported)); upgrade yardstick"
        case let .notYardstickDatabase(path, reason):
            return "\(path) is not a usable yardstick database: \(reason)"
        case let .changedMeanwhile(what):
            return "\(what); nothing was changed, look at it again with 'yardstick audit show'"
        }
    }
}
