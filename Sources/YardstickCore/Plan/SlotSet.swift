/// A set of small integers (field, check or criterion slots) as a bitset. The first 128 slots live
/// inline, so the sets of a form's evaluation allocate nothing.
public struct SlotSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    /// Words for slots from 128 on, only for very large forms.
    private var rest: [UInt64] = []

    /// An empty set for slots `0..<capacity` (more may be inserted).
    public init(capacity: Int) {
        if capacity > 128 { rest.reserveCapacity((capacity - 128 + 63) / 64) }
    }

    public func contains(_ slot: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(slot & 63)
        switch slot {
        case ..<0: return false
        case ..<64: return low & bit != 0
        case ..<128: return high & bit != 0
        default:
            let word = (slot - 128) >> 6
            return word < rest.count && rest[word] & bit != 0
        }
    }

    public mutating func insert(_ slot: Int) {
        let bit: UInt64 = 1 << UInt64(slot & 63)
        switch slot {
        case ..<0: return
        case ..<64: low |= bit
        case ..<128: high |= bit
        default:
            let word = (slot - 128) >> 6
            if word >= rest.count { rest += Array(repeating: 0, count: word + 1 - rest.count) }
            rest[word] |= bit
        }
    }
}
