import Foundation
import YardstickCore

/// How a CSV file is to be read: separator and text encoding, as chosen on the command line or
/// detected from the file.
public struct CSVOptions: Sendable, Hashable {
    /// The text encodings spreadsheets in the customers' countries save.
    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    /// The separator, or nil to take it from a `sep=` first line or detect it from the header row.
    public var separator: UInt8?
    public var encoding: Encoding

    public init(separator: UInt8? = nil, encoding: Encoding = .utf8) {
        self.separator = separator
        self.encoding = encoding
    }

    /// `,` `;` `tab` (or `\t`) as typed after `--delimiter`; nil for anything else.
    public static func separator(named text: String) -> UInt8? {
        switch text.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "tab", "\\t", "\t": return 0x09
        default: return nil
        }
    }
}

/// What was seen while reading, for messages about a header that does not parse.
public struct CSVFormat: Sendable, Hashable {
    public var separator: UInt8
    /// Where the separator came from: "--delimiter", "the sep= line" or "detected from the header row".
    public var source: String

    /// "the header was split at each semicolon (detected from the header row); …".
    public var hint: String {
        "the header was split at each \(CSVParser.name(of: separator).dropFirst(2)) (\(source)); if that is not the file's separator, choose it with --delimiter ',' ';' or tab"
    }
}

/// Reads a CSV file as Excel saves it in Norway, Germany and Sweden: `,` `;` or tab separators
/// (a `sep=` first line, else detected from the header row, else `--delimiter`), UTF-8 with or
/// without BOM, or Windows-1252 when asked. A file that is not valid UTF-8 is refused with a
/// message that says how to read it, never mis-read.
public enum CSVInput {
    /// Streams the records of `path` to `emit`; returns the format it read the file with.
    /// - Parameter seen: told the format before the first record.
    @discardableResult
    public static func stream(_ path: String, options: CSVOptions, seen: (CSVFormat) -> Void = { _ in },
                              emit: (CSVParser.Record) throws -> Void) throws -> CSVFormat {
        try streamSpans(path, options: options, seen: seen) { view in try emit(try CSVParser.texts(of: view)) }
    }

    /// The same with each record as byte spans (valid during `emit` only): the bulk import's path.
    /// The bytes are UTF-8 already (checked, or mapped from Windows-1252), so a span of a text
    /// field decodes without another check.
    @discardableResult
    public static func streamSpans(_ path: String, options: CSVOptions, seen: (CSVFormat) -> Void = { _ in },
                                   emit: (CSVParser.RecordView) throws -> Void) throws -> CSVFormat {
        var parser: CSVParser?
        var format = CSVFormat(separator: UInt8(ascii: ","), source: "the default")
        var head: [UInt8] = []
        var decoder = TextDecoder(encoding: options.encoding, path: path)
        func start(_ bytes: [UInt8]) throws {
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            if let (separator, rest) = sepLine(body) {
                format = CSVFormat(separator: separator, source: "the sep= line")
                body = rest
            }
            if let separator = options.separator {
                format = CSVFormat(separator: separator, source: "--delimiter")
            } else if format.source != "the sep= line" {
                format = CSVFormat(separator: detect(body), source: "detected from the header row")
            }
            seen(format)
            var fresh = CSVParser(separator: format.separator)
            try fresh.feedSpans(body, emit: emit)
            parser = fresh
        }
        try FileInput.stream(path) { chunk in
            let text = try decoder.decode(Array(chunk), final: false)
            if parser == nil {
                head += text
                // The header row decides the separator: wait for its end (or 64 KiB).
                guard head.contains(0x0A) || head.contains(0x0D) || head.count >= 64 << 10 else { return }
                try start(head)
                head = []
            } else {
                try parser?.feedSpans(text, emit: emit)
            }
        }
        let rest = try decoder.decode([], final: true)
        if parser == nil { try start(head + rest) } else { try parser?.feedSpans(rest, emit: emit) }
        try parser?.finishSpans(emit: emit)
        return format
    }

