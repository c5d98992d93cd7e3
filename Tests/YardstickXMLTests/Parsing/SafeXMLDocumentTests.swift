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
}
