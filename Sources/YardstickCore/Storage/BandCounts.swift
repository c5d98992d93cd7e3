/// How many audits fell in each band, by label, kept with the running aggregates so a report shows
/// the band distribution without reading the audits. Labels stay in the order first seen.
public struct BandCounts: Sendable, Hashable {
    public private(set) var entries: [(label: String, count: Int64)] = []

    public init() {}

    public static func == (lhs: BandCounts, rhs: BandCounts) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.label == $1.label && $0.count == $1.count }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.label)
            hasher.combine(entry.count)
        }
    }

    /// The count of `label` (0 when absent).
    public subscript(label: String) -> Int64 { entries.first { $0.label == label }?.count ?? 0 }

    public mutating func add(_ label: String, _ count: Int64 = 1) {
        if let index = entries.firstIndex(where: { $0.label == label }) {
            entries[index].count &+= count
        } else {
            entries.append((label, count))
        }
    }

    public static func += (lhs: inout BandCounts, rhs: BandCounts) {
        for entry in rhs.entries { lhs.add(entry.label, entry.count) }
    }

    /// The same counts without the labels whose count is zero, sorted by label (a canonical form to compare).
    public var normalized: BandCounts {
        var result = BandCounts()
        for entry in entries.filter({ $0.count != 0 }).sorted(by: { $0.label < $1.label }) { result.add(entry.label, entry.count) }
        return result
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 8 + entries.count * 16)
        writer.varint(UInt64(entries.count))
        for entry in entries {
            writer.string(entry.label)
            writer.signed(entry.count)
        }
        return writer.bytes
    }

    /// - Throws: `CodecError` for truncated or trailing bytes.
    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> BandCounts {
        var reader = ByteReader(bytes)
        let count = try reader.count(maximum: 10_000, minimumBytesEach: 2)
        var result = BandCounts()
        for _ in 0..<count {
            let label = try reader.string()
            result.add(label, try reader.signed())
        }
        try reader.finish()
        return result
    }
}
