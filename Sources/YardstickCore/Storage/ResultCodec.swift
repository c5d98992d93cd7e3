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
        var writer = ByteWriter(capacity: criterionIDs.count + 8)
        writer.varint(UInt64(criterionIDs.count))
        for id in criterionIDs { write(outcomes[id], to: &writer) }
        return writer.bytes
    }

    /// The outcomes by criterion slot, in slot order: the same bytes as the dictionary form gives
    /// over the standard's criteria.
    public static func encode(slots outcomes: [CriterionOutcome?]) -> [UInt8] {
        var writer = ByteWriter(capacity: outcomes.count + 8)
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
        var reader = ByteReader(bytes)
        let count = try reader.varint()
        guard count == UInt64(criteria.count) else {
            throw CodecError(.countMismatch, "results hold \(count) criteria, the standard has \(criteria.count)")
        }
        var outcomes: [String: CriterionOutcome] = [:]
        outcomes.reserveCapacity(criteria.count)
        for criterion in criteria {
            let offset = reader.offset
            let raw = try reader.byte()
            guard let tag = Tag(rawValue: raw) else {
                throw CodecError(.unknownTag, "unknown result tag \(raw) for '\(criterion.id)' at byte \(offset)")
            }
            switch (tag, criterion.scale) {
            case (.notAssessed, _): continue
            case (.hidden, _): outcomes[criterion.id] = .hidden
            case (.notApplicable, _): outcomes[criterion.id] = .notApplicable
            case (.met, .yesNo): outcomes[criterion.id] = .met(true)
            case (.notMet, .yesNo): outcomes[criterion.id] = .met(false)
            case let (.level, .range(minimum, maximum)):
                let stored = try reader.signed()
                // Compared without building a range: a range with inverted bounds would trap.
                guard let level = Int32(exactly: stored).map(Int.init), level >= minimum, level <= maximum else {
                    throw CodecError(.valueOutOfRange, "level \(stored) of '\(criterion.id)' at byte \(offset) lies outside its scale \(criterion.scale)")
                }
                outcomes[criterion.id] = .level(level)
            case (.met, .range), (.notMet, .range), (.level, .yesNo):
                throw CodecError(.tagDoesNotFit, "the result of '\(criterion.id)' at byte \(offset) does not fit its scale \(criterion.scale)")
            }
        }
        try reader.finish()
        return outcomes
    }
}
