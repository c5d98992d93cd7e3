/// Packs each criterion's outcome in the order of the standard's criteria; with the standard it
/// gives back every earned and possible point without re-evaluating the form.
public enum ResultCodec {
    enum Tag: UInt8, CaseIterable {
        case notAssessed = 0, hidden, notApplicable, met, notMet, level
    }

    /// The outcomes of `criteria`, in their order; a criterion the form does not assess takes one byte.
    public static func encode(_ outcomes: [String: CriterionOutcome], criteria: [Criterion]) -> [UInt8] {
        encode(outcomes, criterionIDs: criteria.map(\.id))
    }

    /// The same, over the criterion ids alone.
    public static func encode(_ outcomes: [String: CriterionOutcome], criterionIDs: [String]) -> [UInt8] {
        var writer = ByteWriter(capacity: criterionIDs.count * 2 + 8)
        writer.varint(UInt64(criterionIDs.count))
        for id in criterionIDs { write(outcomes[id], to: &writer) }
        return writer.bytes
    }

    /// The outcomes by criterion slot, in slot order: the same bytes as the dictionary form gives
    /// over the standard's criteria.
    public static func encode(slots outcomes: [CriterionOutcome?]) -> [UInt8] {
        var writer = ByteWriter(capacity: outcomes.count * 2 + 8)
        writer.varint(UInt64(outcomes.count))
        for outcome in outcomes { write(outcome, to: &writer) }
        return writer.bytes
    }

    private static func write(_ outcome: CriterionOutcome?, to writer: inout ByteWriter) {
        switch outcome {
        case nil: writer.byte(Tag.notAssessed.rawValue)
        case .hidden?: writer.byte(Tag.hidden.rawValue)
        case .notApplicable?: writer.byte(Tag.notApplicable.rawValue)
        case .met(true)?: writer.byte(Tag.met.rawValue)
        case .met(false)?: writer.byte(Tag.notMet.rawValue)
        case let .level(level)?:
            writer.byte(Tag.level.rawValue)
            writer.signed(Int64(level))
        }
    }

    /// The outcomes that `encode` packed for the same `criteria`.
    /// - Throws: `CodecError` for another criterion count, an unknown tag, met / not met for a
    ///   scale criterion or a level for a yes-no one, a level outside Int32 or outside the
    ///   criterion's scale, truncation, or bytes after the last outcome.
    public static func decode(_ bytes: [UInt8], criteria: [Criterion]) throws(CodecError) -> [String: CriterionOutcome] {
        let slots = try decode(bytes, scales: criteria.map(\.scale), ids: criteria.map(\.id))
        var outcomes: [String: CriterionOutcome] = [:]
        outcomes.reserveCapacity(criteria.count)
        for (index, outcome) in slots.enumerated() { if let outcome { outcomes[criteria[index].id] = outcome } }
        return outcomes
    }

    /// The same outcomes in the order of the criteria whose scales (and ids, for messages) are
    /// given, nil where not assessed: no dictionary per audit (reports decode many).
    public static func decode(_ bytes: [UInt8], scales: [RatingScale], ids: [String]) throws(CodecError) -> [CriterionOutcome?] {
        var reader = ByteReader(bytes)
        let count = try reader.varint()
        guard count == UInt64(scales.count) else {
            throw CodecError(.countMismatch, "results hold \(count) criteria, the standard has \(scales.count)")
        }
        var outcomes: [CriterionOutcome?] = []
        outcomes.reserveCapacity(scales.count)
        for (index, scale) in scales.enumerated() {
            let id = index < ids.count ? ids[index] : "#\(index)"
            let offset = reader.offset
            let raw = try reader.byte()
            guard let tag = Tag(rawValue: raw) else {
                throw CodecError(.unknownTag, "unknown result tag \(raw) for '\(id)' at byte \(offset)")
            }
            switch (tag, scale) {
            case (.notAssessed, _): outcomes.append(nil)
            case (.hidden, _): outcomes.append(.hidden)
            case (.notApplicable, _): outcomes.append(.notApplicable)
            case (.met, .yesNo): outcomes.append(.met(true))
            case (.notMet, .yesNo): outcomes.append(.met(false))
            case let (.level, .range(minimum, maximum)):
                let stored = try reader.signed()
                // Compared without building a range: a range with inverted bounds would trap.
                guard let level = Int32(exactly: stored).map(Int.init), level >= minimum, level <= maximum else {
                    throw CodecError(.valueOutOfRange, "level \(stored) of '\(id)' at byte \(offset) lies outside its scale \(scale)")
                }
                outcomes.append(.level(level))
            case (.met, .range), (.notMet, .range), (.level, .yesNo):
                throw CodecError(.tagDoesNotFit, "the result of '\(id)' at byte \(offset) does not fit its scale \(scale)")
            }
        }
        try reader.finish()
        return outcomes
    }
}
