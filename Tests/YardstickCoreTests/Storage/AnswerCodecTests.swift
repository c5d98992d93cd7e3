import Testing
@testable import YardstickCore

struct AnswerCodecTests {
    /// One field of every type, in a fixed order.
    static let fields: [FormField] = AnswerType.allCases.map { type in
        FormField(id: "f_\(type.rawValue)", type: type, criterionID: type == .scale ? "S" : nil)
    }

    static func field(_ type: AnswerType) -> FormField { FormField(id: "x", type: type) }

    static let sample: [String: AnswerValue] = [
        "f_yes-no": .yes, "f_scale": .number(3), "f_integer": .number(-42), "f_number": .number(12.5),
        "f_duration": .number(3723), "f_date": .text("2026-03-02"), "f_time": .text("09:05"),
        "f_text": .text("Grüße — \"quoted\" <x>&amp;</x> 👋"), "f_choice": .notApplicable, "f_multi-choice": .text("billing refund"),
    ]

    func kind(_ bytes: [UInt8], fields: [FormField] = AnswerCodecTests.fields) -> CodecError.Kind? {
        do {
            _ = try AnswerCodec.decode(bytes, fields: fields)
            return nil
        } catch {
            return error.kind
        }
    }

    /// A blob of one answer stored with `tag` and `payload`, for a form with the single field `field`.
    func blob(_ tag: AnswerCodec.Tag, _ payload: [UInt8] = []) -> [UInt8] {
        [AnswerCodec.version, 1, tag.rawValue] + payload
    }

    func double(_ value: Double) -> [UInt8] {
        var writer = ByteWriter()
        writer.double(value)
        return writer.bytes
    }

    func signed(_ value: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.signed(value)
        return writer.bytes
    }

    @Test func roundTripsAnswersOfEveryType() throws {
        let bytes = AnswerCodec.encode(Self.sample, fields: Self.fields)
        #expect(try AnswerCodec.decode(bytes, fields: Self.fields) == Self.sample)
    }

    @Test(arguments: [0.1, -0.5, 1e15, -1e15, 1e300, .leastNonzeroMagnitude, 999_999_999_999_999, -999_999_999_999_999])
    func roundTripsNumbersAtTheEdgesOfBothEncodings(_ value: Double) throws {
        let field = Self.field(.number)
        let bytes = AnswerCodec.encode(["x": .number(value)], fields: [field])
        #expect(try AnswerCodec.decode(bytes, fields: [field]) == ["x": .number(value)])
    }

    @Test func roundTripsAnEmptyForm() throws {
        #expect(try AnswerCodec.decode(AnswerCodec.encode([:], fields: []), fields: []) == [:])
    }

    @Test func refusesEveryTruncatedPrefixOfAValidBlob() {
        let bytes = AnswerCodec.encode(Self.sample, fields: Self.fields)
        for length in 0..<bytes.count {
            #expect(kind(Array(bytes[..<length])) == .truncated, "prefix of \(length) bytes")
        }
    }

    @Test func refusesBytesAfterTheLastAnswer() {
        #expect(kind(AnswerCodec.encode(Self.sample, fields: Self.fields) + [0]) == .trailingBytes)
    }

    @Test func refusesAnotherVersionOrFieldCount() {
        var bytes = AnswerCodec.encode(Self.sample, fields: Self.fields)
        bytes[0] = 2
        #expect(kind(bytes) == .unknownVersion)
        #expect(kind(AnswerCodec.encode(Self.sample, fields: Self.fields), fields: Array(Self.fields.dropLast())) == .countMismatch)
        // A count no form can have is a mismatch, not a trap.
        #expect(kind([AnswerCodec.version] + Array(repeating: 0xff, count: 9) + [0x01]) == .countMismatch)
    }

    @Test func refusesAnUnknownTag() {
        #expect(kind([AnswerCodec.version, 1, 7], fields: [Self.field(.text)]) == .unknownTag)
        #expect(kind([AnswerCodec.version, 1, 0xff], fields: [Self.field(.text)]) == .unknownTag)
    }

