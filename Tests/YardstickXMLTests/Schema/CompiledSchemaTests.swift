import Testing
import YardstickCore
@testable import YardstickXML

struct CompiledSchemaTests {
    private let invalidTraining = "<training format=\"1\">\n  <module id=\"A\" title=\"T\" format=\"podcast\" minutes=\"30\">d</module>\n</training>"

    @Test(arguments: DefinitionKind.allCases)
    func compilesEachSchemaOnceAndReusesIt(_ kind: DefinitionKind) throws {
        guard case let .compiled(first) = CompiledSchema.schema(for: kind), case let .compiled(second) = CompiledSchema.schema(for: kind) else {
            Issue.record("the bundled \(kind.rawValue) schema does not compile")
            return
        }
        #expect(first === second)
    }

    @Test func givesTheSameDiagnosticsEveryTimeTheSchemaIsReused() {
        let first = DefinitionParser().parse(Array(invalidTraining.utf8), path: "t.xml").diagnostics
        #expect(first.count == 1)
        for _ in 0..<3 { #expect(DefinitionParser().parse(Array(invalidTraining.utf8), path: "t.xml").diagnostics == first) }
    }

    @Test func validatesFromSeveralTasksAtOnce() async {
        let expected = DefinitionParser().parse(Array(invalidTraining.utf8), path: "t.xml").diagnostics
        let text = invalidTraining
        let results = await withTaskGroup(of: [Diagnostic].self) { group in
            for _ in 0..<8 {
                group.addTask { DefinitionParser().parse(Array(text.utf8), path: "t.xml").diagnostics }
            }
            return await group.reduce(into: [[Diagnostic]]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}
