/// Stored bytes that do not decode: what is wrong with them, in words and as a kind.
public struct CodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of damage, for callers and tests that need to tell them apart.
    public enum Kind: Sendable, Hashable {
        /// The data ends before the value being read.
        case truncated
        /// A varint longer than 64 bits or encoded with more bytes than needed.
        case malformedVarint
        /// The leading version byte is not one this build writes.
        case unknownVersion
        /// A count larger than plausible or than the remaining bytes can hold.
        case implausibleCount
        /// A count that differs from the form's fields or the standard's criteria.
        case countMismatch
        /// A tag byte that names no kind of value.
        case unknownTag
        /// A valid tag for a value the field or criterion cannot hold (e.g. `yes` for a number).
        case tagDoesNotFit
        /// A NaN or infinite number.
        case nonFiniteNumber
        /// Text bytes that are not UTF-8.
        case invalidText
        /// A number outside the range its field or criterion allows.
        case valueOutOfRange
        /// A value in an encoding the encoder never chooses for it (a whole number as a double).
        case nonCanonical
        /// Bytes left over after the last value.
        case trailingBytes
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
