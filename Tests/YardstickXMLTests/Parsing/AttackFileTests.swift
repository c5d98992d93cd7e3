import Foundation
import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickXML

/// Every third-party attack file is refused, or parsed with nothing expanded and nothing fetched,
/// well within a second.
struct AttackFileTests {
    static let corpus: [String] = {
        var files = Repository.files(under: Repository.path("Tests/YardstickXMLTests/Fixtures/xml-attacks"), withExtension: ".xml")
        if let shared = Repository.sharedTestData {
            let bundled = Set(files.map { ($0 as NSString).lastPathComponent })
            files += Repository.files(under: shared + "/xml-attacks", withExtension: ".xml")
                .filter { !bundled.contains(($0 as NSString).lastPathComponent) }
        }
        return files
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count >= 26)
    }

    @Test(arguments: corpus)
    func refusesOrParsesInertly(_ path: String) throws {
        let bytes = try Repository.bytes(path)
        let started = Date()
        let outcome = DefinitionParser().parse(bytes, path: path)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 1.0, "took \(elapsed) s")
        let name = (path as NSString).lastPathComponent
        let declaresDoctype = String(decoding: bytes, as: UTF8.self).contains("<!DOCTYPE")
        if declaresDoctype {
            #expect(outcome.file == nil, "\(name) declares a DOCTYPE and must be refused")
            #expect(outcome.diagnostics.first?.message.contains("DOCTYPE declaration is not allowed") == true)
        } else {
            // No DOCTYPE: parsed, but as no Yardstick file, with nothing included from outside.
            #expect(outcome.diagnostics.hasErrors, "\(name) is no valid definition")
        }
    }

    @Test func neverReadsTheLocalFileAnXIncludeNames() throws {
        let path = Repository.path("Tests/YardstickXMLTests/Fixtures/xml-attacks/samples/xinclude_local_file.xml")
        let document = try SafeXMLDocument(bytes: try Repository.bytes(path))
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingWhitespace() ?? "\u{0}"
        #expect(document.root?.text.contains(hostname) == false)
        #expect(document.root?.children.first?.children.first?.name == "include")  // left as an inert element
    }

    @Test func refusesADoctypeBeforeReadingItsEntities() throws {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<standard>&c;</standard>"
        do {
            _ = try SafeXMLDocument(bytes: Array(bomb.utf8))
            Issue.record("the DOCTYPE was accepted")
        } catch {
            #expect(error.location.line == 2)
        }
    }
}
