import Testing
@testable import YardstickCore

struct RosterReaderTests {
    private func read(_ text: String) throws -> RosterReader {
        var parser = CSVParser()
        var reader = RosterReader(path: "roster.csv")
        try parser.feed(Array(text.utf8)) { reader.read($0) }
        try parser.finish { reader.read($0) }
        reader.finish()
        return reader
    }

    @Test func readsAgentsWithOptionalColumns() throws {
        let reader = try read("id,name,team,location,email,hired_on,active\nA1,Kari Nordmann,oslo,store-1,kari@example.com,2024-03-01,yes\nA2,Ola,oslo,,,,no\n")
        #expect(reader.problems.isEmpty)
        #expect(reader.agents == [
            Agent(id: "A1", name: "Kari Nordmann", teamID: "oslo", locationID: "store-1", email: "kari@example.com",
                  hiredOn: ISODate("2024-03-01"), isActive: true),
            Agent(id: "A2", name: "Ola", teamID: "oslo", isActive: false),
        ])
    }

    @Test func namesAShortRowWithItsRowNumber() throws {
        let reader = try read("id,name,team,location\nA1,Kari,oslo,s1\nA2,Ola\nA3,Per,bergen,s2\n")
        #expect(reader.problems.count == 1)
        #expect(reader.problems.first?.location == SourceLocation(line: 3, column: 3))
        #expect(reader.problems.first?.message.contains("2 fields, expected 4") == true)
    }

    @Test func reportsEveryBadCellNotJustTheFirst() throws {
        let reader = try read("id,name,team,location,hired_on\nA1,,oslo,s1,2024-13-01\nA1,Ola,,s1,\n")
        let messages = reader.problems.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages.count == 3)
        #expect(messages[0].hasPrefix("2:2 column 'name'"))
        #expect(messages[1].hasPrefix("2:5 column 'hired_on'"))
        #expect(messages[2].hasPrefix("3:3 column 'team'"))
    }

    @Test func reportsADuplicateIdAtItsSecondRow() throws {
        let reader = try read("id,name,team,location\nA1,Kari,oslo,\nA1,Ola,oslo,\n")
        #expect(reader.problems.map(\.message) == ["column 'id': agent 'A1' already appears in row 2"])
    }

    @Test func rejectsAHeaderWithUnknownOrMissingColumns() throws {
        let reader = try read("id,name,squad\nA1,Kari,oslo\n")
        #expect(reader.problems.count == 3)  // unknown 'squad', no 'team', no 'location'
        #expect(reader.agents.isEmpty)
    }

    @Test func rejectsAnEmptyFile() throws {
        #expect(try read("").problems.count == 1)
    }
}

extension RosterReaderTests {
    @Test func listsAtMostAHundredHeaderProblemsForAMillionUnknownColumns() throws {
        // A million unknown columns once printed 1,000,005 lines; the missing required columns stay listed.
        var reader = RosterReader(path: "roster.csv")
        reader.read(CSVParser.Record(row: 1, fields: ["id"] + (1...1_000_000).map { "x\($0)" }))
        reader.finish()
        let problems = reader.problems
        #expect(problems.count == RosterReader.headerProblemLimit + 1)
        #expect(problems.first?.message.hasPrefix("unknown column 'x1'; expected id, name") == true)
        #expect(problems.suffix(4).map(\.message.first) == ["t", "t", "t", "…"])
        #expect(problems.last?.message == "… and 999903 more problems with the header's columns, from this column on")
        #expect(problems.last?.location == SourceLocation(line: 1, column: 99))
    }

    @Test func reportsAColumnThatAppearsTwice() throws {
        let reader = try read("id,name,team,location,Name\nA1,Kari,oslo,s1,Kari\n")
        #expect(reader.problems.map(\.message) == ["column 'name' appears twice"])
        #expect(reader.problems.first?.location == SourceLocation(line: 1, column: 5))
    }

    @Test func keepsAThousandRowProblemsAndCountsTheRest() throws {
        let rows = (2...3_001).map { _ in "A1,,oslo,s1" }
        let reader = try read("id,name,team,location\n" + rows.joined(separator: "\n") + "\n")
        let problems = reader.problems
        #expect(problems.count == RosterReader.problemLimit + 1)
        #expect(problems.last?.message == "… and 2000 more problems in the file, from here on")
        #expect(problems.last?.location == SourceLocation(line: 1_002, column: 2))
    }
}
