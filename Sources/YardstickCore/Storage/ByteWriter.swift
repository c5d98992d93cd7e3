/// Appends compact binary values: unsigned LEB128 varints, zig-zag signed varints, doubles, strings.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    /// Appends one raw byte.
    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends `value` as an unsigned LEB128 varint in as few bytes as it needs (at most 10).
    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Appends `value` zig-zag encoded, so small negative numbers stay short.
    public mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    /// Appends the 8 bytes of `value`'s bit pattern, least significant first.
    public mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// Appends the UTF-8 length of `value`, then its UTF-8 bytes.
    public mutating func string(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
}
