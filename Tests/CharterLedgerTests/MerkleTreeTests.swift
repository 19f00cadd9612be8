import CharterLedger
import CharterTestSupport
import Testing

/// Proofs built from stored complete subtrees agree with the naive definition and verify, for
/// every index and pair of sizes up to 70 (covering every shape of small tree).
@Suite struct MerkleTreeTests {
    static let leaves = (0..<70).map { MerkleHash.leaf(Array("leaf \($0)".utf8)) }
    static let naive = InMemoryTree(leaves: leaves)

    func tree() -> MerkleTree {
        MerkleTree { level, index in Self.naive.node(level: level, index: index) }
    }

    @Test(arguments: 1...70)
    func inclusionProofsVerify(size: Int) throws {
        var tree = tree()
        let root = try tree.root(size: UInt64(size))
        #expect(root == Self.naive.root(0..<size))
        for index in 0..<size {
            let proof = try tree.inclusionProof(index: UInt64(index), size: UInt64(size))
            #expect(MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: Self.leaves[index], proof: proof, root: root))
            #expect(proof.count <= 64 - UInt64(size).leadingZeroBitCount + 1)
            if index + 1 < size {
                #expect(!MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: Self.leaves[index + 1], proof: proof, root: root))
            }
        }
    }

    @Test(arguments: 1...40)
    func consistencyProofsVerify(second: Int) throws {
        var tree = tree()
        let secondRoot = try tree.root(size: UInt64(second))
        for first in 1...second {
            let firstRoot = try tree.root(size: UInt64(first))
            let proof = try tree.consistencyProof(from: UInt64(first), to: UInt64(second))
            #expect(MerkleVerifier.verifyConsistency(firstSize: UInt64(first), secondSize: UInt64(second), firstRoot: firstRoot, secondRoot: secondRoot, proof: proof))
            if first < second {
                #expect(!MerkleVerifier.verifyConsistency(firstSize: UInt64(first), secondSize: UInt64(second), firstRoot: secondRoot, secondRoot: secondRoot, proof: proof))
            }
        }
    }

    @Test func outOfRangeRequestsAreErrors() {
        var tree = tree()
        #expect(throws: LedgerError.self) { try tree.inclusionProof(index: 5, size: 5) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 0, to: 5) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 6, to: 5) }
    }
}
