import Foundation

/// Paths inside the package, found from this file's location so tests run from any directory.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// The shared third-party test data beside the checkout (`../shared/testdata`), when present.
    public static var sharedTestData: String? {
        let candidate = (root as NSString).deletingLastPathComponent + "/shared/testdata"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    /// Every file below `folder`, sorted.
    public static func files(under folder: String, withExtension suffix: String? = nil) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            let full = folder + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue,
               suffix.map({ relative.hasSuffix($0) }) ?? true {
                result.append(full)
            }
        }
        return result.sorted()
    }

    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
