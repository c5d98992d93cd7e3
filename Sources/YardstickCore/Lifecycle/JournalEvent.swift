import Foundation

/// One entry of the append-only history, typed. Its payload is stored as JSON beside the subject,
/// the action and the content hash that the change produced.
public enum JournalEvent: Sendable, Hashable {
    case auditSubmitted(AuditSubmitted)
    case auditReviewed(AuditReviewed)
    case auditAmended(AuditAmended)
    case auditRescored(AuditRescored)
    case auditsImported(AuditsImported)
    case definitionRegistered(DefinitionRegistered)
    case auditsSealed(AuditsSealed)
    case settingChanged(SettingChanged)
    case incentiveRunRecorded(IncentiveRunRecorded)
    case incentiveRunFinalised(IncentiveRunFinalised)
    case coachingPlanChanged(CoachingPlanChanged)
    case disputeChanged(DisputeChanged)
    case calibrationChanged(CalibrationChanged)

    /// What the history row says it is about.
    public enum Subject: String, Sendable, Hashable, Codable {
        case audit, definition, setting, dispute
        case calibration
        case incentiveRun = "incentive_run"
        case coachingPlan = "coaching_plan"
    }

    public var subject: Subject {
        switch self {
        case .auditSubmitted, .auditReviewed, .auditAmended, .auditRescored, .auditsImported, .auditsSealed: return .audit
        case .definitionRegistered: return .definition
        case .settingChanged: return .setting
        case .incentiveRunRecorded, .incentiveRunFinalised: return .incentiveRun
        case .coachingPlanChanged: return .coachingPlan
        case .disputeChanged: return .dispute
        case .calibrationChanged: return .calibration
        }
    }

    /// The audit id, `import` or `seal` for a batch, `kind:id` for a definition.
    public var subjectID: String {
        switch self {
        case let .auditSubmitted(event): return String(event.auditID)
        case let .auditReviewed(event): return String(event.auditID)
        case let .auditAmended(event): return String(event.auditID)
        case let .auditRescored(event): return String(event.auditID)
        case .auditsImported: return "import"
        case let .definitionRegistered(event): return "\(event.kind):\(event.documentID)"
        case .auditsSealed: return "seal"
        case let .settingChanged(event): return event.key
        case let .incentiveRunRecorded(event): return String(event.runID)
        case let .incentiveRunFinalised(event): return String(event.runID)
        case let .coachingPlanChanged(event): return String(event.planID)
        case let .disputeChanged(event): return String(event.disputeID)
        case let .calibrationChanged(event): return String(event.sessionID)
        }
    }

    /// The stored action name; together with the subject it selects the payload type when reading.
    public var action: String {
        switch self {
        case .auditSubmitted: return "submitted"
        case let .auditReviewed(event): return event.to == .returned ? "returned" : (event.to == .released ? "released" : "resubmitted")
        case .auditAmended: return "amended"
        case .auditRescored: return "rescored"
        case .auditsImported: return "imported"
        case let .definitionRegistered(event): return event.reinstated ? "reinstated" : "registered"
        case .auditsSealed: return "sealed"
        case .settingChanged: return "changed"
        case .incentiveRunRecorded: return "ran"
        case .incentiveRunFinalised: return "finalised"
        case let .coachingPlanChanged(event): return event.change.rawValue
        case let .disputeChanged(event): return event.status
        case let .calibrationChanged(event): return event.change
        }
    }

    /// The audit this event changed, for per-audit events.
    public var auditID: Int64? {
        switch self {
        case let .auditSubmitted(event): return event.auditID
        case let .auditReviewed(event): return event.auditID
        case let .auditAmended(event): return event.auditID
        case let .auditRescored(event): return event.auditID
        default: return nil
        }
    }

    /// The content hash the audit had before this event (nil for a first submission).
    public var previousContentHash: String? {
        switch self {
        case .auditSubmitted: return nil
        case let .auditReviewed(event): return event.previousContentHash
        case let .auditAmended(event): return event.previousContentHash
        case let .auditRescored(event): return event.previousContentHash
        default: return nil
        }
    }

