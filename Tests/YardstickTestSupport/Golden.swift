import Foundation

/// Golden files for rendered output: a change in any output is a visible diff in review.
/// `YARDSTICK_RECORD_GOLDENS=1` rewrites them; a missing golden is written and the check fails,
/// so every new golden is looked at once.
public enum Golden {
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    /// Compares `actual` with `Goldens/<name>` beside the calling test file.
    public static func check(_ actual: String, named name: String, testFile: String = #filePath) throws {
        let folder = (testFile as NSString).deletingLastPathComponent + "/Goldens"
        let path = folder + "/" + name
        let record = ProcessInfo.processInfo.environment["YARDSTICK_RECORD_GOLDENS"] == "1"
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            if record { return }
            throw Mismatch(description: "golden \(name) was missing and has been written; review it and run again")
        }
        guard expected == actual else {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
            let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
            throw Mismatch(description: "\(name) differs at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(YARDSTICK_RECORD_GOLDENS=1 re-records)")
        }
    }
}
