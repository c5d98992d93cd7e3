import Foundation
import YardstickCore
import YardstickStore

/// An evidence file read for attaching: its name (a label only) and bytes.
public struct Evidence: Sendable {
    public var fileName: String
    public var bytes: [UInt8]
    public var sha256: String

    public init(fileName: String, bytes: [UInt8], sha256: String) {
        self.fileName = fileName
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// Evidence files kept by SHA-256 in a folder beside the database (`<db>.evidence/ab/abcdef…`);
/// the stored name is only a label, so no name can escape the folder. Files are written with the
/// database file's permissions, and only after the transaction that records them has committed.
public struct EvidenceStore {
    public static let maximumSize = 64 << 20

    let folder: String
    let databasePath: String

    public init(databasePath: String) {
        self.databasePath = databasePath
        folder = databasePath + ".evidence"
    }

    /// Reads an evidence file; symbolic links are refused (the stored copy would otherwise be of a
    /// file the auditor did not name, possibly one they may not share).
    public static func read(_ path: String) throws -> Evidence {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw InputError("\(path): no such file") }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            throw InputError("\(path) is a symbolic link; attach the file it points to by its own path")
        }
        let bytes = try FileInput.read(path, limit: maximumSize)
        let name = (path as NSString).lastPathComponent
        return Evidence(fileName: name.isEmpty ? "evidence" : name, bytes: bytes, sha256: SHA256.hex(of: bytes))
    }

    /// Records `evidence` against audit `auditID`; call inside the transaction, then `write` after it commits.
    public func record(_ evidence: [Evidence], auditID: Int64, context: AppContext) throws {
        for item in evidence {
            try context.store.attachments.add(auditID: auditID, sha256: item.sha256, fileName: item.fileName, byteCount: item.bytes.count,
                                              actor: context.actor.name, at: context.now)
        }
    }

    /// Writes the files (once per content) with the database file's permissions.
    public func write(_ evidence: [Evidence]) throws {
        let permissions = ((try? FileManager.default.attributesOfItem(atPath: databasePath))?[.posixPermissions] as? Int) ?? 0o600
        for item in evidence {
            let path = location(of: item.sha256)
            if FileManager.default.fileExists(atPath: path) { continue }
            let subfolder = (path as NSString).deletingLastPathComponent
            // Folders are searchable by whoever may read the database, nobody else.
            let folderPermissions = 0o700 | (permissions & 0o040 != 0 ? 0o050 : 0) | (permissions & 0o004 != 0 ? 0o005 : 0)
            for folder in [folder, subfolder] where !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: folderPermissions])
            }
            do {
                try Data(item.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: permissions & 0o666], ofItemAtPath: path)
            } catch {
                throw InputError("the evidence \(item.fileName) was recorded but its file could not be written to \(path) (\(error.localizedDescription)); attach it again")
            }
        }
    }

    /// The stored file for a content hash; the hash is checked to be hex so it cannot name another path.
    public func location(of sha256: String) -> String {
        let safe = sha256.filter { $0.isHexDigit }
        return folder + "/" + String(safe.prefix(2)) + "/" + safe
    }
}
