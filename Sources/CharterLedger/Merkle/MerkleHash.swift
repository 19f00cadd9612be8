import Crypto

/// RFC 9162 §2.1.1 hashing: SHA-256 with domain separation between leaves and nodes.
package enum MerkleHash {
    private static let leafPrefix: [UInt8] = [0x00]
    private static let nodePrefix: [UInt8] = [0x01]

    /// The root of the empty tree: SHA-256 of no bytes.
    package static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    package static func leaf(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: leafPrefix)
        hasher.update(data: bytes)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    package static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// Hashes the 64 bytes `pair` (a left and a right child back to back) as an inner node,
    /// appending the 32-byte result to `output`; the verifier's hot loop, free of allocations.
    static func appendNode(ofPair pair: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        var hasher = SHA256()
        hasher.update(data: nodePrefix)
        hasher.update(bufferPointer: pair)
        hasher.finalize().withUnsafeBytes { output.append(contentsOf: $0) }
    }

    /// The largest power of two strictly less than `n` (n ≥ 2): the split point `k` of RFC 9162.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "split needs at least two leaves")
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }
}