    /// The payload as canonical JSON (sorted keys).
    public func payloadJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case let .auditSubmitted(event): data = try encoder.encode(event)
        case let .auditReviewed(event): data = try encoder.encode(event)
        case let .auditAmended(event): data = try encoder.encode(event)
        case let .auditRescored(event): data = try encoder.encode(event)
        case let .auditsImported(event): data = try encoder.encode(event)
        case let .definitionRegistered(event): data = try encoder.encode(event)
        case let .auditsSealed(event): data = try encoder.encode(event)
        case let .settingChanged(event): data = try encoder.encode(event)
        case let .incentiveRunRecorded(event): data = try encoder.encode(event)
        case let .incentiveRunFinalised(event): data = try encoder.encode(event)
        case let .coachingPlanChanged(event): data = try encoder.encode(event)
        case let .disputeChanged(event): data = try encoder.encode(event)
        case let .calibrationChanged(event): data = try encoder.encode(event)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a stored event back; a payload that does not decode is a typed error, never a default.
    public static func decode(subject: String, action: String, payload: String) throws -> JournalEvent {
        let decoder = JSONDecoder()
        let data = Data(payload.utf8)
        do {
            switch (subject, action) {
            case ("audit", "submitted"): return .auditSubmitted(try decoder.decode(AuditSubmitted.self, from: data))
            case ("audit", "released"), ("audit", "returned"), ("audit", "resubmitted"):
                return .auditReviewed(try decoder.decode(AuditReviewed.self, from: data))
            case ("audit", "amended"): return .auditAmended(try decoder.decode(AuditAmended.self, from: data))
            case ("audit", "rescored"): return .auditRescored(try decoder.decode(AuditRescored.self, from: data))
            case ("audit", "imported"): return .auditsImported(try decoder.decode(AuditsImported.self, from: data))
            case ("definition", "registered"), ("definition", "reinstated"):
                return .definitionRegistered(try decoder.decode(DefinitionRegistered.self, from: data))
            case ("audit", "sealed"): return .auditsSealed(try decoder.decode(AuditsSealed.self, from: data))
            case ("setting", "changed"): return .settingChanged(try decoder.decode(SettingChanged.self, from: data))
            case ("incentive_run", "ran"): return .incentiveRunRecorded(try decoder.decode(IncentiveRunRecorded.self, from: data))
            case ("incentive_run", "finalised"): return .incentiveRunFinalised(try decoder.decode(IncentiveRunFinalised.self, from: data))
            case ("coaching_plan", "saved"), ("coaching_plan", "item-done"), ("coaching_plan", "cancelled"), ("coaching_plan", "done"):
                return .coachingPlanChanged(try decoder.decode(CoachingPlanChanged.self, from: data))
            case ("dispute", "open"), ("dispute", "upheld"), ("dispute", "overturned"), ("dispute", "partial"):
                return .disputeChanged(try decoder.decode(DisputeChanged.self, from: data))
            case ("calibration", "opened"), ("calibration", "closed"):
                return .calibrationChanged(try decoder.decode(CalibrationChanged.self, from: data))
            default: throw JournalDecodingError(reason: "unknown event '\(subject) \(action)'")
            }
        } catch let error as JournalDecodingError {
            throw error
        } catch {
            throw JournalDecodingError(reason: "the \(subject) \(action) payload does not decode (\(error))")
        }
    }
}

/// A stored history entry that cannot be read back.
public struct JournalDecodingError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// A draft or answers file became a submitted audit.
public struct AuditSubmitted: Sendable, Hashable, Codable {
    public var auditID: Int64
    public var score: Double?
    public var band: String?
    public var outcome: String
    /// `form-id@sha256-prefix`, so the history names the exact versions.
    public var form: String
    public var standard: String

    public init(auditID: Int64, score: Double?, band: String?, outcome: String, form: String, standard: String) {
        self.auditID = auditID
        self.score = score
        self.band = band
        self.outcome = outcome
        self.form = form
        self.standard = standard
    }
}

/// A review decision or a resubmission: only the status changes.
public struct AuditReviewed: Sendable, Hashable, Codable {
    public var auditID: Int64
    public var previousContentHash: String
    public var from: AuditStatus
    public var to: AuditStatus

    public init(auditID: Int64, previousContentHash: String, from: AuditStatus, to: AuditStatus) {
        self.auditID = auditID
        self.previousContentHash = previousContentHash
        self.from = from
        self.to = to
    }
}

/// One changed answer or comment of an amendment, as the expression text.
public struct AnswerChange: Sendable, Hashable, Codable {
    public var field: String
    public var isComment: Bool
    public var old: String?
    public var new: String?
    /// Why the change happened when the user did not ask for it (e.g. hidden by skip logic).
    public var why: String?

    public init(field: String, isComment: Bool = false, old: String?, new: String?, why: String? = nil) {
        self.field = field
        self.isComment = isComment
        self.old = old
        self.new = new
        self.why = why
    }
}

/// Answers of a submitted audit changed, re-scored.
public struct AuditAmended: Sendable, Hashable, Codable {
    public var auditID: Int64
    public var previousContentHash: String
    public var changes: [AnswerChange]
    public var oldScore: Double?
    public var newScore: Double?
    public var oldBand: String?
    public var newBand: String?

    public init(auditID: Int64, previousContentHash: String, changes: [AnswerChange], oldScore: Double?, newScore: Double?,
                oldBand: String?, newBand: String?) {
        self.auditID = auditID
        self.previousContentHash = previousContentHash
        self.changes = changes
        self.oldScore = oldScore
        self.newScore = newScore
        self.oldBand = oldBand
        self.newBand = newBand
    }
}

