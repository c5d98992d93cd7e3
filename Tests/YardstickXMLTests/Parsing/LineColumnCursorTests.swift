import Testing
import YardstickCore
@testable import YardstickXML

struct LineColumnCursorTests {
    @Test func countsLinesAndCharactersGoingForward() {
        var cursor = LineColumnCursor(Array("ab\nçd\n\nxyz".utf8))
        #expect(cursor.location(of: 0) == SourceLocation(line: 1, column: 1))
        #expect(cursor.location(of: 1) == SourceLocation(line: 1, column: 2))
        #expect(cursor.location(of: 3) == SourceLocation(line: 2, column: 1))
        // "ç" is two bytes and one column.
        #expect(cursor.location(of: 5) == SourceLocation(line: 2, column: 2))
        #expect(cursor.location(of: 8) == SourceLocation(line: 4, column: 1))
        #expect(cursor.location(of: 10) == SourceLocation(line: 4, column: 3))
    }

    @Test func startsAgainForAnEarlierOffset() {
        var cursor = LineColumnCursor(Array("a\nbc".utf8))
        #expect(cursor.location(of: 3) == SourceLocation(line: 2, column: 2))
        #expect(cursor.location(of: 1) == SourceLocation(line: 1, column: 2))
    }

    @Test func stopsAtTheEndOfTheText() {
        var cursor = LineColumnCursor(Array("ab".utf8))
        #expect(cursor.location(of: 99) == SourceLocation(line: 1, column: 3))
    }
}
