import Foundation
import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickXML

struct EmbeddedSchemasTests {
    @Test(arguments: DefinitionKind.allCases)
    func matchTheFilesInStandardsSchema(_ kind: DefinitionKind) throws {
        let file = try String(contentsOfFile: Repository.path("standards/schema/" + EmbeddedSchemas.fileName(for: kind)), encoding: .utf8)
        #expect(EmbeddedSchemas.text(for: kind) + "\n" == file, "run scripts/embed-schemas.sh")
    }
}

struct SchemaValidatorTests {
    func diagnostics(_ text: String) -> [Diagnostic] {
        DefinitionParser().parse(Array(text.utf8), path: "t.xml").diagnostics
    }

    @Test func pointsAtTheOffendingAttribute() {
        let found = diagnostics("""
        <training format="1">
          <module id="A" title="T" format="podcast" minutes="30">d</module>
        </training>
        """)
        #expect(found.map(\.description) == [
            "t.xml:2:28: error: Element 'module', attribute 'format': 'podcast' is not one of {'e-learning', 'workshop', 'coaching', 'shadowing'}",
        ])
    }

    @Test func reportsAMissingRequiredAttributeAtTheElement() {
        let found = diagnostics("<training format=\"1\">\n  <module id=\"A\" format=\"workshop\" minutes=\"30\">d</module>\n</training>")
        #expect(found.first?.location == SourceLocation(line: 2, column: 3))
        #expect(found.first?.message.contains("'title' is required") == true)
    }

    @Test func reportsAnUnexpectedElement() {
        let found = diagnostics("<training format=\"1\">\n  <lesson/>\n</training>")
        #expect(found.first?.location.line == 2)
        #expect(found.first?.message.contains("not expected") == true)
    }

    @Test func refusesAnotherFormatVersionAndUnknownRoots() {
        #expect(diagnostics("<form format=\"2\"/>").first?.message.contains("format=\"2\" is not supported") == true)
        #expect(diagnostics("<catalogue/>").first?.message.contains("is not a Yardstick definition") == true)
    }
}
