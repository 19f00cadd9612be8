/// Roots and proofs of RFC 9162 §2.1 computed from stored complete-subtree hashes.
///
/// Every range the RFC's recursions visit splits into O(log n) complete, aligned subtrees, so a
/// proof costs O(log n) lookups; lookups are memoized because the right-edge ranges share them.
package struct MerkleTree {
    /// Returns the hash of the complete subtree at `level` covering leaves `[index << level, (index + 1) << level)`.
    package typealias NodeSource = (_ level: Int, _ index: UInt64) throws -> [UInt8]

    private let source: NodeSource
    private var memo: [NodeKey: [UInt8]] = [:]

    package init(source: @escaping NodeSource) {
        self.source = source
    }

    /// MTH(D[0:size]).
    package mutating func root(size: UInt64) throws -> [UInt8] {
        size == 0 ? MerkleHash.emptyRoot : try hash(start: 0, end: size)
    }

    /// PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, leaf to root.
    package mutating func inclusionProof(index: UInt64, size: UInt64) throws -> [[UInt8]] {
        guard index < size else { throw LedgerError(.proofOutOfRange, "entry \(index) is not in a tree of \(size) entries") }
        var proof: [[UInt8]] = []
        try path(index: index, start: 0, end: size, into: &proof)
        return proof
    }

    /// PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1.
    package mutating func consistencyProof(from first: UInt64, to second: UInt64) throws -> [[UInt8]] {
        guard first > 0, first <= second else {
            throw LedgerError(.proofOutOfRange, "a consistency proof needs 0 < first ≤ second; got \(first) and \(second)")
        }
        var proof: [[UInt8]] = []
        if first < second { try subproof(first: first, start: 0, end: second, complete: true, into: &proof) }
        return proof
    }

    private mutating func path(index: UInt64, start: UInt64, end: UInt64, into proof: inout [[UInt8]]) throws {
        let count = end - start
        guard count > 1 else { return }
        let k = MerkleHash.split(count)
        if index < k {
            try path(index: index, start: start, end: start + k, into: &proof)
            proof.append(try hash(start: start + k, end: end))
        } else {
            try path(index: index - k, start: start + k, end: end, into: &proof)
            proof.append(try hash(start: start, end: start + k))
        }
    }

    private mutating func subproof(first m: UInt64, start: UInt64, end: UInt64, complete: Bool, into proof: inout [[UInt8]]) throws {
        let count = end - start
        if m == count {
            if !complete { proof.append(try hash(start: start, end: end)) }
            return
        }
        let k = MerkleHash.split(count)
        if m <= k {
            try subproof(first: m, start: start, end: start + k, complete: complete, into: &proof)
            proof.append(try hash(start: start + k, end: end))
        } else {
            try subproof(first: m - k, start: start + k, end: end, complete: false, into: &proof)
            proof.append(try hash(start: start, end: start + k))
        }
    }

    /// MTH(D[start:end]) for a range whose start is aligned to its largest power-of-two split,
    /// which every range of the RFC recursions is.
    private mutating func hash(start: UInt64, end: UInt64) throws -> [UInt8] {
        guard end > start else { throw LedgerError(.internalInconsistency, "empty range [\(start), \(end))") }
        let count = end - start
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            guard start & (count - 1) == 0 else {
                throw LedgerError(.internalInconsistency, "range [\(start), \(end)) is not an aligned subtree")
            }
            return try node(level: level, index: start >> level)
        }
        let k = MerkleHash.split(count)
        return MerkleHash.node(try hash(start: start, end: start + k), try hash(start: start + k, end: end))
    }

    private mutating func node(level: Int, index: UInt64) throws -> [UInt8] {
        let key = NodeKey(level: level, index: index)
        if let known = memo[key] { return known }
        let value = try source(level, index)
        memo[key] = value
        return value
    }

    private struct NodeKey: Hashable {
        let level: Int
        let index: UInt64
    }
}
