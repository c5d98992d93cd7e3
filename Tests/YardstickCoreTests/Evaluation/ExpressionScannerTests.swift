import Testing
@testable import YardstickCore

struct ExpressionScannerTests {
    let scanner = ExpressionScanner()

    @Test func findsTheAnswerNamesAComparisonReads() {
        #expect(scanner.scan("held = 'yes' and longest_hold <= 60").names == ["held", "longest_hold"])
    }

    @Test func countsTokensAndEveryNameReferenceForTheWorkBound() {
        let scan = scanner.scan("held = 'yes' and (held = 'no' or not(longest_hold > 60))")
        // held = 'yes' and ( held = 'no' or not ( longest_hold > 60 ) )
        #expect(scan.tokenCount == 16)
        #expect(scan.nameReferenceCount == 3)
        #expect(!scan.usesPathSyntax)
        #expect(!scanner.scan(". >= 0 and . < 3600").usesPathSyntax)
        #expect(!scanner.scan("a * 2").usesPathSyntax)
    }

    @Test(arguments: ["/answers/held", "count(*) > 1", "held[. = 'yes']", "@id", "..", "a | b", "child::a", "text() = 'x'"])
    func spotsPathSyntax(_ source: String) {
        #expect(scanner.scan(source).usesPathSyntax)
    }

    @Test func readsOperatorWordsAsOperatorsAfterAValue() {
        let scan = scanner.scan("a and b or c div 2 mod d")
        #expect(scan.names == ["a", "b", "c", "d"])
    }

    @Test func readsAnOperatorWordWhereAValueIsExpectedAsAName() {
        // The trap the form check must catch: `a and and b` parses as an element named `and`.
        #expect(scanner.scan("a and and b").names == ["a", "and", "b"])
    }

    @Test func separatesFunctionsFromNames() {
        let scan = scanner.scan("string-length(call_id) >= 4 and not(contains(notes, 'x'))")
        #expect(scan.names == ["call_id", "notes"])
        #expect(scan.functions == ["string-length", "not", "contains"])
    }

    @Test func ignoresNamesInsideStringLiterals() {
        #expect(scanner.scan("visit_purpose = 'purchase and return'").names == ["visit_purpose"])
    }

    @Test func reportsVariablesPrefixedNamesAndTheContextItem() {
        let scan = scanner.scan(". > $limit and ns:q = 1 and @attribute = 2")
        #expect(scan.variables == ["limit"])
        #expect(scan.prefixedNames == ["ns:q"])
        #expect(scan.usesContextItem)
        #expect(scan.names.isEmpty)
    }

    @Test func treatsNumbersWithDecimalsAsNumbers() {
        let scan = scanner.scan("reply_hours <= 24.5 and .5 < x")
        #expect(scan.names == ["reply_hours", "x"])
        #expect(!scan.usesContextItem)
    }

    @Test func reportsAnUnterminatedLiteral() {
        #expect(scanner.scan("held = 'yes").lexicalError != nil)
    }

    @Test func treatsAStarAfterAValueAsMultiplication() {
        #expect(scanner.scan("a * b").names == ["a", "b"])
    }
}
