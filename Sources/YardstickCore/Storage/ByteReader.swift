/// Reads what `ByteWriter` wrote. Every read checks bounds and form, so a damaged blob is a
/// `CodecError`, never a crash, and only the one canonical encoding of a value is accepted.
public struct ByteReader: Sendable {
    let bytes: [UInt8]
    /// Index of the next byte to read.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// How many bytes are left to read.
    public var remaining: Int { bytes.count - offset }

    /// The next raw byte.
    /// - Throws: `CodecError.Kind.truncated` at the end of the data.
    public mutating func byte() throws(CodecError) -> UInt8 {
        guard offset < bytes.count else { throw CodecError(.truncated, "truncated data at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next unsigned LEB128 varint.
    /// - Throws: `truncated`, or `malformedVarint` for more than 64 bits or an overlong encoding
    ///   (a trailing zero group), which `ByteWriter` never writes.
    public mutating func varint() throws(CodecError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        // 9 groups of 7 bits carry 63 bits; a 10th byte may only add the top bit.
        for group in 0..<10 {
            let next = try byte()
            if group == 9, next > 1 {
                throw CodecError(.malformedVarint, "malformed varint at byte \(start): more than 64 bits")
            }
            result |= UInt64(next & 0x7f) << UInt64(7 * group)
            if next & 0x80 == 0 {
                if group > 0, next == 0 {
                    throw CodecError(.malformedVarint, "malformed varint at byte \(start): overlong encoding")
                }
                return result
            }
        }
        throw CodecError(.malformedVarint, "malformed varint at byte \(start): more than 10 bytes")
    }

    /// The next zig-zag signed varint.
    public mutating func signed() throws(CodecError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// The next 8-byte double, as stored (it may be NaN or infinite; callers decide what they accept).
    public mutating func double() throws(CodecError) -> Double {
        guard remaining >= 8 else { throw CodecError(.truncated, "truncated number at byte \(offset)") }
        var bits: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(try byte()) << UInt64(shift) }
        return Double(bitPattern: bits)
    }

    /// The next length-prefixed UTF-8 text.
    /// - Throws: `truncated` when the length runs past the end, `invalidText` when the bytes are not UTF-8.
    public mutating func string() throws(CodecError) -> String {
        let start = offset
        let length = try varint()
        // Compared as UInt64 first, so a huge length cannot trap on the conversion.
        guard length <= UInt64(remaining), let count = Int(exactly: length) else {
            throw CodecError(.truncated, "truncated text at byte \(start): \(length) bytes announced, \(remaining) left")
        }
        guard let text = String(validating: bytes[offset..<(offset + count)], as: UTF8.self) else {
            throw CodecError(.invalidText, "text at byte \(start) is not valid UTF-8")
        }
        offset += count
        return text
    }

    /// The next element count, checked before anything is allocated for it.
    /// - Parameters:
    ///   - maximum: the largest count that is plausible at all.
    ///   - minimumBytesEach: the fewest bytes one element takes, so a count the data cannot hold is refused.
    /// - Throws: `implausibleCount` when the count exceeds either bound.
    public mutating func count(maximum: Int, minimumBytesEach: Int) throws(CodecError) -> Int {
        let start = offset
        let raw = try varint()
        let fitsInData = minimumBytesEach <= 0 || raw <= UInt64(remaining / minimumBytesEach)
        guard raw <= UInt64(max(0, maximum)), fitsInData, let count = Int(exactly: raw) else {
            throw CodecError(.implausibleCount, "implausible count \(raw) at byte \(start) (\(remaining) bytes follow)")
        }
        return count
    }

    /// Confirms that the last value has been read.
    /// - Throws: `trailingBytes` when bytes are left over, which a complete encoding never has.
    public func finish() throws(CodecError) {
        guard isAtEnd else { throw CodecError(.trailingBytes, "\(remaining) unexpected bytes after the last value, at byte \(offset)") }
    }
}
