import Testing
@testable import YardstickCore

struct CriterionCountersTests {
    static let yesNo = Criterion(id: "GREET", categoryID: "c", title: "Greets", weight: 2)
    static let scale = Criterion(id: "EMPATHY", categoryID: "c", title: "Empathy", weight: 4, scale: .range(minimum: 0, maximum: 4))

    static var sample: [CriterionCounters] {
        var greet = CriterionCounters()
        greet.add(.met(true), criterion: yesNo)
        greet.add(.met(false), criterion: yesNo)
        greet.add(.hidden, criterion: yesNo)
        var empathy = CriterionCounters()
        empathy.add(.level(1), criterion: scale)
        empathy.add(.level(4), criterion: scale)
        return [greet, CriterionCounters(), empathy]
    }

    func kind(_ bytes: [UInt8]) -> CodecError.Kind? {
        do {
            _ = try CriterionCounters.decode(bytes)
            return nil
        } catch {
            return error.kind
        }
    }

    func blob(_ values: [Int64]) -> [UInt8] {
        var writer = ByteWriter()
        writer.varint(UInt64(values.count / 4))
        for value in values { writer.signed(value) }
        return writer.bytes
    }

    @Test func countsFailuresInUnitsOfTheScale() {
        let sample = Self.sample
        #expect(sample[0].failureRate == 0.5)
        #expect(sample[1].failureRate == nil)
        #expect(sample[2].failureRate == 3.0 / 8)
        #expect(sample[0].notApplicable == 1)
    }

    @Test func roundTripsCounters() throws {
        #expect(try CriterionCounters.decode(CriterionCounters.encode(Self.sample)) == Self.sample)
        #expect(try CriterionCounters.decode(CriterionCounters.encode([])) == [])
    }

    @Test func refusesEveryTruncatedPrefixOfAValidBlob() {
        let bytes = CriterionCounters.encode(Self.sample)
        for length in 0..<bytes.count {
            let kind = kind(Array(bytes[..<length]))
            // A cut inside the counters also leaves fewer bytes than the count needs.
            #expect(kind == .truncated || kind == .implausibleCount, "prefix of \(length) bytes")
            #expect(kind != nil)
        }
    }

    @Test func refusesBytesAfterTheLastCounter() {
        #expect(kind(CriterionCounters.encode(Self.sample) + [0]) == .trailingBytes)
    }

    @Test func refusesASlotCountTheDataCannotHoldOrAboveTheMaximum() {
        #expect(kind([0xff, 0xff, 0xff, 0xff, 0x0f]) == .implausibleCount)
        #expect(kind(Array(repeating: 0xff, count: 9) + [0x01]) == .implausibleCount)
        var writer = ByteWriter()
        writer.varint(UInt64(CriterionCounters.maximumStoredSlots + 1))
        #expect(kind(writer.bytes + Array(repeating: 0, count: 4 * (CriterionCounters.maximumStoredSlots + 1))) == .implausibleCount)
    }

    @Test func refusesNegativeOrImplausiblyLargeCounters() {
        #expect(kind(blob([-1, 0, 0, 0])) == .valueOutOfRange)
        #expect(kind(blob([0, 0, 0, CriterionCounters.maximumStoredValue + 1])) == .valueOutOfRange)
        #expect(kind(blob([0, 0, 0, .max])) == .valueOutOfRange)
        #expect(kind(blob([1, 0, 0, CriterionCounters.maximumStoredValue])) == nil)
    }

    @Test func refusesMoreFailuresOrAssessmentsThanTheirSpan() {
        #expect(kind(blob([1, 0, 2, 1])) == .valueOutOfRange)
        #expect(kind(blob([3, 0, 0, 2])) == .valueOutOfRange)
    }

    @Test func storedCountersCanBeAddedWithoutOverflow() throws {
        var total = try CriterionCounters.decode(blob([0, 0, 0, CriterionCounters.maximumStoredValue]))[0]
        total += try CriterionCounters.decode(blob([0, 0, 0, CriterionCounters.maximumStoredValue]))[0]
        #expect(total.spanUnits == 2 * CriterionCounters.maximumStoredValue)
    }

    @Test func randomBlobsAreRefusedOrDecodeToCountersThatReencodeIdentically() {
        var random = SeededRandom(seed: 7)
        let valid = CriterionCounters.encode(Self.sample)
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<random.integer(in: 0...24)).map { _ in UInt8(truncatingIfNeeded: random.next() % 4) }
            } else {
                bytes = valid
                bytes[random.integer(in: 0...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
            }
            guard let counters = try? CriterionCounters.decode(bytes) else { continue }
            #expect(CriterionCounters.encode(counters) == bytes, "\(bytes)")
        }
    }
}
