import Foundation
import YardstickCore
import YardstickStore

/// What every use case works with: the store, the clock and who is acting.
public struct AppContext {
    public let store: Store
    public let clock: Clock
    public let actor: Actor
    /// Parsed definitions by stored version, shared by every use case of this context.
    public let definitions: DefinitionCatalogue

    public init(store: Store, clock: Clock, actor: Actor, definitions: DefinitionCatalogue? = nil) {
        self.store = store
        self.clock = clock
        self.actor = actor
        // Audits are about what happened: a date after today (plus the time-zone tolerance) is refused.
        let today = ISODate(String(clock.now().prefix(10)))
        let tolerance = (try? store.settings.futureDateToleranceDays()) ?? SettingRepository.defaultFutureDateToleranceDays
        self.definitions = definitions ?? DefinitionCatalogue(store: store, latestOccurredOn: today?.adding(days: tolerance))
    }

    /// The time of the change being made, ISO-8601 UTC.
    public var now: String { clock.now() }

    /// How long a change waits for another process that is writing (a long import) before it gives up.
    public static let patientWriteSeconds = 600.0

    /// Makes every change of this context wait for another writer instead of failing after the
    /// default timeout; `notice` is called once when the wait passes a second, to tell the person.
    public func waitForOtherWriters(notice: @escaping () -> Void) {
        store.database.waitWhileBusy(upTo: Self.patientWriteSeconds, notice: notice)
    }
}

/// The time source of use cases; tests fix it, the product reads the system clock.
public struct Clock: Sendable {
    public let now: @Sendable () -> String

    public init(now: @escaping @Sendable () -> String) { self.now = now }

    /// The system clock, UTC, to the second.
    public static let system = Clock {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// A clock that always says `timestamp`.
    public static func fixed(_ timestamp: String) -> Clock { Clock { timestamp } }
}

extension Actor {
    /// The login name of this process's user, from the OS (USER and LOGNAME may be unset, as on CI).
    public static var osLogin: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"] ?? environment["LOGNAME"] ?? "uid-\(geteuid())"
    }
}

/// Bad input in the command's arguments or files (exit 1), worded for the user.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Where a use case reports problems and progress, as values; the front end decides how to show them.
public protocol ProblemReporter: AnyObject {
    /// One located problem (`path:line:col: error: …`).
    func report(_ diagnostic: Diagnostic)
    /// Rows handled so far by a long-running use case.
    func progress(rows: Int)
}

extension ProblemReporter {
    public func progress(rows: Int) {}
}

/// Collects diagnostics in memory (tests, and use cases whose caller wants them all).
public final class CollectingReporter: ProblemReporter {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}
    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}
