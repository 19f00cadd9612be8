import Foundation

/// An RFC 9162 inclusion proof in Charter's documented JSON form (docs/ledger.md):
/// `{"type":"inclusion","index":N,"treeSize":M,"leafHash":B64,"hashes":[B64…],"rootHash":B64}`.
package struct InclusionProof: Sendable, Equatable {
    package let index: UInt64
    package let treeSize: UInt64
    package let leafHash: [UInt8]
    package let hashes: [[UInt8]]
    /// The root these hashes lead to; informative: a verifier takes the root from a signed checkpoint.
    package let root: [UInt8]

    package func verify(leafHash: [UInt8], root: [UInt8]) -> Bool {
        MerkleVerifier.verifyInclusion(leafIndex: index, treeSize: treeSize, leafHash: leafHash, proof: hashes, root: root)
    }
}

extension InclusionProof: Codable {
    private enum CodingKeys: String, CodingKey { case type, index, treeSize, leafHash, hashes, rootHash }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "inclusion" else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "expected \"inclusion\", got \"\(type)\"")
        }
        index = try container.decode(UInt64.self, forKey: .index)
        treeSize = try container.decode(UInt64.self, forKey: .treeSize)
        leafHash = try ProofCoding.hash(container, .leafHash)
        hashes = try ProofCoding.hashes(container, .hashes)
        root = try ProofCoding.hash(container, .rootHash)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("inclusion", forKey: .type)
        try container.encode(index, forKey: .index)
        try container.encode(treeSize, forKey: .treeSize)
        try container.encode(Data(leafHash).base64EncodedString(), forKey: .leafHash)
        try container.encode(hashes.map { Data($0).base64EncodedString() }, forKey: .hashes)
        try container.encode(Data(root).base64EncodedString(), forKey: .rootHash)
    }
}

enum ProofCoding {
    static func hash<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [UInt8] {
        let text = try container.decode(String.self, forKey: key)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be the base64 of a 32-byte SHA-256 hash")
        }
        return Array(bytes)
    }

    static func hashes<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> [[UInt8]] {
        try container.decode([String].self, forKey: key).map { text in
            guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "every element must be the base64 of a 32-byte SHA-256 hash")
            }
            return Array(bytes)
        }
    }
}
