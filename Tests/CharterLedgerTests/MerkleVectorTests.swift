import CharterLedger
import CharterTestSupport
import Foundation
import Testing

/// The RFC 9162 probes of transparency-dev/merkle: every `wantErr: false` proof verifies and
/// every mutated one is refused.
@Suite("RFC 9162 proof vectors", .enabled(if: SharedCorpus.shouldRun, "../shared/corpora is absent"))
struct MerkleVectorTests {
    static let base = "merkle-vectors/transparency-dev-merkle/testdata"
    static let inclusionFiles = SharedCorpus.files(under: base + "/inclusion", withExtension: "json")
    static let consistencyFiles = SharedCorpus.files(under: base + "/consistency", withExtension: "json")

    @Test func corpusIsPresent() {
        #expect(SharedCorpus.isAvailable, "../shared/corpora must be present (CI=true)")
        #expect(Self.inclusionFiles.count >= 90)
        #expect(Self.consistencyFiles.count >= 90)
    }

    @Test(arguments: inclusionFiles)
    func inclusion(file: String) throws {
        let probe = try Self.load(Self.base + "/inclusion/" + file)
        let verified = MerkleVerifier.verifyInclusion(
            leafIndex: try #require(probe["leafIdx"] as? UInt64), treeSize: try #require(probe["treeSize"] as? UInt64),
            leafHash: Self.bytes(probe["leafHash"]), proof: Self.hashes(probe["proof"]), root: Self.bytes(probe["root"]))
        #expect(verified == !(probe["wantErr"] as? Bool ?? true), "\(file): \(probe["desc"] ?? "")")
    }

    @Test(arguments: consistencyFiles)
    func consistency(file: String) throws {
        let probe = try Self.load(Self.base + "/consistency/" + file)
        let verified = MerkleVerifier.verifyConsistency(
            firstSize: try #require(probe["size1"] as? UInt64), secondSize: try #require(probe["size2"] as? UInt64),
            firstRoot: Self.bytes(probe["root1"]), secondRoot: Self.bytes(probe["root2"]), proof: Self.hashes(probe["proof"]))
        #expect(verified == !(probe["wantErr"] as? Bool ?? true), "\(file): \(probe["desc"] ?? "")")
    }

    /// The classic RFC 6962 test leaves: roots for sizes 0…8 and the stored-subtree proof code
    /// reproduces the vector proofs.
    @Test func classicTreeHeads() throws {
        let data = try Data(contentsOf: SharedCorpus.url("merkle-vectors/rfc6962-classic-vectors.json"))
        let vectors = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let leaves = try #require(vectors["leaves_hex"] as? [String]).map { MerkleHash.leaf(Hex.bytes($0)) }
        let roots = try #require(vectors["root_by_size"] as? [String])
        let naive = InMemoryTree(leaves: leaves)
        for size in 0...8 {
            var tree = MerkleTree { level, index in naive.node(level: level, index: index) }
            #expect(Hex.string(try tree.root(size: UInt64(size))) == roots[size], "size \(size)")
        }
    }

    static func load(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: SharedCorpus.url(relative))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["leafIdx", "treeSize", "size1", "size2"] {
            if let number = object[key] as? NSNumber { object[key] = number.uint64Value }
        }
        return object
    }

    static func bytes(_ value: Any?) -> [UInt8] {
        guard let text = value as? String, let data = Data(base64Encoded: text) else { return [] }
        return Array(data)
    }

    static func hashes(_ value: Any?) -> [[UInt8]] {
        (value as? [String] ?? []).map { Array(Data(base64Encoded: $0) ?? Data()) }
    }
}
