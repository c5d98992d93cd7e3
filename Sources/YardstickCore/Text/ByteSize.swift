/// A number of bytes as a person reads it in a message: "16 MiB", "64 KiB", "300 bytes".
public struct ByteSize: Sendable, Hashable, CustomStringConvertible {
    public var bytes: Int

    public init(_ bytes: Int) { self.bytes = bytes }

    /// Whole MiB or KiB when the count is an exact multiple (limits are), otherwise bytes.
    public var description: String {
        let mebibyte = 1 << 20, kibibyte = 1 << 10
        if bytes >= mebibyte, bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
        if bytes >= kibibyte, bytes % kibibyte == 0 { return "\(bytes / kibibyte) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
