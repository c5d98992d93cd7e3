import Foundation

/// Reading input files: whole (with a size cap) for definitions, in chunks for CSV of any size.
enum FileInput {
    static let chunkSize = 1 << 20

    /// An open handle on `path`, or an error that names the path and what is wrong with it.
    private static func open(_ path: String) throws -> FileHandle {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError("\(path): no such file")
        }
        guard !isFolder.boolValue else { throw InputError("\(path): is a folder, expected a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError("\(path): cannot be read (permission?)") }
        return handle
    }

    /// The bytes of `path`, refusing files over `limit` bytes before reading them.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let handle = try open(path)
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limit else { throw InputError("\(path): \(size) bytes is larger than the \(limit)-byte limit for this kind of file") }
        var bytes: [UInt8] = []
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            bytes.append(contentsOf: chunk)
            guard bytes.count <= limit else { throw InputError("\(path): larger than the \(limit)-byte limit for this kind of file") }
        }
        return bytes
    }

    /// Hands `path`'s bytes to `body` in chunks, so memory does not grow with the file.
    static func stream(_ path: String, _ body: (Data) throws -> Void) throws {
        let handle = try open(path)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            try body(chunk)
        }
    }
}