/// The same answers scored under another version of the standard.
public struct AuditRescored: Sendable, Hashable, Codable {
    public var auditID: Int64
    public var previousContentHash: String
    public var oldStandardVersion: Int64
    public var newStandardVersion: Int64
    public var oldSha256: String
    public var newSha256: String
    public var oldScore: Double?
    public var newScore: Double?

    public init(auditID: Int64, previousContentHash: String, oldStandardVersion: Int64, newStandardVersion: Int64, oldSha256: String,
                newSha256: String, oldScore: Double?, newScore: Double?) {
        self.auditID = auditID
        self.previousContentHash = previousContentHash
        self.oldStandardVersion = oldStandardVersion
        self.newStandardVersion = newStandardVersion
        self.oldSha256 = oldSha256
        self.newSha256 = newSha256
        self.oldScore = oldScore
        self.newScore = newScore
    }
}

/// A batch of audits stored by one import; the entry's content hash is the running hash of the
/// batch's audit ids and content hashes (`BatchHash`).
public struct AuditsImported: Sendable, Hashable, Codable {
    public var source: String
    public var firstID: Int64
    public var lastID: Int64
    public var imported: Int
    /// Released at once because no review was required (else submitted, waiting for review).
    public var released: Bool

    public init(source: String, firstID: Int64, lastID: Int64, imported: Int, released: Bool) {
        self.source = source
        self.firstID = firstID
        self.lastID = lastID
        self.imported = imported
        self.released = released
    }
}

/// A definition file's content became the current version of its id (new, or an older content loaded again).
public struct DefinitionRegistered: Sendable, Hashable, Codable {
    public var kind: String
    public var documentID: String
    public var versionID: Int64
    public var versionLabel: String
    public var sha256: String
    public var path: String
    public var previousVersionID: Int64?
    /// An older stored content was loaded again and is the current version once more.
    public var reinstated: Bool

    public init(kind: String, documentID: String, versionID: Int64, versionLabel: String, sha256: String, path: String,
                previousVersionID: Int64?, reinstated: Bool) {
        self.kind = kind
        self.documentID = documentID
        self.versionID = versionID
        self.versionLabel = versionLabel
        self.sha256 = sha256
        self.path = path
        self.previousVersionID = previousVersionID
        self.reinstated = reinstated
    }
}

/// Audits stored before content hashes existed, hashed once by the schema upgrade so that later
/// changes are caught; the entry's content hash is the `BatchHash` of the audits in `ids`.
public struct AuditsSealed: Sendable, Hashable, Codable {
    public var reason: String
    public var ids: [Int64]

    public init(reason: String, ids: [Int64]) {
        self.reason = reason
        self.ids = ids
    }
}

/// A database setting changed (review requirement, date tolerance).
public struct SettingChanged: Sendable, Hashable, Codable {
    public var key: String
    public var old: String?
    public var new: String

    public init(key: String, old: String?, new: String) {
        self.key = key
        self.old = old
        self.new = new
    }
}

/// An incentive run was computed and stored.
public struct IncentiveRunRecorded: Sendable, Hashable, Codable {
    public var runID: Int64
    public var policy: String
    public var period: String
    public var agents: Int
    /// Σ of every line's total, in minor units.
    public var totalMinorUnits: Int64
    public var fingerprint: String
    public var correctionOf: Int64?

    public init(runID: Int64, policy: String, period: String, agents: Int, totalMinorUnits: Int64, fingerprint: String, correctionOf: Int64?) {
        self.runID = runID
        self.policy = policy
        self.period = period
        self.agents = agents
        self.totalMinorUnits = totalMinorUnits
        self.fingerprint = fingerprint
        self.correctionOf = correctionOf
    }
}

/// An incentive run was frozen for payroll.
public struct IncentiveRunFinalised: Sendable, Hashable, Codable {
    public var runID: Int64
    public var policy: String
    public var period: String
    public var fingerprint: String

    public init(runID: Int64, policy: String, period: String, fingerprint: String) {
        self.runID = runID
        self.policy = policy
        self.period = period
        self.fingerprint = fingerprint
    }
}

/// A coaching plan was saved, one of its items done, the whole plan done, or the plan cancelled.
public struct CoachingPlanChanged: Sendable, Hashable, Codable {
    public enum Change: String, Sendable, Hashable, Codable {
        case saved
        case itemDone = "item-done"
        case done
        case cancelled
    }

    public var planID: Int64
    public var change: Change
    public var subject: String
    /// The item, for `item-done`.
    public var ordinal: Int?
    public var criterionID: String?
    public var note: String?

