import Foundation
import YardstickCore
import YardstickStore

/// Evidence files kept by SHA-256 in a folder beside the database (`<db>.evidence/ab/abcdef…`);
/// the stored name is only a label, so no name can escape the folder.
struct EvidenceStore {
    struct Evidence {
        var fileName: String
        var bytes: [UInt8]
        var sha256: String
    }

    static let maximumSize = 64 << 20

    let folder: String

    init(databasePath: String) { folder = databasePath + ".evidence" }

    static func read(_ path: String) throws -> Evidence {
        let bytes = try FileInput.read(path, limit: maximumSize)
        let name = (path as NSString).lastPathComponent
        return Evidence(fileName: name.isEmpty ? "evidence" : name, bytes: bytes, sha256: SHA256.hex(of: bytes))
    }

    /// Writes the files (once per content) and records them against audit `id`.
    func attach(_ evidence: [Evidence], to id: Int64, actor: String, store: Store, at timestamp: String) throws {
        for item in evidence {
            let path = location(of: item.sha256)
            if !FileManager.default.fileExists(atPath: path) {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(item.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            try store.database.run(
                "INSERT INTO attachment (audit_id, sha256, file_name, byte_count, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                id, item.sha256, item.fileName, item.bytes.count, actor, timestamp)
        }
    }

    /// The stored file for a content hash; the hash is checked to be hex so it cannot name another path.
    func location(of sha256: String) -> String {
        let safe = sha256.filter { $0.isHexDigit }
        return folder + "/" + String(safe.prefix(2)) + "/" + safe
    }
}
