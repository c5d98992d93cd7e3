/// Exact running counters of one criterion over a set of audits: how often it was assessed or N/A,
/// and its failures in integer units (1 per not-met yes-no; `max − level` per scale answer, out of
/// `max − min`), so failure rates are exact and sums never drift.
public struct CriterionCounters: Sendable, Hashable {
    public var assessed: Int64 = 0
    public var notApplicable: Int64 = 0
    public var failureUnits: Int64 = 0
    public var spanUnits: Int64 = 0

    public init() {}

    /// Not-met share; for scales, 1 − mean fraction (PRODUCT.md §6). Nil when never assessed.
    public var failureRate: Double? { spanUnits > 0 ? Double(failureUnits) / Double(spanUnits) : nil }

    public mutating func add(_ outcome: CriterionOutcome, criterion: Criterion, sign: Int64 = 1) {
        add(outcome, scale: criterion.scale, sign: sign)
    }

    /// The same from the criterion's scale alone (the import's hot path).
    public mutating func add(_ outcome: CriterionOutcome, scale: RatingScale, sign: Int64 = 1) {
        switch outcome {
        case .hidden, .notApplicable:
            notApplicable += sign
        case let .met(met):
            assessed += sign
            spanUnits += sign
            if !met { failureUnits += sign }
        case let .level(level):
            guard case let .range(minimum, maximum) = scale else { return }
            assessed += sign
            spanUnits += sign * Int64(maximum - minimum)
            failureUnits += sign * Int64(maximum - level)
        }
    }

    /// Wrapping sums: counters read from a damaged row must not stop the program (`verify` names the row).
    public static func += (lhs: inout CriterionCounters, rhs: CriterionCounters) {
        lhs.assessed &+= rhs.assessed
        lhs.notApplicable &+= rhs.notApplicable
        lhs.failureUnits &+= rhs.failureUnits
        lhs.spanUnits &+= rhs.spanUnits
    }

    /// The largest value a stored counter may hold: far beyond any real count, and small enough
    /// that adding two stored counters cannot overflow.
    public static let maximumStoredValue: Int64 = (1 << 62) - 1

    /// The most slots a stored set of counters may have.
    public static let maximumStoredSlots = 100_000

    /// Packs counters by slot (4 signed varints each).
    public static func encode(_ counters: [CriterionCounters]) -> [UInt8] {
        var writer = ByteWriter(capacity: counters.count * 6 + 4)
        writer.varint(UInt64(counters.count))
        for counter in counters {
            writer.signed(counter.assessed)
            writer.signed(counter.notApplicable)
            writer.signed(counter.failureUnits)
            writer.signed(counter.spanUnits)
        }
        return writer.bytes
    }

    /// The counters that `encode` packed. `plausible: false` reads sums that never left memory and
    /// may take audits away (negative), without the checks a stored row gets.
    /// - Throws: `CodecError` for a slot count above `maximumStoredSlots` or beyond what the bytes
    ///   can hold, a counter that is negative or above `maximumStoredValue`, failures or assessments
    ///   that exceed the span they are counted in (only these three when `plausible`), truncation,
    ///   or bytes after the last counter.
    public static func decode(_ bytes: [UInt8], plausible: Bool = true) throws(CodecError) -> [CriterionCounters] {
        var reader = ByteReader(bytes)
        // Each counter takes at least 4 bytes, one per varint.
        let count = try reader.count(maximum: maximumStoredSlots, minimumBytesEach: 4)
        var result: [CriterionCounters] = []
        result.reserveCapacity(count)
        for slot in 0..<count {
            let offset = reader.offset
            var counter = CriterionCounters()
            counter.assessed = try reader.signed()
            counter.notApplicable = try reader.signed()
            counter.failureUnits = try reader.signed()
            counter.spanUnits = try reader.signed()
            guard plausible else {
                result.append(counter)
                continue
            }
            let values = [counter.assessed, counter.notApplicable, counter.failureUnits, counter.spanUnits]
            guard values.allSatisfy({ $0 >= 0 && $0 <= maximumStoredValue }) else {
                throw CodecError(.valueOutOfRange, "counters of slot \(slot) at byte \(offset) are negative or implausibly large")
            }
            // Every assessment adds at least one unit of span, and no failure exceeds its span.
            guard counter.failureUnits <= counter.spanUnits, counter.assessed <= counter.spanUnits else {
                throw CodecError(.valueOutOfRange, "counters of slot \(slot) at byte \(offset) count more failures or assessments than their span")
            }
            result.append(counter)
        }
        try reader.finish()
        return result
    }
}
