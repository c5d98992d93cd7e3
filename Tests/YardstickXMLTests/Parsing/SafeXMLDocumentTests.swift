import Testing
import YardstickCore
@testable import YardstickXML

struct SafeXMLDocumentTests {
    @Test func locatesElementsAndAttributesToTheColumn() throws {
        let text = """
        <form a="1">
          <x/><section   id="s1"
                 title="T"/>
          <!-- <section id="fake"/> -->
          <section id="s2" title="Ünïcode ok"/>
        </form>
        """
        let document = try SafeXMLDocument(bytes: Array(text.utf8))
        let sections = document.root?.children(named: "section") ?? []
        #expect(sections.count == 2)
        #expect(sections[0].anchor.element == SourceLocation(line: 2, column: 7))
        #expect(sections[0].anchor.at("id") == SourceLocation(line: 2, column: 18))
        #expect(sections[0].anchor.at("title") == SourceLocation(line: 3, column: 10))
        #expect(sections[1].anchor.at("title") == SourceLocation(line: 5, column: 20))
        #expect(sections[1].attribute("title") == "Ünïcode ok")
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let document = try SafeXMLDocument(bytes: Array("<a><!-- ååå --><b c=\"1\"/></a>".utf8))
        #expect(document.root?.children.first?.anchor.at("c") == SourceLocation(line: 1, column: 19))
    }

    @Test func reportsMalformedXMLWithLineAndColumn() {
        do {
            _ = try SafeXMLDocument(bytes: Array("<a>\n  <b>\n</a>".utf8))
            Issue.record("malformed XML was accepted")
        } catch {
            #expect(error.location.line == 3)
            #expect(error.message.lowercased().contains("mismatch"))
        }
    }

    @Test func refusesAnExternalDTDReference() {
        #expect(throws: XMLLoadError.self) {
            try SafeXMLDocument(bytes: Array("<?xml version=\"1.0\"?>\n<!DOCTYPE form SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<form/>".utf8))
        }
    }

    @Test func refusesAnUndeclaredEntity() {
        #expect(throws: XMLLoadError.self) { try SafeXMLDocument(bytes: Array("<a>&nope;</a>".utf8)) }
    }

    @Test func refusesAnOversizedFile() {
        #expect(throws: XMLLoadError.self) {
            try SafeXMLDocument(bytes: [UInt8](repeating: 0x20, count: SafeXMLDocument.maximumSize + 1))
        }
    }

    @Test func readsOwnTextApartFromChildText() throws {
        let document = try SafeXMLDocument(bytes: Array("<q>Which  one?\n <option value=\"a\">A</option></q>".utf8))
        #expect(document.root?.ownText == "Which one?")
        #expect(document.root?.text == "Which one? A")
    }

    // MARK: Limits and long lines

    /// The error `SafeXMLDocument` throws for `text`, or nil (recorded as an issue) when it parses.
    private func loadError(_ text: String) -> XMLLoadError? {
        do {
            _ = try SafeXMLDocument(bytes: Array(text.utf8))
            Issue.record("the document was accepted")
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesFiftyThousandAttributesAtTheFirstOneTooMany() {
        // Once took 21 s to refuse, in libxml2 and the schema validator; now the pre-pass stops at attribute 257.
        let attributes = (0..<50_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let error = loadError("<?xml version=\"1.0\"?>\n<form \(attributes)/>")
        let firstTooMany = "<form " + (0..<256).map { "a\($0)=\"x\" " }.joined()
        #expect(error?.location == SourceLocation(line: 2, column: firstTooMany.count + 1))
        #expect(error?.message == "<form> has more than 256 attributes; an element may have at most 256")
    }

    @Test func acceptsAsManyAttributesAsTheLimit() throws {
        let attributes = (0..<SafeXMLDocument.maximumAttributesPerElement).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let document = try SafeXMLDocument(bytes: Array("<form \(attributes)/>".utf8))
        #expect(document.root?.attributeNames.count == SafeXMLDocument.maximumAttributesPerElement)
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let limit = SafeXMLDocument.maximumDepth
        // Self-closing elements and closed siblings add no depth.
        let deepest = "<a>" + String(repeating: "<b/><c></c>", count: 3) + String(repeating: "<d>", count: limit - 1)
        _ = try SafeXMLDocument(bytes: Array((deepest + String(repeating: "</d>", count: limit - 1) + "</a>").utf8))
        let tooDeep = "<a>\n" + String(repeating: "<d>", count: limit) + String(repeating: "</d>", count: limit) + "</a>"
        let error = loadError(tooDeep)
        #expect(error?.location == SourceLocation(line: 2, column: 3 * (limit - 1) + 1))
        #expect(error?.message == "<d> is nested more than 64 elements deep; definition files may nest elements at most 64 deep")
    }

    @Test func refusesMoreElementsThanTheLimit() {
        let children = String(repeating: "<o/>\n", count: SafeXMLDocument.maximumElements)
        let error = loadError("<form>\n" + children + "</form>")
        #expect(error?.location == SourceLocation(line: SafeXMLDocument.maximumElements + 1, column: 1))
        #expect(error?.message.hasPrefix("the file has more than 100000 elements") == true)
    }

    @Test func refusesADoctypeBeforeCountingAttributes() {
        let attributes = (0..<300).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let error = loadError("<!DOCTYPE form [<!ENTITY e \"x\">]>\n<form \(attributes)/>")
        #expect(error?.message.contains("DOCTYPE declaration is not allowed") == true)
    }

    @Test func locatesElementsOnOneVeryLongLine() throws {
        // 40,000 options on one line: locating them once cost a walk from the line start each (34 s).
        let options = (0..<40_000).map { "<option value=\"v\($0)\">Option \($0)</option>" }
        let prefix = "<form id=\"f\">\n  <field id=\"choice\">"
        let document = try SafeXMLDocument(bytes: Array((prefix + options.joined() + "</field>\n</form>").utf8))
        let found = document.root?.child(named: "field")?.children(named: "option") ?? []
        #expect(found.count == 40_000)
        for index in [0, 1, 9_999, 27_183, 39_999] where index < found.count {
            let column = "  <field id=\"choice\">".count + options[..<index].reduce(0) { $0 + $1.count } + 1
            #expect(found[index].anchor.element == SourceLocation(line: 2, column: column))
            #expect(found[index].anchor.at("value") == SourceLocation(line: 2, column: column + "<option ".count))
        }
    }
}
