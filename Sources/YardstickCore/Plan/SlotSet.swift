/// A set of small integers (field, check or criterion slots) as a bitset: one word for most forms.
public struct SlotSet: Sendable, Hashable {
    private var words: [UInt64]

    /// An empty set for slots `0..<capacity`.
    public init(capacity: Int) { words = Array(repeating: 0, count: max(1, (capacity + 63) / 64)) }

    public func contains(_ slot: Int) -> Bool {
        let word = slot >> 6
        return word < words.count && words[word] & (1 << UInt64(slot & 63)) != 0
    }

    public mutating func insert(_ slot: Int) {
        let word = slot >> 6
        if word >= words.count { words += Array(repeating: 0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(slot & 63)
    }
}
