import Testing
@testable import YardstickCore

struct SHA256Tests {
    // FIPS 180-4 example vectors.
    @Test func hashesTheEmptyString() {
        #expect(SHA256.hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hashesABC() {
        #expect(SHA256.hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hashesAMessageSpanningTwoBlocks() {
        #expect(SHA256.hex(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hashesIncrementallyLikeAtOnce() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalizeHex() == SHA256.hex(of: "abc"))
    }

    @Test func hashesAMillionAs() {
        #expect(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length from 0 to 299 bytes (each padding case, one to six blocks), at once and fed in
    /// pieces of 1 to 70 bytes; the digests concatenated hash as Python's hashlib says.
    @Test func hashesEveryLengthAcrossBlockBoundaries() {
        var digests: [UInt8] = []
        for length in 0..<300 {
            let message = (0..<length).map { UInt8((($0 * 7) + length) % 251) }
            let once = SHA256.hex(of: message)
            var hasher = SHA256()
            var offset = 0
            while offset < message.count {
                let piece = min(1 + (offset + length) % 70, message.count - offset)
                hasher.update(message[offset..<(offset + piece)])
                offset += piece
            }
            #expect(hasher.finalizeHex() == once, "length \(length)")
            digests += Array(once.utf8)
        }
        #expect(SHA256.hex(of: digests) == "4d3510f0e43af5b27bf161ff53da62bfb3ec79abd52144aa5038dd415b2d08e5")
    }
}
