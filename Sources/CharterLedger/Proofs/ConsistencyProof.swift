import Foundation

/// An RFC 9162 consistency proof in Charter's documented JSON form (docs/ledger.md).
package struct ConsistencyProof: Sendable, Equatable {
    package let firstSize: UInt64
    package let secondSize: UInt64
    package let firstRoot: [UInt8]
    package let secondRoot: [UInt8]
    package let hashes: [[UInt8]]

    package func verify(firstRoot: [UInt8], secondRoot: [UInt8]) -> Bool {
        MerkleVerifier.verifyConsistency(firstSize: firstSize, secondSize: secondSize, firstRoot: firstRoot, secondRoot: secondRoot, proof: hashes)
    }
}

extension ConsistencyProof: Codable {
    private enum CodingKeys: String, CodingKey { case type, firstSize, secondSize, firstRoot, secondRoot, hashes }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "consistency" else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "expected \"consistency\", got \"\(type)\"")
        }
        firstSize = try container.decode(UInt64.self, forKey: .firstSize)
        secondSize = try container.decode(UInt64.self, forKey: .secondSize)
        firstRoot = try ProofCoding.hash(container, .firstRoot)
        secondRoot = try ProofCoding.hash(container, .secondRoot)
        hashes = try ProofCoding.hashes(container, .hashes)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("consistency", forKey: .type)
        try container.encode(firstSize, forKey: .firstSize)
        try container.encode(secondSize, forKey: .secondSize)
        try container.encode(Data(firstRoot).base64EncodedString(), forKey: .firstRoot)
        try container.encode(Data(secondRoot).base64EncodedString(), forKey: .secondRoot)
        try container.encode(hashes.map { Data($0).base64EncodedString() }, forKey: .hashes)
    }
}
