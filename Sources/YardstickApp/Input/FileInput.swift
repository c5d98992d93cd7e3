import Foundation

/// Reading input files: whole (with a size cap) for definitions, in chunks for CSV of any size.
/// Only regular files are read: a FIFO, a device or a folder is refused by name before any read
/// could block or run forever.
public enum FileInput {
    public static let chunkSize = 1 << 20

    /// An open handle on `path`, or an error that names the path and what is wrong with it.
    private static func open(_ path: String) throws -> FileHandle {
        var info = stat()
        guard lstat(path, &info) == 0 || stat(path, &info) == 0 else { throw InputError("\(path): no such file") }
        var target = info
        if (info.st_mode & S_IFMT) == S_IFLNK, stat(path, &target) != 0 { throw InputError("\(path): a symbolic link to nothing") }
        switch target.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputError("\(path): is a folder, expected a file")
        case S_IFIFO: throw InputError("\(path): is a named pipe (FIFO), expected a regular file")
        case S_IFCHR, S_IFBLK: throw InputError("\(path): is a device, expected a regular file")
        case S_IFSOCK: throw InputError("\(path): is a socket, expected a regular file")
        default: throw InputError("\(path): is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError("\(path): cannot be read (permission?)") }
        return handle
    }

    /// The size of the file at `path` in bytes; nil when it is unknown (a pipe, or nothing there).
    public static func size(of path: String) -> Int? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else { return nil }
        return size
    }

    /// The bytes of `path`, refusing files over `limit` bytes before reading them.
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let handle = try open(path)
        defer { try? handle.close() }
        let size = Self.size(of: path) ?? 0
        guard size <= limit else { throw InputError("\(path): \(size) bytes is larger than the \(limit)-byte limit for this kind of file") }
        var bytes: [UInt8] = []
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            bytes.append(contentsOf: chunk)
            guard bytes.count <= limit else { throw InputError("\(path): larger than the \(limit)-byte limit for this kind of file") }
        }
        return bytes
    }

    /// Hands `path`'s bytes to `body` in chunks, so memory does not grow with the file.
    public static func stream(_ path: String, _ body: (Data) throws -> Void) throws {
        let handle = try open(path)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            try body(chunk)
        }
    }

    /// Whether the file starts (after a byte-order mark and blank space) with `{`: JSON Lines, whatever its name.
    /// Throws like `read` for anything that is not a readable regular file.
    public static func looksLikeJSONLines(_ path: String) throws -> Bool {
        let handle = try open(path)
        defer { try? handle.close() }
        guard let head = try handle.read(upToCount: 4096) else { return false }
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }
}
