import Testing
@testable import YardstickCore

struct ReferenceWorkloadTests {
    func rows(_ workload: ReferenceWorkload) throws -> [[String]] {
        var bytes: [UInt8] = []
        try workload.writeAudits(chunkBytes: 4096) { bytes += $0 }
        var parser = CSVParser()
        var rows: [[String]] = []
        try parser.feed(bytes) { rows.append($0.fields) }
        try parser.finish { rows.append($0.fields) }
        return rows
    }

    @Test func writesTheSameBytesForTheSameSeed() throws {
        var first: [UInt8] = [], second: [UInt8] = [], other: [UInt8] = []
        try ReferenceWorkload(audits: 300).writeAudits { first += $0 }
        try ReferenceWorkload(audits: 300).writeAudits(chunkBytes: 100) { second += $0 }
        try ReferenceWorkload(audits: 300, seed: 2).writeAudits { other += $0 }
        #expect(first == second)
        #expect(first != other)
    }

    @Test func answersAsTheBenchmarkSays() throws {
        let rows = try rows(ReferenceWorkload(audits: 20_000, months: 24))
        #expect(rows[0] == ["external_id", "agent", "auditor", "occurred_on"] + (1...40).map { $0 < 10 ? "q0\($0)" : "q\($0)" })
        #expect(rows.count == 20_001)
        let yesNo = rows.dropFirst().flatMap { $0[4..<34] }
        let share = { (value: String) in Double(yesNo.filter { $0 == value }.count) / Double(yesNo.count) }
        #expect(abs(share("yes") - 0.86) < 0.01 && abs(share("no") - 0.10) < 0.01 && abs(share("na") - 0.045) < 0.01)
        let months = Set(rows.dropFirst().map { $0[3].prefix(7) })
        #expect(months.count == 24 && months.contains("2026-10") && months.contains("2024-11"))
        #expect(Set(rows.dropFirst().map { $0[1] }).count > 1900)
        #expect(rows.dropFirst().allSatisfy { ISODate($0[3]) != nil })
    }

    @Test func describesFortyCriteriaInSixCategoriesWithThreeThatZeroTheAudit() {
        let standard = ReferenceWorkload().standardXML
        #expect(standard.components(separatedBy: "<criterion ").count - 1 == 40)
        #expect(standard.components(separatedBy: "<category ").count - 1 == 6)
        #expect(standard.components(separatedBy: "scale=\"0-4\"").count - 1 == 10)
        #expect(standard.components(separatedBy: "critical=\"zero-audit\"").count - 1 == 3)
        #expect(ReferenceWorkload().formXML.components(separatedBy: "<question ").count - 1 == 40)
    }
}
