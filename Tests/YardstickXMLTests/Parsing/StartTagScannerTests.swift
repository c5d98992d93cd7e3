import Testing
@testable import YardstickXML

struct StartTagScannerTests {
    private let roomy = StartTagScanner.Limits(attributesPerElement: 10, depth: 10, elements: 100)

    @Test func findsStartTagsAndAttributesButNotThoseInCommentsOrCDATA() throws {
        let text = "<?xml version=\"1.0\"?><a x='1'><!-- <no/> --><![CDATA[<no/>]]><p:b y=\"2\" z=\"3\"/></a>"
        let tags = try StartTagScanner.scan(Array(text.utf8), limits: roomy)
        #expect(tags.map(\.localName) == ["a", "b"])
        #expect(tags[1].attributeOffsets.map(\.0) == ["y", "z"])
        #expect(tags[1].offset == Array(text.utf8).firstIndex(of: UInt8(ascii: "p")).map { $0 - 1 })
    }

    @Test func countsDepthOnlyForElementsThatStayOpen() throws {
        // Self-closing and closed siblings do not deepen the nesting of what follows them.
        let limits = StartTagScanner.Limits(attributesPerElement: 10, depth: 3, elements: 100)
        _ = try StartTagScanner.scan(Array("<a><b/><b /><c></c><c><d/></c><c><d/></c></a>".utf8), limits: limits)
        do {
            _ = try StartTagScanner.scan(Array("<a><c><d><e/></d></c></a>".utf8), limits: limits)
            Issue.record("expected the depth limit to be reported")
        } catch {
            #expect(error.offset == 9)
            #expect(error.message.hasPrefix("<e> is nested more than 3 elements deep"))
        }
    }

    @Test func reportsTheOffsetOfTheFirstAttributeTooMany() {
        let limits = StartTagScanner.Limits(attributesPerElement: 2, depth: 10, elements: 100)
        do {
            _ = try StartTagScanner.scan(Array("<a x=\"1\" y=\"2\" z=\"3\"/>".utf8), limits: limits)
            Issue.record("expected the limit to be reported")
        } catch {
            #expect(error.offset == 15)
            #expect(error.message == "<a> has more than 2 attributes; an element may have at most 2")
        }
    }

    @Test func reportsTheFirstElementTooMany() {
        let limits = StartTagScanner.Limits(attributesPerElement: 10, depth: 10, elements: 3)
        do {
            _ = try StartTagScanner.scan(Array("<a><b/><b/><b/></a>".utf8), limits: limits)
            Issue.record("expected the limit to be reported")
        } catch {
            #expect(error.offset == 11)
        }
    }
}
