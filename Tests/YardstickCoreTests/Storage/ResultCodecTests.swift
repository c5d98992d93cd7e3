import Testing
@testable import YardstickCore

struct ResultCodecTests {
    static let criteria = [
        Criterion(id: "GREET", categoryID: "c", title: "Greets", weight: 2),
        Criterion(id: "EMPATHY", categoryID: "c", title: "Empathy", weight: 4, scale: .range(minimum: 0, maximum: 4)),
        Criterion(id: "TONE", categoryID: "c", title: "Tone", weight: 1, scale: .range(minimum: -2, maximum: 2)),
        Criterion(id: "HOLD", categoryID: "c", title: "Hold", weight: 3),
        Criterion(id: "RECORD", categoryID: "c", title: "Record", weight: 3),
        Criterion(id: "EXTRA", categoryID: "c", title: "Extra", weight: 1),
    ]
    static let sample: [String: CriterionOutcome] = [
        "GREET": .met(true), "EMPATHY": .level(3), "TONE": .level(-2), "HOLD": .hidden, "RECORD": .met(false),
    ]

    func kind(_ bytes: [UInt8], criteria: [Criterion] = ResultCodecTests.criteria) -> CodecError.Kind? {
        do {
            _ = try ResultCodec.decode(bytes, criteria: criteria)
            return nil
        } catch {
            return error.kind
        }
    }

    func level(_ value: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(1)
        writer.byte(ResultCodec.Tag.level.rawValue)
        writer.signed(value)
        return writer.bytes
    }

    @Test func roundTripsEveryOutcome() throws {
        var outcomes = Self.sample
        outcomes["EXTRA"] = .notApplicable
        let bytes = ResultCodec.encode(outcomes, criteria: Self.criteria)
        #expect(try ResultCodec.decode(bytes, criteria: Self.criteria) == outcomes)
    }

    @Test func refusesEveryTruncatedPrefixOfAValidBlob() {
        let bytes = ResultCodec.encode(Self.sample, criteria: Self.criteria)
        for length in 0..<bytes.count {
            #expect(kind(Array(bytes[..<length])) == .truncated, "prefix of \(length) bytes")
        }
    }

    @Test func refusesBytesAfterTheLastOutcomeAndAnotherCriterionCount() {
        let bytes = ResultCodec.encode(Self.sample, criteria: Self.criteria)
        #expect(kind(bytes + [0]) == .trailingBytes)
        #expect(kind(bytes, criteria: Array(Self.criteria.dropFirst())) == .countMismatch)
    }

    @Test func refusesAnUnknownTag() {
        #expect(kind([1, 6], criteria: [Self.criteria[0]]) == .unknownTag)
    }

    @Test func refusesOutcomesThatDoNotFitTheCriterionsScale() {
        #expect(kind(level(1), criteria: [Self.criteria[0]]) == .tagDoesNotFit)
        #expect(kind([1, ResultCodec.Tag.met.rawValue], criteria: [Self.criteria[1]]) == .tagDoesNotFit)
        #expect(kind([1, ResultCodec.Tag.notMet.rawValue], criteria: [Self.criteria[1]]) == .tagDoesNotFit)
    }

    @Test func refusesLevelsOutsideTheScaleOrInt32() throws {
        let empathy = [Self.criteria[1]]
        #expect(kind(level(5), criteria: empathy) == .valueOutOfRange)
        #expect(kind(level(-1), criteria: empathy) == .valueOutOfRange)
        #expect(kind(level(Int64(Int32.max) + 1), criteria: empathy) == .valueOutOfRange)
        #expect(kind(level(.min), criteria: empathy) == .valueOutOfRange)
        #expect(try ResultCodec.decode(level(4), criteria: empathy) == ["EMPATHY": .level(4)])
    }

    @Test func refusesALevelOfACriterionWithInvertedBoundsWithoutTrapping() {
        let inverted = Criterion(id: "BAD", categoryID: "c", title: "Bad", weight: 1, scale: .range(minimum: 4, maximum: 0))
        #expect(kind(level(2), criteria: [inverted]) == .valueOutOfRange)
    }

    @Test func randomBlobsAreRefusedOrDecodeToOutcomesThatReencodeIdentically() {
        var random = SeededRandom(seed: 42)
        let valid = ResultCodec.encode(Self.sample, criteria: Self.criteria)
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = [UInt8(Self.criteria.count)]
                for _ in 0..<random.integer(in: 0...16) { bytes.append(UInt8(truncatingIfNeeded: random.next() % 8)) }
            } else {
                bytes = valid
                bytes[random.integer(in: 0...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
            }
            guard let outcomes = try? ResultCodec.decode(bytes, criteria: Self.criteria) else { continue }
            #expect(ResultCodec.encode(outcomes, criteria: Self.criteria) == bytes, "\(bytes)")
        }
    }
}
