/// One thing `ledger verify` found wrong, with the first entry index it implicates.
package struct LedgerProblem: Sendable, Equatable, Encodable {
    package enum Kind: String, Sendable, Encodable {
        case entryModified
        case entryMissing
        case entryUnreadable
        case nodeMismatch
        case nodeMissing
        case nodeUnexpected
        case checkpointForged
        case checkpointUntrusted
        case checkpointMalformed
        case checkpointMismatch
        case checkpointBeyondLedger
        case checkpointRolledBack
    }

    package let kind: Kind
    /// The first ledger index this problem implicates, when it names one.
    package let index: UInt64?
    package let message: String
}

/// The outcome of `ledger verify`.
package struct LedgerVerificationReport: Sendable, Encodable {
    package var size: UInt64 = 0
    package var rootHash: String = ""
    package var checkpointsChecked = 0
    package var problems: [LedgerProblem] = []
    /// Problems past the first 100 are counted, not listed.
    package var problemsNotListed = 0

    /// Problems the storage engine's own integrity check found (SQLite `quick_check`).
    package var integrityProblems: [String] = []

    package var ok: Bool { problems.isEmpty && integrityProblems.isEmpty }
    package var firstBadIndex: UInt64? { problems.compactMap(\.index).min() }

    private enum CodingKeys: String, CodingKey { case ok, size, rootHash, checkpointsChecked, firstBadIndex, problems, problemsNotListed, integrityProblems }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(size, forKey: .size)
        try container.encode(rootHash, forKey: .rootHash)
        try container.encode(checkpointsChecked, forKey: .checkpointsChecked)
        try container.encodeIfPresent(firstBadIndex, forKey: .firstBadIndex)
        try container.encode(problems, forKey: .problems)
        try container.encode(problemsNotListed, forKey: .problemsNotListed)
        try container.encode(integrityProblems, forKey: .integrityProblems)
    }

    /// Takes in problems found elsewhere, keeping the listed ones ordered by index.
    mutating func merge(_ other: LedgerVerificationReport) {
        let all = (problems + other.problems).sorted { ($0.index ?? .max) < ($1.index ?? .max) }
        problems = Array(all.prefix(100))
        problemsNotListed += other.problemsNotListed + max(0, all.count - 100)
    }

    mutating func add(_ kind: LedgerProblem.Kind, index: UInt64?, _ message: String) {
        if problems.count < 100 {
            problems.append(LedgerProblem(kind: kind, index: index, message: message))
        } else {
            problemsNotListed += 1
        }
    }
}
