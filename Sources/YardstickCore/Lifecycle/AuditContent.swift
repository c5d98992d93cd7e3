/// What an audit's content hash covers: everything that decides what the audit says and counts for.
/// A row changed behind the tool's back (another agent, date, status, answers with a matching score)
/// no longer matches the hash that the history recorded for it.
public struct AuditContent: Sendable, Hashable {
    public var agentID: String?
    public var locationID: String?
    public var auditor: String
    public var occurredOn: String
    public var formVersionID: Int64
    public var formSHA256: String
    public var standardVersionID: Int64
    public var standardSHA256: String
    public var status: AuditStatus
    public var calibrationSessionID: Int64?
    public var answers: [UInt8]
    public var comments: [String: String]
    public var score: Double?
    public var band: String?
    public var outcome: String?
    public var criticalFail: Bool
    public var results: [UInt8]?
    /// Where the audit counts in reports: the agent's team and location when it was recorded.
    public var placement: AuditPlacement

    public init(agentID: String?, locationID: String?, auditor: String, occurredOn: String, formVersionID: Int64, formSHA256: String,
                standardVersionID: Int64, standardSHA256: String, status: AuditStatus, calibrationSessionID: Int64?, answers: [UInt8],
                comments: [String: String], score: Double?, band: String?, outcome: String?, criticalFail: Bool, results: [UInt8]?,
                placement: AuditPlacement) {
        self.agentID = agentID
        self.locationID = locationID
        self.auditor = auditor
        self.occurredOn = occurredOn
        self.formVersionID = formVersionID
        self.formSHA256 = formSHA256
        self.standardVersionID = standardVersionID
        self.standardSHA256 = standardSHA256
        self.status = status
        self.calibrationSessionID = calibrationSessionID
        self.answers = answers
        self.comments = comments
        self.score = score
        self.band = band
        self.outcome = outcome
        self.criticalFail = criticalFail
        self.results = results
        self.placement = placement
    }

    private static let domain = Array("yardstick-audit-content-1".utf8)
    private static let placedDomain = Array("yardstick-audit-content-2".utf8)
    static let compactDomain = Array("yardstick-audit-content-3".utf8)

    /// The lowercase hex SHA-256 of the canonical encoding (version 3), covering the placement.
    /// Every field is length-prefixed (and optional ones carry a presence byte), so no user text
    /// can imitate a field boundary.
    ///
    /// Version 3 puts what all audits of one form and standard version share first, padded with
    /// zeros to whole SHA-256 blocks (`HashPrefix`), and writes lengths as varints: a bulk import
    /// hashes that part once and each audit's own fields in about half the blocks of version 2.
    ///
    /// The bytes: the domain `yardstick-audit-content-3`, the form version id, its SHA-256, the
    /// standard version id and its SHA-256 (lengths and ids as 8-byte big-endian numbers), zeros up
    /// to a multiple of 64 bytes; then agent?, location?, auditor, date, status, calibration
    /// session? (present byte, varint id), answers, the comments sorted by field (varint count,
    /// field and text each), score? (present byte, 8-byte IEEE bits), band?, outcome?, critical
    /// byte, results? (present byte, bytes), team?, placement location?. A text or byte string is
    /// a varint length and its bytes; an optional one (`?`) a present byte (0 or 1) first.
    public var hash: String { hash(after: HashPrefix(of: self)) }

    /// `hash`, continuing from `prefix` when it is this content's (computed afresh otherwise).
    public func hash(after prefix: HashPrefix) -> String {
        guard prefix.matches(self) else { return hash }
        var writer = CanonicalWriter(capacity: answers.count + (results?.count ?? 0) + 192)
        writer.compactOptionalText(agentID)
        writer.compactOptionalText(locationID)
        writer.compactText(auditor)
        writer.compactText(occurredOn)
        writer.compactText(status.rawValue)
        writer.byte(calibrationSessionID == nil ? 0 : 1)
        writer.varint(UInt64(bitPattern: calibrationSessionID ?? 0))
        writer.compactBytes(answers)
        let sortedComments = comments.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        writer.varint(UInt64(sortedComments.count))
        for (field, text) in sortedComments {
            writer.compactText(field)
            writer.compactText(text)
        }
        writer.byte(score == nil ? 0 : 1)
        writer.fixed((score ?? 0).bitPattern)
        writer.compactOptionalText(band)
        writer.compactOptionalText(outcome)
        writer.byte(criticalFail ? 1 : 0)
        writer.byte(results == nil ? 0 : 1)
        writer.compactBytes(results ?? [])
        writer.compactOptionalText(placement.teamID)
        writer.compactOptionalText(placement.locationID)
        return writer.bytes.withUnsafeBytes { prefix.state.hex(finishingWith: $0) }
    }

    /// The start of the version 3 canonical encoding, shared by every audit of one form version and
    /// standard version, already hashed.
    public struct HashPrefix: Sendable {
        let formVersionID: Int64
        let formSHA256: String
        let standardVersionID: Int64
        let standardSHA256: String
        /// SHA-256 after the shared fields and their zero padding (whole blocks).
        let state: SHA256

