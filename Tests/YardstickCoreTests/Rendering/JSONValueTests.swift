import Testing
@testable import YardstickCore

struct JSONValueTests {
    @Test func rendersKeysInTheirOrderAndEscapesStrings() {
        let value = JSONValue.object([("b", .integer(1)), ("a", .string("quote \" and \n line\u{1}"))])
        #expect(value.rendered(pretty: false) == #"{"b":1,"a":"quote \" and \n line\u0001"}"#)
    }

    @Test func rendersWholeNumbersWithoutAFractionAndNonFiniteAsNull() {
        #expect(JSONValue.array([.number(3), .number(2.5), .number(.nan)]).rendered(pretty: false) == "[3,2.5,null]")
    }

    @Test func indentsPrettyOutput() {
        #expect(JSONValue.object([("a", .array([.bool(true)]))]).rendered() == "{\n  \"a\": [\n    true\n  ]\n}")
    }

    @Test func alignsTableColumns() {
        var table = TextTable(headers: ["ID", "SCORE"], alignments: [.left, .right])
        table.append(["A1", "9.5"])
        table.append(["LONGER", "100"])
        #expect(table.rendered() == "ID      SCORE\n------  -----\nA1        9.5\nLONGER    100\n")
    }
}
