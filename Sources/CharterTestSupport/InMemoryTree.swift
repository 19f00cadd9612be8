import CharterLedger

/// A naive RFC 9162 tree straight from the definitions, to check the stored-subtree code against.
package struct InMemoryTree {
    package var leaves: [[UInt8]]

    package init(leaves: [[UInt8]]) {
        self.leaves = leaves
    }

    package func root(_ range: Range<Int>) -> [UInt8] {
        if range.isEmpty { return MerkleHash.emptyRoot }
        if range.count == 1 { return leaves[range.lowerBound] }
        var k = 1
        while k * 2 < range.count { k *= 2 }
        return MerkleHash.node(root(range.lowerBound..<range.lowerBound + k), root(range.lowerBound + k..<range.upperBound))
    }

    /// Every complete aligned subtree, as `MerkleTree` reads them from a store.
    package func node(level: Int, index: UInt64) -> [UInt8] {
        let start = Int(index) << level
        return root(start..<start + (1 << level))
    }
}
