import CharterCore
import CharterLedger
import CharterStore
import Foundation

/// Checks every `Store` backend must pass. Each backend's test suite runs all of them against
/// a fresh, empty store of its kind.
package struct StoreConformanceCheck: Sendable, CustomStringConvertible {
    package let name: String
    package let run: @Sendable (any Store) throws -> Void
    package var description: String { name }
}

package struct ConformanceFailure: Error, CustomStringConvertible {
    package let description: String
    package init(description: String) { self.description = description }
}

package enum StoreConformance {
    package static let checks: [StoreConformanceCheck] = [
        StoreConformanceCheck(name: "an empty store holds nothing", run: emptyStore),
        StoreConformanceCheck(name: "entries round-trip and filter", run: entriesRoundTrip),
        StoreConformanceCheck(name: "a failed write leaves nothing behind", run: failedWriteRollsBack),
        StoreConformanceCheck(name: "Merkle nodes round-trip in order", run: merkleNodes),
        StoreConformanceCheck(name: "checkpoints keep their order", run: checkpoints),
        StoreConformanceCheck(name: "decision records upsert and filter", run: decisions),
        StoreConformanceCheck(name: "settings overwrite", run: settings),
        StoreConformanceCheck(name: "the ledger's tree over the store matches the definition", run: ledgerTree),
    ]

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: message()) }
    }

    static func draft(_ number: Int, kind: String = "test.event", subject: String? = nil) throws -> EntryDraft {
        try EntryDraft(kind: EntryKind(validating: kind), actor: "alice", subject: subject ?? "item-\(number)",
                       reason: number.isMultiple(of: 2) ? "even" : nil, payload: .object(["n": .number(Double(number))]))
    }

    static func emptyStore(_ store: any Store) throws {
        try store.read { reader in
            try expect(try reader.ledgerSize() == 0, "size of an empty ledger")
            try expect(try reader.entry(at: 0) == nil, "entry 0 of an empty ledger")
            try expect(try reader.latestCheckpoint() == nil, "latest checkpoint of an empty store")
            try expect(try reader.decisions(status: nil).isEmpty, "decisions of an empty store")
            try expect(try reader.setting("missing") == nil, "unset setting")
        }
    }

    static func entriesRoundTrip(_ store: any Store) throws {
        let times = ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]
        let kinds = ["deploy.approved", "deploy.rolled-back", "review.done"]
        let entries = try (0..<3).map { index in
            LedgerEntry(index: UInt64(index), time: times[index], kind: try EntryKind(validating: kinds[index]), actor: "bob",
                        subject: index == 1 ? "api" : "web", reason: index == 0 ? nil : "why \(index)", payload: "{\"i\":\(index)}")
        }
        try store.write { writer in
            for entry in entries { try writer.insertEntry(entry, leafHash: MerkleHash.leaf(entry.canonicalBytes)) }
        }
        try store.read { reader in
            try expect(try reader.ledgerSize() == 3, "size after three inserts")
            try expect(try reader.entry(at: 1) == entries[1], "entry 1 round-trips")
            try expect(try reader.merkleNode(level: 0, index: 2) == MerkleHash.leaf(entries[2].canonicalBytes), "leaf hash is level 0")
            try expect(try reader.entries(matching: EntryQuery(kind: "deploy.approved")).map(\.index) == [0], "kind filter")
            try expect(try reader.entries(matching: EntryQuery(kindPrefix: "deploy")).map(\.index) == [0, 1], "namespace filter")
            try expect(try reader.entries(matching: EntryQuery(kindPrefix: "deplo")).isEmpty, "a namespace matches whole segments only")
            try expect(try reader.entries(matching: EntryQuery(subject: "web")).map(\.index) == [0, 2], "subject filter")
            try expect(try reader.entries(matching: EntryQuery(since: times[1])).map(\.index) == [1, 2], "since filter")
            try expect(try reader.entries(matching: EntryQuery(limit: 2, descending: true)).map(\.index) == [2, 1], "newest first with a limit")
            var scanned: [UInt64] = []
            try reader.scanEntries(from: 1) { entry, _ in
                scanned.append(entry.index)
                return true
            }
            try expect(scanned == [1, 2], "scan from 1")
        }
    }

    static func failedWriteRollsBack(_ store: any Store) throws {
        struct Abort: Error {}
        let ledger = Ledger(store: store)
        do {
            try store.write { writer in
                _ = try ledger.append([try draft(0), try draft(1)], in: writer)
                try writer.setSetting("half", "written")
                throw Abort()
            }
        } catch is Abort {}
        try store.read { reader in
            try expect(try reader.ledgerSize() == 0, "entries of a failed write must not land")
            try expect(try reader.merkleNode(level: 1, index: 0) == nil, "nodes of a failed write must not land")
            try expect(try reader.setting("half") == nil, "settings of a failed write must not land")
        }
    }

    static func merkleNodes(_ store: any Store) throws {
        try store.write { writer in
            for index in [2, 0, 1] as [UInt64] { try writer.insertMerkleNode(level: 3, index: index, hash: Array(repeating: UInt8(index), count: 32)) }
        }
        try store.read { reader in
            var seen: [UInt64] = []
            try reader.scanMerkleNodes(level: 3) { index, hash in
                seen.append(index)
                try expect(hash == Array(repeating: UInt8(index), count: 32), "hash of node \(index)")
            }
            try expect(seen == [0, 1, 2], "nodes come back in index order")
            try expect(try reader.merkleNode(level: 3, index: 5) == nil, "a missing node is nil")
        }
    }

    static func checkpoints(_ store: any Store) throws {
        let first = try store.write { try $0.insertCheckpoint(StoredCheckpoint(size: 2, root: Array(repeating: 1, count: 32), note: "a\n", createdAt: "2026-01-01T00:00:00.000Z")) }
        let second = try store.write { try $0.insertCheckpoint(StoredCheckpoint(size: 5, root: Array(repeating: 2, count: 32), note: "b\n", createdAt: "2026-01-02T00:00:00.000Z")) }
        try expect(second.sequence > first.sequence, "sequences increase")
        try store.read { reader in
            try expect(try reader.checkpoints() == [first, second], "checkpoints in order")
            try expect(try reader.latestCheckpoint() == second, "latest checkpoint")
        }
    }

    static func decisions(_ store: any Store) throws {
        var record = DecisionRecord(id: "DM-001", title: "Use WAL", author: "alice", requiredApprovers: ["bob"])
        try store.write { try $0.saveDecision(record, ledgerIndex: 0) }
        record.status = .decided
        record.approvals = [DecisionApproval(approver: "bob", time: "2026-01-01T00:00:00.000Z", reason: "ok", ledgerIndex: 1)]
        try store.write { writer in
            try writer.saveDecision(record, ledgerIndex: 1)
            try writer.saveDecision(DecisionRecord(id: "DM-002", title: "Other", author: "carol", requiredApprovers: ["dan"]), ledgerIndex: 2)
        }
        try store.read { reader in
            try expect(try reader.decision(id: "DM-001") == record, "an updated record reads back")
            try expect(try reader.decisions(status: .proposed).map(\.id) == ["DM-002"], "status filter")
            try expect(try reader.decisions(status: nil).map(\.id) == ["DM-001", "DM-002"], "all records by id")
        }
        try store.write { try $0.clearProjections() }
        try expect(try store.read { try $0.decisions(status: nil) }.isEmpty, "projections clear")
    }

    static func settings(_ store: any Store) throws {
        try store.write { try $0.setSetting("k", "one") }
        try store.write { try $0.setSetting("k", "two") }
        try expect(try store.read { try $0.setting("k") } == "two", "a setting overwrites")
    }

    static func ledgerTree(_ store: any Store) throws {
        let ledger = Ledger(store: store)
        for start in stride(from: 0, to: 30, by: 10) {
            try ledger.append(try (start..<start + 7).map { try draft($0) })
            for number in start + 7..<start + 10 { try ledger.append([try draft(number)]) }
        }
        let leaves = try store.read { reader in try (0..<30).map { try reader.entry(at: $0).map { MerkleHash.leaf($0.canonicalBytes) } ?? [] } }
        let naive = InMemoryTree(leaves: leaves)
        for size in [1, 2, 7, 16, 29, 30] as [UInt64] {
            try expect(try ledger.root(size: size).root == naive.root(0..<Int(size)), "root at size \(size)")
            for index in [0, size / 2, size - 1] {
                let proof = try ledger.inclusionProof(index: index, size: size)
                try expect(proof.verify(leafHash: leaves[Int(index)], root: naive.root(0..<Int(size))), "inclusion of \(index) at \(size)")
            }
        }
        let consistency = try ledger.consistencyProof(from: 7, to: 30)
        try expect(consistency.verify(firstRoot: naive.root(0..<7), secondRoot: naive.root(0..<30)), "consistency 7 → 30")
    }
}
