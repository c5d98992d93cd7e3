/// An incentive line as stored: every figure, the explanation and the evidence (audit ids, dates,
/// scores and content hashes; response ids and values) in a compact versioned encoding, so a
/// finalised run renders byte for byte as it was, and a run of thousands of agents stores in milliseconds.
public enum IncentiveLineCodec {
    static let version: UInt8 = 1

    public static func encode(_ line: IncentiveLine) -> [UInt8] {
        var writer = ByteWriter(capacity: 256 + line.explanation.utf8.count + line.auditRefs.count * 90)
        writer.byte(version)
        writer.string(line.agentID)
        writer.string(line.name)
        writer.string(line.team)
        optional(line.location, &writer)
        writer.byte(line.eligible ? 1 : 0)
        writer.varint(UInt64(line.audits))
        optional(line.meanScore, &writer)
        writer.signed(line.scoreMicrosSum)
        optional(line.confidenceWidth, &writer)
        writer.varint(UInt64(line.criticalFailures))
        writer.varint(UInt64(line.positiveReviews))
        writer.varint(UInt64(line.negativeReviews))
        optional(line.tier, &writer)
        writer.signed(line.tierAmount)
        writer.signed(line.eventsAmount)
        writer.byte(line.capApplied ? 1 : 0)
        writer.signed(line.total)
        writer.string(line.explanation)
        writer.varint(UInt64(line.auditRefs.count))
        for audit in line.auditRefs {
            writer.signed(audit.id)
            writer.string(audit.occurredOn)
            optional(audit.score, &writer)
            writer.byte(audit.criticalFail ? 1 : 0)
            writer.string(audit.contentHash)
        }
        writer.varint(UInt64(line.feedbackRefs.count))
        for response in line.feedbackRefs {
            writer.signed(response.id)
            writer.string(response.occurredOn)
            writer.signed(Int64(response.nps ?? -1))
            writer.signed(Int64(response.csat ?? -1))
        }
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> IncentiveLine {
        var reader = ByteReader(bytes)
        let found = try reader.byte()
        guard found == version else { throw CodecError(.unknownVersion, "incentive line encoding version \(found), expected \(version)") }
        let agentID = try reader.string(), name = try reader.string(), team = try reader.string()
        let location = try optionalString(&reader)
        let eligible = try flag(&reader)
        let audits = try small(&reader)
        let mean = try optionalDouble(&reader)
        let micros = try reader.signed()
        let width = try optionalDouble(&reader)
        let critical = try small(&reader), positive = try small(&reader), negative = try small(&reader)
        let tier = try optionalString(&reader)
        let tierAmount = try reader.signed(), eventsAmount = try reader.signed()
        let capApplied = try flag(&reader)
        let total = try reader.signed()
        let explanation = try reader.string()
        var auditRefs: [IncentiveAudit] = []
        for _ in 0..<(try reader.count(maximum: 1_000_000, minimumBytesEach: 6)) {
            let id = try reader.signed(), occurredOn = try reader.string(), score = try optionalDouble(&reader)
            auditRefs.append(IncentiveAudit(id: id, occurredOn: occurredOn, score: score, criticalFail: try flag(&reader), contentHash: try reader.string()))
        }
        var feedbackRefs: [IncentiveFeedback] = []
        for _ in 0..<(try reader.count(maximum: 1_000_000, minimumBytesEach: 4)) {
            let id = try reader.signed(), occurredOn = try reader.string()
            let nps = try reader.signed(), csat = try reader.signed()
            guard (-1...10).contains(nps), (-1...5).contains(csat) else { throw CodecError(.valueOutOfRange, "a response value out of range (NPS \(nps), CSAT \(csat))") }
            feedbackRefs.append(IncentiveFeedback(id: id, occurredOn: occurredOn, nps: nps < 0 ? nil : Int(nps), csat: csat < 0 ? nil : Int(csat)))
        }
        try reader.finish()
        return IncentiveLine(agentID: agentID, name: name, team: team, location: location, eligible: eligible, audits: audits, meanScore: mean,
                             scoreMicrosSum: micros, confidenceWidth: width, criticalFailures: critical, positiveReviews: positive,
                             negativeReviews: negative, tier: tier, tierAmount: tierAmount, eventsAmount: eventsAmount, capApplied: capApplied,
                             total: total, explanation: explanation, auditRefs: auditRefs, feedbackRefs: feedbackRefs)
    }

    private static func optional(_ value: String?, _ writer: inout ByteWriter) {
        writer.byte(value == nil ? 0 : 1)
        if let value { writer.string(value) }
    }

    private static func optional(_ value: Double?, _ writer: inout ByteWriter) {
        writer.byte(value == nil ? 0 : 1)
        if let value { writer.double(value) }
    }

    private static func presence(_ reader: inout ByteReader) throws(CodecError) -> Bool {
        let byte = try reader.byte()
        guard byte <= 1 else { throw CodecError(.unknownTag, "presence byte \(byte), expected 0 or 1") }
        return byte == 1
    }

    private static func flag(_ reader: inout ByteReader) throws(CodecError) -> Bool { try presence(&reader) }

    private static func optionalString(_ reader: inout ByteReader) throws(CodecError) -> String? {
        try presence(&reader) ? try reader.string() : nil
    }

    private static func optionalDouble(_ reader: inout ByteReader) throws(CodecError) -> Double? {
        try presence(&reader) ? try reader.double() : nil
    }

    private static func small(_ reader: inout ByteReader) throws(CodecError) -> Int {
        let value = try reader.varint()
        guard let number = Int(exactly: value), number <= 100_000_000 else { throw CodecError(.valueOutOfRange, "count \(value) out of range") }
        return number
    }
}
