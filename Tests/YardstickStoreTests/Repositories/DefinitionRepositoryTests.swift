import Testing
import YardstickCore
import YardstickTestSupport
@testable import YardstickStore

struct DefinitionRepositoryTests {
    let folder = TemporaryFolder()

    func standardFile(weight: Double, extra: [Criterion] = []) -> DefinitionFile {
        let standard = Standard(id: "cc", version: "1", title: "CC", bands: [Band(label: "All", minimum: 0)], categories: [
            Category(id: "c", title: "C", criteria: [
                Criterion(id: "A", categoryID: "c", title: "A", weight: weight),
                Criterion(id: "B", categoryID: "c", title: "B", weight: 1, scale: .range(minimum: 0, maximum: 4)),
            ] + extra),
        ])
        return DefinitionFile(path: "cc.xml", sha256: SHA256.hex(of: "weight \(weight) \(extra.count)"), definition: .standard(standard))
    }

    @Test func storesSameContentOnceAndNewContentAsANewVersion() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        let first = try store.definitions.register(standardFile(weight: 2), content: [1], at: "t1")
        let again = try store.definitions.register(standardFile(weight: 2), content: [1], at: "t2")
        let changed = try store.definitions.register(standardFile(weight: 3), content: [2], at: "t3")
        guard case let .added(original, nil) = first, case let .unchanged(same) = again,
              case let .added(newer, previous?) = changed else {
            Issue.record("unexpected outcomes \(first) \(again) \(changed)")
            return
        }
        #expect(same.versionID == original.versionID)
        #expect(previous.versionID == original.versionID)
        #expect(try store.definitions.versions(kind: .standard, id: "cc").map(\.versionID) == [original.versionID, newer.versionID])
        #expect(try store.definitions.latest(kind: .standard, id: "cc")?.versionID == newer.versionID)
        #expect(try store.definitions.content(versionID: original.versionID) == [1])
    }

    @Test func keepsCriterionSlotsStableAcrossVersions() throws {
        let store = try Store(path: folder.file("y.db"), access: .create, at: "2026-11-23T09:00:00Z")
        _ = try store.definitions.register(standardFile(weight: 2), content: [1], at: "t1")
        _ = try store.definitions.register(
            standardFile(weight: 2, extra: [Criterion(id: "C", categoryID: "c", title: "C", weight: 1)]), content: [2], at: "t2")
        let slots = try store.database.query("SELECT criterion_id, slot FROM criterion_slot WHERE standard_id = 'cc' ORDER BY slot")
        #expect(slots.map { "\($0.string(0))=\($0.int(1))" } == ["A=0", "B=1", "C=2"])
        let criteria = try store.database.query("SELECT count(*) FROM standard_criterion GROUP BY standard_version_id ORDER BY standard_version_id")
        #expect(criteria.map { $0.int(0) } == [2, 3])
    }
}