        public init(formVersionID: Int64, formSHA256: String, standardVersionID: Int64, standardSHA256: String) {
            self.formVersionID = formVersionID
            self.formSHA256 = formSHA256
            self.standardVersionID = standardVersionID
            self.standardSHA256 = standardSHA256
            var writer = CanonicalWriter(capacity: 256)
            writer.bytes(AuditContent.compactDomain)
            writer.fixed(UInt64(bitPattern: formVersionID))
            writer.text(formSHA256)
            writer.fixed(UInt64(bitPattern: standardVersionID))
            writer.text(standardSHA256)
            writer.zeroPadToBlock()
            var state = SHA256()
            state.update(writer.bytes)
            self.state = state
        }

        /// The prefix of `content`'s form and standard versions.
        public init(of content: AuditContent) {
            self.init(formVersionID: content.formVersionID, formSHA256: content.formSHA256, standardVersionID: content.standardVersionID,
                      standardSHA256: content.standardSHA256)
        }

        func matches(_ content: AuditContent) -> Bool {
            formVersionID == content.formVersionID && standardVersionID == content.standardVersionID && formSHA256 == content.formSHA256
                && standardSHA256 == content.standardSHA256
        }
    }

    /// The version 2 hash (fixed 64-bit lengths, everything in one run), which audits written
    /// before version 3 keep until their next change.
    public var hashVersion2: String { hash(coveringPlacement: true) }

    /// The hash of audits last written before placements were recorded (schema 7): the version 2
    /// fields without the placement. Such a hash stays valid until the audit's next change.
    public var hashBeforePlacement: String { hash(coveringPlacement: false) }

    private func hash(coveringPlacement: Bool) -> String {
        var writer = CanonicalWriter(capacity: answers.count + (results?.count ?? 0) + 640)
        writer.bytes(coveringPlacement ? Self.placedDomain : Self.domain)
        writer.optionalText(agentID)
        writer.optionalText(locationID)
        writer.text(auditor)
        writer.text(occurredOn)
        writer.fixed(UInt64(bitPattern: formVersionID))
        writer.text(formSHA256)
        writer.fixed(UInt64(bitPattern: standardVersionID))
        writer.text(standardSHA256)
        writer.text(status.rawValue)
        writer.byte(calibrationSessionID == nil ? 0 : 1)
        writer.fixed(UInt64(bitPattern: calibrationSessionID ?? 0))
        writer.bytes(answers)
        let sortedComments = comments.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        writer.fixed(UInt64(sortedComments.count))
        for (field, text) in sortedComments {
            writer.text(field)
            writer.text(text)
        }
        writer.byte(score == nil ? 0 : 1)
        writer.fixed((score ?? 0).bitPattern)
        writer.optionalText(band)
        writer.optionalText(outcome)
        writer.byte(criticalFail ? 1 : 0)
        writer.byte(results == nil ? 0 : 1)
        writer.bytes(results ?? [])
        if coveringPlacement {
            writer.optionalText(placement.teamID)
            writer.optionalText(placement.locationID)
        }
        return SHA256.hex(of: writer.bytes)
    }
}

/// The running hash of an import batch over its audits' ids and content hashes, in id order.
public struct BatchHash: Sendable {
    private var writer = CanonicalWriter(capacity: 1 << 12)
    private var hasher = SHA256()
    public private(set) var count = 0

    public init() { writer.bytes(Array("yardstick-audit-batch-1".utf8)) }

    public mutating func add(auditID: Int64, contentHash: String) {
        writer.fixed(UInt64(bitPattern: auditID))
        writer.text(contentHash)
        count += 1
        if writer.bytes.count >= 1 << 12 {
            hasher.update(writer.bytes)
            writer = CanonicalWriter(capacity: 1 << 12)
        }
    }

    public func finalized() -> String {
        var copy = hasher
        copy.update(writer.bytes)
        return copy.finalizeHex()
    }
}

/// Canonical, unambiguous bytes for hashing: fixed-width numbers and length-prefixed strings.
struct CanonicalWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// A big-endian 64-bit value.
    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// A length-prefixed byte string.
    mutating func bytes(_ value: [UInt8]) {
        fixed(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func text(_ value: String) {
        fixed(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalText(_ value: String?) {
        byte(value == nil ? 0 : 1)
        text(value ?? "")
    }

    /// An unsigned LEB128 varint (version 3 lengths): as unambiguous as a fixed width, and shorter.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    mutating func compactBytes(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func compactText(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func compactOptionalText(_ value: String?) {
        byte(value == nil ? 0 : 1)
        compactText(value ?? "")
    }

    /// Zero bytes up to the next multiple of 64 (a SHA-256 block).
    mutating func zeroPadToBlock() {
        bytes.append(contentsOf: repeatElement(0, count: (64 - bytes.count % 64) % 64))
    }
}