    @Test(arguments: [
        (AnswerType.integer, AnswerCodec.Tag.yes), (.number, .no), (.duration, .text), (.scale, .yes),
        (.yesNo, .text), (.yesNo, .integer), (.yesNo, .real),
        (.text, .integer), (.date, .yes), (.time, .real), (.choice, .no), (.multiChoice, .integer),
    ])
    func refusesATagThatDoesNotFitTheFieldType(_ type: AnswerType, _ tag: AnswerCodec.Tag) {
        let payload: [UInt8]
        switch tag {
        case .integer: payload = signed(3)
        case .real: payload = double(2.5)
        case .text: payload = [1, 0x61]
        default: payload = []
        }
        #expect(kind(blob(tag, payload), fields: [Self.field(type)]) == .tagDoesNotFit)
    }

    @Test(arguments: AnswerType.allCases)
    func acceptsNotApplicableAndUnansweredForEveryType(_ type: AnswerType) throws {
        #expect(try AnswerCodec.decode(blob(.notApplicable), fields: [Self.field(type)]) == ["x": .notApplicable])
        #expect(try AnswerCodec.decode(blob(.unanswered), fields: [Self.field(type)]) == [:])
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func refusesANonFiniteNumber(_ value: Double) {
        #expect(kind(blob(.real, double(value)), fields: [Self.field(.number)]) == .nonFiniteNumber)
    }

    @Test func refusesAWholeNumberStoredAsADouble() {
        #expect(kind(blob(.real, double(12)), fields: [Self.field(.number)]) == .nonCanonical)
        #expect(kind(blob(.real, double(-0.0)), fields: [Self.field(.number)]) == .nonCanonical)
    }

    @Test func refusesAnIntegerBeyondTheIntegerEncoding() {
        #expect(kind(blob(.integer, signed(1_000_000_000_000_000)), fields: [Self.field(.number)]) == .valueOutOfRange)
        #expect(kind(blob(.integer, signed(.min)), fields: [Self.field(.integer)]) == .valueOutOfRange)
    }

    @Test func refusesAFractionForAWholeNumberType() {
        for type in [AnswerType.integer, .duration, .scale] {
            #expect(kind(blob(.real, double(2.5)), fields: [Self.field(type)]) == .valueOutOfRange, "\(type)")
        }
    }

    @Test func refusesAScaleLevelBeyondInt32() throws {
        #expect(kind(blob(.integer, signed(Int64(Int32.max) + 1)), fields: [Self.field(.scale)]) == .valueOutOfRange)
        #expect(kind(blob(.real, double(1e300)), fields: [Self.field(.scale)]) == .valueOutOfRange)
        #expect(try AnswerCodec.decode(blob(.integer, signed(Int64(Int32.min))), fields: [Self.field(.scale)]) == ["x": .number(Double(Int32.min))])
    }

    @Test func refusesTextThatIsNotUTF8() {
        #expect(kind(blob(.text, [2, 0xc0, 0xaf]), fields: [Self.field(.text)]) == .invalidText)
    }

    @Test func flippedBytesAreRefusedOrDecodeToAnswersThatReencodeIdentically() {
        let bytes = AnswerCodec.encode(Self.sample, fields: Self.fields)
        for index in bytes.indices {
            for mask: UInt8 in [0x01, 0x02, 0x10, 0x80, 0xff] {
                var damaged = bytes
                damaged[index] ^= mask
                expectRefusedOrCanonical(damaged)
            }
        }
    }

    @Test func randomBlobsAreRefusedOrDecodeToAnswersThatReencodeIdentically() {
        var random = SeededRandom(seed: 0x5EED_A11)
        let valid = AnswerCodec.encode(Self.sample, fields: Self.fields)
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // A valid header keeps most blobs past the first checks, into the answers.
                bytes = [AnswerCodec.version, UInt8(Self.fields.count)]
                for _ in 0..<random.integer(in: 0...40) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            } else {
                bytes = valid
                for _ in 0..<random.integer(in: 1...4) {
                    bytes[random.integer(in: 0...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            expectRefusedOrCanonical(bytes)
        }
    }

    func expectRefusedOrCanonical(_ bytes: [UInt8]) {
        guard let answers = try? AnswerCodec.decode(bytes, fields: Self.fields) else { return }
        #expect(AnswerCodec.encode(answers, fields: Self.fields) == bytes, "\(bytes)")
    }
}
