import Foundation
import YardstickApp

/// Files a command writes with `-o FILE`.
enum OutputFile {
    /// Writes `text` to `path` at once (atomically): a reader never sees half a file.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
