import Testing
@testable import YardstickCore

struct ByteReaderTests {
    enum Read {
        case varint, double, string
        case count(maximum: Int, minimumBytesEach: Int)
    }

    /// What reading `bytes` as one value of `read` throws; nil when it succeeds.
    func kind(_ read: Read, _ bytes: [UInt8]) -> CodecError.Kind? {
        var reader = ByteReader(bytes)
        do {
            switch read {
            case .varint: _ = try reader.varint()
            case .double: _ = try reader.double()
            case .string: _ = try reader.string()
            case let .count(maximum, each): _ = try reader.count(maximum: maximum, minimumBytesEach: each)
            }
            return nil
        } catch {
            return error.kind
        }
    }

    @Test(arguments: [UInt64(0), 1, 127, 128, 300, UInt64(UInt32.max), UInt64.max - 1, UInt64.max])
    func roundTripsVarints(_ value: UInt64) throws {
        var writer = ByteWriter()
        writer.varint(value)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.varint() == value)
        #expect(reader.isAtEnd)
    }

    @Test(arguments: [Int64.min, -1, 0, 1, Int64(Int32.max) + 1, Int64.max])
    func roundTripsSignedVarints(_ value: Int64) throws {
        var writer = ByteWriter()
        writer.signed(value)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.signed() == value)
    }

    @Test func refusesAVarintOfMoreThan64Bits() {
        // Ten bytes whose last carries more than the one remaining bit.
        #expect(kind(.varint, Array(repeating: 0xff, count: 9) + [0x02]) == .malformedVarint)
        #expect(kind(.varint, Array(repeating: 0xff, count: 11)) == .malformedVarint)
        #expect(kind(.varint, Array(repeating: 0xff, count: 9) + [0x01]) == nil)
    }

    @Test func refusesAnOverlongVarint() {
        #expect(kind(.varint, [0x80, 0x00]) == .malformedVarint)
        #expect(kind(.varint, [0x81, 0x80, 0x00]) == .malformedVarint)
        #expect(kind(.varint, [0x00]) == nil)
    }

    @Test func refusesAVarintCutShort() {
        #expect(kind(.varint, []) == .truncated)
        #expect(kind(.varint, [0x80]) == .truncated)
    }

    @Test func refusesADoubleCutShort() {
        #expect(kind(.double, [1, 2, 3, 4, 5, 6, 7]) == .truncated)
    }

    @Test func readsTextAndRefusesInvalidUTF8() throws {
        var writer = ByteWriter()
        writer.string("Grüße, 東京 👋")
        var reader = ByteReader(writer.bytes)
        #expect(try reader.string() == "Grüße, 東京 👋")
        #expect(kind(.string, [2, 0xc3, 0x28]) == .invalidText)
        #expect(kind(.string, [1, 0xff]) == .invalidText)
        // A surrogate half encoded as UTF-8 is not valid UTF-8 either.
        #expect(kind(.string, [3, 0xed, 0xa0, 0x80]) == .invalidText)
    }

    @Test func refusesATextLengthBeyondTheData() {
        #expect(kind(.string, [5, 0x61, 0x62]) == .truncated)
        // The largest length a varint can hold must not trap on the way to a comparison.
        #expect(kind(.string, Array(repeating: 0xff, count: 9) + [0x01]) == .truncated)
    }

    @Test func refusesCountsAboveTheMaximumOrBeyondTheData() {
        #expect(kind(.count(maximum: 10, minimumBytesEach: 1), [11] + Array(repeating: 0, count: 11)) == .implausibleCount)
        #expect(kind(.count(maximum: 10, minimumBytesEach: 4), [3, 0, 0, 0, 0]) == .implausibleCount)
        #expect(kind(.count(maximum: 10, minimumBytesEach: 4), Array(repeating: 0xff, count: 9) + [0x01]) == .implausibleCount)
        #expect(kind(.count(maximum: 10, minimumBytesEach: 4), [2] + Array(repeating: 0, count: 8)) == nil)
    }

    @Test func reportsBytesLeftAfterTheLastValue() throws {
        var reader = ByteReader([1, 2])
        _ = try reader.byte()
        #expect(throws: CodecError(.trailingBytes, "1 unexpected bytes after the last value, at byte 1")) { try reader.finish() }
        _ = try reader.byte()
        try reader.finish()
    }
}