    public init(planID: Int64, change: Change, subject: String, ordinal: Int? = nil, criterionID: String? = nil, note: String? = nil) {
        self.planID = planID
        self.change = change
        self.subject = subject
        self.ordinal = ordinal
        self.criterionID = criterionID
        self.note = note
    }
}

/// A dispute opened or decided. The entry's content hash is the dispute's `DisputeContent` hash.
public struct DisputeChanged: Sendable, Hashable, Codable {
    public var disputeID: Int64
    public var auditID: Int64
    public var criterionID: String
    /// `open`, or the decision: `upheld`, `overturned`, `partial`.
    public var status: String
    /// The amendment's history entry, for a decision that changed the audit.
    public var amendmentEntry: Int64?

    public init(disputeID: Int64, auditID: Int64, criterionID: String, status: String, amendmentEntry: Int64? = nil) {
        self.disputeID = disputeID
        self.auditID = auditID
        self.criterionID = criterionID
        self.status = status
        self.amendmentEntry = amendmentEntry
    }
}

/// What a dispute's content hash covers: the dispute as opened and as decided.
public struct DisputeContent: Sendable, Hashable {
    public var id: Int64
    public var auditID: Int64
    public var criterionID: String
    public var openedBy: String
    public var openedAt: String
    public var reason: String
    public var status: String
    public var decidedBy: String?
    public var decidedAt: String?
    public var decisionReason: String?
    public var amendmentEntry: Int64?

    public init(id: Int64, auditID: Int64, criterionID: String, openedBy: String, openedAt: String, reason: String, status: String,
                decidedBy: String?, decidedAt: String?, decisionReason: String?, amendmentEntry: Int64?) {
        self.id = id
        self.auditID = auditID
        self.criterionID = criterionID
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.reason = reason
        self.status = status
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionReason = decisionReason
        self.amendmentEntry = amendmentEntry
    }

    /// The lowercase hex SHA-256 of the length-prefixed fields.
    public var hash: String {
        var writer = CanonicalWriter(capacity: 256)
        writer.bytes(Array("yardstick-dispute-1".utf8))
        writer.fixed(UInt64(bitPattern: id))
        writer.fixed(UInt64(bitPattern: auditID))
        writer.text(criterionID)
        writer.text(openedBy)
        writer.text(openedAt)
        writer.text(reason)
        writer.text(status)
        writer.optionalText(decidedBy)
        writer.optionalText(decidedAt)
        writer.optionalText(decisionReason)
        writer.byte(amendmentEntry == nil ? 0 : 1)
        writer.fixed(UInt64(bitPattern: amendmentEntry ?? 0))
        return SHA256.hex(of: writer.bytes)
    }
}

/// A calibration session opened or closed; the entry's content hash is the session's `CalibrationContent` hash.
public struct CalibrationChanged: Sendable, Hashable, Codable {
    public var sessionID: Int64
    /// `opened` or `closed`.
    public var change: String
    public var auditors: [String]

    public init(sessionID: Int64, change: String, auditors: [String]) {
        self.sessionID = sessionID
        self.change = change
        self.auditors = auditors
    }
}

/// What a calibration session's hash covers: what is calibrated, by whom, and whether it is closed.
public struct CalibrationContent: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var interaction: String
    public var formVersionID: Int64
    public var expert: String?
    public var auditors: [String]
    public var closedAt: String?
    public var standardVersionID: Int64?
    public var agentID: String?
    public var locationID: String?
    public var openedBy: String
    public var openedAt: String

    public init(id: Int64, title: String, interaction: String, formVersionID: Int64, expert: String?, auditors: [String], closedAt: String?,
                standardVersionID: Int64?, agentID: String?, locationID: String?, openedBy: String, openedAt: String) {
        self.id = id
        self.title = title
        self.interaction = interaction
        self.formVersionID = formVersionID
        self.expert = expert
        self.auditors = auditors
        self.closedAt = closedAt
        self.standardVersionID = standardVersionID
        self.agentID = agentID
        self.locationID = locationID
        self.openedBy = openedBy
        self.openedAt = openedAt
    }

    public var hash: String {
        var writer = CanonicalWriter(capacity: 256)
        writer.bytes(Array("yardstick-calibration-1".utf8))
        writer.fixed(UInt64(bitPattern: id))
        writer.text(title)
        writer.text(interaction)
        writer.fixed(UInt64(bitPattern: formVersionID))
        writer.optionalText(expert)
        writer.fixed(UInt64(auditors.count))
        for auditor in auditors.sorted() { writer.text(auditor) }
        writer.optionalText(closedAt)
        writer.byte(standardVersionID == nil ? 0 : 1)
        writer.fixed(UInt64(bitPattern: standardVersionID ?? 0))
        writer.optionalText(agentID)
        writer.optionalText(locationID)
        writer.text(openedBy)
        writer.text(openedAt)
        return SHA256.hex(of: writer.bytes)
    }
}
