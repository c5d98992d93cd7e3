/// SHA-256 (FIPS 180-4) in pure Swift: Foundation on Linux has no CryptoKit, and content versions,
/// evidence files and the history chain are all keyed by it.
public struct SHA256: Sendable {
    // The eight working words as stored properties: no array, no copy-on-write check per round.
    private var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
    private var buffer: [UInt8] = []
    private var byteCount: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public init() {}

    /// The lowercase hex digest of `bytes`.
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hex(of: UnsafeRawBufferPointer($0)) }) { return digest }
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    public static func hex(of text: String) -> String { hex(of: Array(text.utf8)) }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Whole blocks are compressed straight from contiguous input; only a tail is buffered.
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(contiguous: $0) }
        if handled == nil { Array(bytes).withUnsafeBufferPointer { update(contiguous: $0) } }
    }

    private mutating func update(contiguous input: UnsafeBufferPointer<UInt8>) {
        byteCount &+= UInt64(input.count)
        var index = 0
        if !buffer.isEmpty {
            let taken = min(64 - buffer.count, input.count)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: input[0..<taken]))
            index = taken
            guard buffer.count == 64 else { return }
            buffer.withUnsafeBufferPointer { compress($0) }
            buffer.removeAll(keepingCapacity: true)
        }
        if let base = input.baseAddress {
            while input.count - index >= 64 {
                compress(UnsafeRawPointer(base + index))
                index += 64
            }
        }
        if index < input.count { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: input[index...])) }
    }

    /// The lowercase hex digest of everything hashed; the buffered tail is finished as the last
    /// bytes of a one-shot hash are.
    public mutating func finalizeHex() -> String {
        let tail = buffer
        buffer.removeAll()
        byteCount &-= UInt64(tail.count)
        return tail.withUnsafeBytes { hex(finishingWith: $0) }
    }

    /// The lowercase hex SHA-256 of `bytes` in one call: whole blocks straight from the input, the
    /// tail and padding in a small stack buffer, no allocation but the result.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String { SHA256().hex(finishingWith: bytes) }

    /// The lowercase hex digest of everything hashed so far followed by `bytes`, leaving this
    /// hasher as it is: a shared start (a midstate) is hashed once and finished for many messages.
    public func hex(finishingWith bytes: UnsafeRawBufferPointer) -> String {
        var hasher = self
        guard hasher.buffer.isEmpty else {
            hasher.update(bytes)
            return hasher.finalizeHex()
        }
        let count = bytes.count
        let whole = count & ~63
        if let base = bytes.baseAddress {
            var offset = 0
            while offset < whole {
                hasher.compress(UnsafeRawPointer(base + offset))
                offset += 64
            }
        }
        let total = byteCount &+ UInt64(count)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let rest = count - whole
            for index in 0..<rest { tail[index] = bytes[whole + index] }
            let length = Self.pad(tail, used: rest, totalBytes: total)
            if let base = tail.baseAddress {
                hasher.compress(UnsafeRawPointer(base))
                if length == 128 { hasher.compress(UnsafeRawPointer(base + 64)) }
            }
        }
        return hasher.hexDigest
    }

    /// Appends the padding (0x80, zeros, the bit length) after `used` bytes of `tail` (which has
    /// room for 128); the padded length, 64 or 128.
    private static func pad(_ tail: UnsafeMutableBufferPointer<UInt8>, used: Int, totalBytes: UInt64) -> Int {
        let length = used < 56 ? 64 : 128
        tail[used] = 0x80
        for index in (used + 1)..<(length - 8) { tail[index] = 0 }
        let bits = totalBytes &* 8
        for index in 0..<8 { tail[length - 1 - index] = UInt8(truncatingIfNeeded: bits >> UInt64(index * 8)) }
        return length
    }

    private var hexDigest: String {
        let words = (h0, h1, h2, h3, h4, h5, h6, h7)
        return String(unsafeUninitializedCapacity: 64) { hex in
            withUnsafeBytes(of: words) { raw in
                for index in 0..<8 {
                    let word = raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    for nibble in 0..<8 {
                        let value = UInt8(truncatingIfNeeded: word >> UInt32(28 - nibble * 4)) & 0xf
                        hex[index * 8 + nibble] = value < 10 ? 0x30 + value : 0x57 + value
                    }
                }
            }
            return 64
        }
    }

    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
        guard let base = block.baseAddress, block.count >= 64 else { return }
        compress(UnsafeRawPointer(base))
    }

    @inline(__always) private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 &- n) }

    /// One round; the caller rotates which variable plays which part, so nothing is moved between rounds.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
                              _ h: inout UInt32, _ constantPlusWord: UInt32) {
        let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (g ^ (e & (f ^ g))) &+ constantPlusWord
        d &+= t1
        h = t1 &+ (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    /// Compresses the 64 bytes at `block`.
    private mutating func compress(_ block: UnsafeRawPointer) {
        var state = (h0, h1, h2, h3, h4, h5, h6, h7)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            guard let schedule = w.baseAddress else { return }
            Self.k.withUnsafeBufferPointer { k in
                guard let constants = k.baseAddress else { return }
                Self.compress(block, state: &state, schedule: schedule, constants: constants)
            }
        }
        (h0, h1, h2, h3, h4, h5, h6, h7) = state
    }

    /// The rounds over local variables only (no closure captures them, so they stay in registers).
    private static func compress(_ block: UnsafeRawPointer, state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 schedule w: UnsafeMutablePointer<UInt32>, constants k: UnsafePointer<UInt32>) {
        for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
        for i in 16..<64 {
            let x = w[i &- 15], y = w[i &- 2]
            let s0 = rotate(x, 7) ^ rotate(x, 18) ^ (x >> 3)
            let s1 = rotate(y, 17) ^ rotate(y, 19) ^ (y >> 10)
            w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        var i = 0
        while i < 64 {
            round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
            round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
            round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
            round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
            round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
            round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
            round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
            round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
            i &+= 8
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }
}