    /// A first line `sep=;` (Excel's way of naming the separator) and what follows it.
    static func sepLine(_ bytes: ArraySlice<UInt8>) -> (UInt8, ArraySlice<UInt8>)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count >= 5, Array(bytes.prefix(4)).map({ $0 | 0x20 }) == prefix.map({ $0 | 0x20 }) else { return nil }
        let separator = bytes[bytes.startIndex + 4]
        var rest = bytes.dropFirst(5)
        guard rest.isEmpty || rest.first == 0x0A || rest.first == 0x0D else { return nil }
        if rest.first == 0x0D { rest = rest.dropFirst() }
        if rest.first == 0x0A { rest = rest.dropFirst() }
        return (separator, rest)
    }

    /// The most frequent of `,` `;` and tab outside quotes in the first line; a comma when none occurs.
    static func detect(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if !quoted && (byte == 0x0A || byte == 0x0D) { break }
            if !quoted, counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0
        let best = counts.max { ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0) }
        guard let best, best.value > comma else { return UInt8(ascii: ",") }
        return best.key
    }
}

/// Turns the file's bytes into UTF-8: checks UTF-8 (across chunk boundaries), or maps Windows-1252.
struct TextDecoder {
    let encoding: CSVOptions.Encoding
    let path: String
    private var carry: [UInt8] = []
    private var offset = 0
    private var lines = 1

    init(encoding: CSVOptions.Encoding, path: String) {
        self.encoding = encoding
        self.path = path
    }

    mutating func decode(_ chunk: [UInt8], final: Bool) throws -> [UInt8] {
        switch encoding {
        case .utf8: return try validateUTF8(chunk, final: final)
        case .windows1252: return try Self.windows1252(chunk, path: path)
        }
    }

    private mutating func validateUTF8(_ chunk: [UInt8], final: Bool) throws -> [UInt8] {
        var bytes = carry + chunk
        carry = []
        if !final {
            // Keep an incomplete multi-byte sequence at the end for the next chunk.
            var cut = bytes.count
            var back = 0
            while cut > 0, back < 4, bytes[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
            if cut > 0, bytes[cut - 1] >= 0xC0 {
                let lead = bytes[cut - 1]
                let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if back + 1 < needed {
                    carry = Array(bytes[(cut - 1)...])
                    bytes.removeLast(carry.count)
                }
            }
        }
        guard String(validating: bytes, as: UTF8.self) == nil else {
            offset += bytes.count
            lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return bytes
        }
        var line = lines
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil else {
                throw InputError("\(path):\(line):1: byte \(offset + index) (0x\(String(byte, radix: 16, uppercase: true))) is not UTF-8; the file looks like Windows-1252 (Excel's plain \"CSV\" on Windows) — save it as \"CSV UTF-8\", or import it with --encoding windows-1252")
            }
            index += length
        }
        throw InputError("\(path): the file is not UTF-8; save it as \"CSV UTF-8\", or import it with --encoding windows-1252")
    }

    /// Windows-1252 to UTF-8; the five bytes it leaves undefined are refused.
    static func windows1252(_ chunk: [UInt8], path: String) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count + chunk.count / 8)
        for byte in chunk {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32
            if byte >= 0xA0 {
                scalar = UInt32(byte)
            } else {
                scalar = windows1252High[Int(byte - 0x80)]
                if scalar == 0 { throw InputError("\(path): byte 0x\(String(byte, radix: 16, uppercase: true)) has no meaning in Windows-1252; is the file in another encoding?") }
            }
            guard let character = Unicode.Scalar(scalar) else { continue }
            out.append(contentsOf: Array(String(Character(character)).utf8))
        }
        return out
    }

    /// Code points of 0x80–0x9F in Windows-1252 (0 = undefined).
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
