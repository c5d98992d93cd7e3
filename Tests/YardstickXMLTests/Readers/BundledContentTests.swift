import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickXML

/// The shipped standards, training catalogue, policy and forms: valid, complete and useful.
struct BundledContentTests {
    static let paths = Repository.files(under: Repository.path("standards"), withExtension: ".xml")
        + Repository.files(under: Repository.path("forms"), withExtension: ".xml")

    func parsedFiles() throws -> [DefinitionFile] {
        try Self.paths.compactMap { DefinitionParser().parse(try Repository.bytes($0), path: $0).file }
    }

    @Test func everyShippedFileChecksWithoutErrorsOrWarnings() throws {
        var diagnostics: [Diagnostic] = []
        var files: [DefinitionFile] = []
        for path in Self.paths {
            let outcome = DefinitionParser().parse(try Repository.bytes(path), path: path)
            diagnostics += outcome.diagnostics
            if let file = outcome.file { files.append(file) }
        }
        var catalog = ReferenceCatalog()
        catalog.add(files.map(\.definition))
        diagnostics += DefinitionValidator(catalog: catalog, compiler: XPathCompiler()).validate(files)
        #expect(diagnostics.map(\.description) == [])
        #expect(files.count == Self.paths.count)
        #expect(Set(files.map(\.definition.kind)) == Set(DefinitionKind.allCases))
    }

    @Test func theStandardsHaveEnoughCriteriaAndCategories() throws {
        let standards = try parsedFiles().compactMap { if case let .standard(s) = $0.definition { return s } else { return nil } }
        #expect(standards.map(\.id).sorted() == ["contact-centre", "store-visit"])
        #expect(standards.flatMap(\.criteria).count >= 30)
        #expect(standards.flatMap(\.categories).count >= 8)
        let criteria = standards.flatMap(\.criteria)
        #expect(criteria.allSatisfy { !$0.guidance.isEmpty && !$0.trainingModuleIDs.isEmpty })
        #expect(criteria.filter { if case .range = $0.scale { return true } else { return false } }.allSatisfy { !$0.levels.isEmpty })
        #expect(criteria.contains { $0.critical == .zeroAudit && $0.notApplicable == .never })
        #expect(Set(criteria.compactMap(\.critical)) == Set(CriticalPolicy.allCases))
        #expect(criteria.contains { $0.isBonus })
    }

    @Test func theTrainingCatalogueCoversEveryCriterionWithEveryFormat() throws {
        let files = try parsedFiles()
        let modules = files.flatMap { if case let .training(t) = $0.definition { return t.modules } else { return [] } }
        let linked = Set(files.flatMap { if case let .standard(s) = $0.definition { return s.criteria.flatMap(\.trainingModuleIDs) } else { return [] } })
        #expect(linked.isSubset(of: Set(modules.map(\.id))))
        #expect(Set(modules.map(\.format)) == Set(TrainingFormat.allCases))
        #expect(modules.allSatisfy { $0.minutes > 0 && !$0.description.isEmpty })
    }

    @Test func theFormsCoverEveryKindWithSkipLogicAndTimingChecks() throws {
        let forms = try parsedFiles().compactMap { if case let .form(f) = $0.definition { return f } else { return nil } }
        #expect(Set(forms.map(\.kind)) == Set(FormKind.allCases))
        let call = try #require(forms.first { $0.kind == .callReview })
        #expect(call.checks.contains { $0.criterionID == "HOLD-60S" && $0.met.source.contains("60") })
        #expect(call.questions.contains { $0.id == "warm_transfer" && $0.relevant != nil })
        #expect(call.questions.contains { $0.relevant?.source.contains("complaint") == true })
        let visit = try #require(forms.first { $0.kind == .mysteryShop })
        #expect(visit.checks.contains { $0.criterionID == "STORE-GREET-30S" })
        #expect(visit.sections.contains { $0.relevant?.source.contains("purchase") == true })
        for form in forms {
            #expect(form.questions.contains { $0.comment == .requiredIfNotMet }, "\(form.id) demands comments on not-met items")
            #expect(form.context.contains { $0.id == "occurred_on" && $0.type == .date })
        }
    }

    @Test func theSamplePolicyMatchesTheBenchmarkTiers() throws {
        let policy = try #require(try parsedFiles().compactMap { if case let .policy(p) = $0.definition { return p } else { return nil } }.first)
        #expect(policy.bonusTiers.map { ($0.minimumScore, $0.amount.minorUnits) }.elementsEqual([(95, 30000), (90, 15000)], by: ==))
        #expect(policy.penaltyTiers.first?.amount.minorUnits == -10000)
        #expect(policy.eligibility.minimumAudits == 3)
    }

    @Test func threeMistakesGiveThreeDiagnosticsAtTheirLines() throws {
        var text = try String(decoding: Repository.bytes(Repository.path("forms/call-review.xml")), as: UTF8.self)
        text = text.replacingOccurrences(of: "<question id=\"empathy\" type=\"scale\"", with: "<question id=\"empathy\" type=\"yes-no\"")
        text = text.replacingOccurrences(of: "relevant=\"held = 'yes'\" required=\"true\"", with: "relevant=\"helld = 'yes'\" required=\"true\"")
        text = text.replacingOccurrences(of: "met=\"longest_hold &lt;= 60\"", with: "met=\"longest_hold &lt;= = 60\"")
        let form = try #require(DefinitionParser().parse(Array(text.utf8), path: "bad.xml").file)
        let standards = try parsedFiles().filter { $0.definition.kind == .standard || $0.definition.kind == .training }
        var catalog = ReferenceCatalog()
        catalog.add(standards.map(\.definition))
        let diagnostics = DefinitionValidator(catalog: catalog, compiler: XPathCompiler()).validate([form])
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["35:28", "43:49", "48:57"])
    }

    @Test func aFlagNamingAnUnknownAnswerIsAnErrorAtItsAttribute() throws {
        var text = try String(decoding: Repository.bytes(Repository.path("forms/call-review.xml")), as: UTF8.self)
        text = text.replacingOccurrences(of: "<flag when=\"answer_wait &gt; call_length\"", with: "<flag when=\"answer_wiat &gt; call_length\"")
        let form = try #require(DefinitionParser().parse(Array(text.utf8), path: "bad.xml").file)
        #expect(form.definition.formFlags.count == 2)
        let standards = try parsedFiles().filter { $0.definition.kind == .standard || $0.definition.kind == .training }
        var catalog = ReferenceCatalog()
        catalog.add(standards.map(\.definition))
        let diagnostics = DefinitionValidator(catalog: catalog, compiler: XPathCompiler()).validate([form])
        #expect(diagnostics.count == 1 && diagnostics[0].message.contains("answer_wiat"), "\(diagnostics)")
        #expect(diagnostics.first?.location.line == 85, "\(diagnostics)")
    }
}

extension Definition {
    /// The consistency flags of a form definition.
    var formFlags: [ConsistencyFlag] { if case let .form(form) = self { return form.flags } else { return [] } }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
