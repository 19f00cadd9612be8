/// Which complete subtrees the store keeps.
///
/// Leaves (level 0) are stored with their entries, and every complete subtree of 16 or more
/// entries (level ≥ 4) in `merkle_node`. Levels 1–3 are recomputed on demand from at most eight
/// leaf hashes read in one range query, as tile-based logs do: it cuts stored nodes, their
/// writes and the rows `ledger verify` reads about eightfold, and a proof still costs O(log n)
/// reads.
package enum MerkleLayout {
    package static let lowestStoredInnerLevel = 4

    package static func isStored(level: Int) -> Bool {
        level == 0 || level >= lowestStoredInnerLevel
    }
}
