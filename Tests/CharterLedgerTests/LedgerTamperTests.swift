import CharterCore
import CharterLedger
import CharterStore
import CharterTestSupport
import Foundation
import GRDB
import Testing

/// `ledger verify` detects every kind of tampering and names the first bad entry.
@Suite struct LedgerTamperTests {
    @Test func intactLedgerVerifies() throws {
        let fixture = try LedgerFixture(entries: 37)
        defer { fixture.remove() }
        try fixture.checkpoint()
        try fixture.append(5, from: 37)
        try fixture.checkpoint()
        let report = try fixture.verify()
        #expect(report.ok, "\(report.problems)")
        #expect(report.size == 42)
        #expect(report.checkpointsChecked == 2)
    }

    @Test(arguments: [0, 1, 17, 36])
    func modifiedEntryIsNamed(index: Int) throws {
        let fixture = try LedgerFixture(entries: 37)
        defer { fixture.remove() }
        try fixture.tamper("UPDATE ledger_entry SET payload = '{\"n\":999}' WHERE idx = ?", [index])
        let report = try fixture.verify()
        #expect(!report.ok)
        #expect(report.firstBadIndex == UInt64(index))
        #expect(report.problems.first?.kind == .entryModified)
    }

    @Test func modifiedEntryWithRewrittenLeafHashIsCaughtByTheTree() throws {
        let fixture = try LedgerFixture(entries: 40)
        defer { fixture.remove() }
        try fixture.tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE idx = 25")
        try fixture.rehashLeaf(25)
        let report = try fixture.verify()
        #expect(report.problems.map(\.kind) == [.nodeMismatch])
        #expect(report.firstBadIndex == 16, "the stored 16-entry subtree over entries 16…31 is the smallest range that can be named")
        #expect(report.problems.first?.message.contains("entries 16…31") == true)
    }

    @Test func damagedRecordedHashAloneIsNamedExactly() throws {
        let fixture = try LedgerFixture(entries: 40)
        defer { fixture.remove() }
        try fixture.tamper("UPDATE ledger_entry SET leaf_hash = zeroblob(32) WHERE idx = 25")
        let report = try fixture.verify()
        #expect(report.problems.map(\.kind) == [.entryModified])
        #expect(report.firstBadIndex == 25)
    }

    @Test func rewrittenLeafHashAndAnotherEditNameTheLowerEntry() throws {
        let fixture = try LedgerFixture(entries: 32)
        defer { fixture.remove() }
        try fixture.tamper("UPDATE ledger_entry SET actor = 'mallory' WHERE idx IN (2, 3)")
        try fixture.rehashLeaf(2)
        let report = try fixture.verify()
        #expect(Set(report.problems.map(\.kind)) == [.entryModified, .nodeMismatch])
        #expect(report.firstBadIndex == 0, "the subtree over 0…15 implicates entry 2, which is below entry 3")
    }

    @Test func hostileRowsAreReportedNotFatal() throws {
        let fixture = try LedgerFixture(entries: 20)
        defer { fixture.remove() }
        try fixture.tamper("INSERT INTO ledger_entry SELECT -1, time, kind, actor, subject, reason, payload, leaf_hash FROM ledger_entry WHERE idx = 0")
        try fixture.tamper("INSERT INTO merkle_node (level, idx, hash) VALUES (4, 9223372036854775807, x'00')")
        try fixture.tamper("UPDATE ledger_entry SET leaf_hash = x'0102' WHERE idx = 5")
        let report = try fixture.verify()
        #expect(!report.ok)
        #expect(report.problems.contains { $0.kind == .entryUnreadable && $0.message.contains("impossible index -1") })
        try fixture.tamper("DELETE FROM ledger_entry WHERE idx = -1")
        let second = try fixture.verify()
        #expect(second.problems.contains { $0.kind == .entryModified && $0.index == 5 && $0.message.contains("damaged") })
        #expect(second.problems.contains { $0.kind == .nodeUnexpected })
    }

    @Test func checkpointRefusesToSignOverARewrittenTree() throws {
        let fixture = try LedgerFixture(entries: 20)
        defer { fixture.remove() }
        try fixture.checkpoint()
        try fixture.append(3, from: 20)
        try fixture.tamper("UPDATE ledger_entry SET subject = 'forged' WHERE idx = 4")
        try fixture.rehashLeaf(4)
        try fixture.rebuildStoredNodes()
        #expect {
            try fixture.ledger.checkpoint(signer: fixture.signer)
        } throws: { error in
            "\(error)".contains("refusing to sign")
        }
    }

    @Test func deletedEntryIsNamed() throws {
        let fixture = try LedgerFixture(entries: 20)
        defer { fixture.remove() }
        try fixture.tamper("DELETE FROM ledger_entry WHERE idx = 12")
        let report = try fixture.verify()
        #expect(report.firstBadIndex == 12)
        #expect(report.problems.contains { $0.kind == .entryMissing })
    }

    @Test func insertedEntryIsNamed() throws {
        let fixture = try LedgerFixture(entries: 10)
        defer { fixture.remove() }
        // Shift entries 5… up by one and slip a forged entry in at 5.
        try fixture.tamper("UPDATE ledger_entry SET idx = idx + 1000 WHERE idx >= 5")
        try fixture.tamper("UPDATE ledger_entry SET idx = idx - 999 WHERE idx >= 1000")
        try fixture.tamper("INSERT INTO ledger_entry SELECT 5, time, kind, 'mallory', subject, reason, payload, leaf_hash FROM ledger_entry WHERE idx = 4")
        let report = try fixture.verify()
        #expect(!report.ok)
        #expect(report.firstBadIndex == 5)
    }

    @Test func reorderedEntriesAreNamed() throws {
        let fixture = try LedgerFixture(entries: 10)
        defer { fixture.remove() }
        try fixture.tamper("UPDATE ledger_entry SET idx = -1 WHERE idx = 3")
        try fixture.tamper("UPDATE ledger_entry SET idx = 3 WHERE idx = 6")
        try fixture.tamper("UPDATE ledger_entry SET idx = 6 WHERE idx = -1")
        let report = try fixture.verify()
        #expect(report.firstBadIndex == 3)
        #expect(report.problems.filter { $0.kind == .entryModified }.compactMap(\.index) == [3, 6])
    }

    @Test func rewrittenTreeIsCaughtByTheCheckpoint() throws {
        let fixture = try LedgerFixture(entries: 8)
        defer { fixture.remove() }
        try fixture.checkpoint()
        try fixture.append(8, from: 8)
        try fixture.checkpoint()
        // Rewrite entry 10 and rebuild every hash above it: only the signature can tell.
        try fixture.tamper("UPDATE ledger_entry SET subject = 'forged' WHERE idx = 10")
        try fixture.rehashLeaf(10)
        try fixture.rebuildStoredNodes()
        let report = try fixture.verify()
        #expect(report.problems.map(\.kind) == [.checkpointMismatch])
        #expect(report.firstBadIndex == 8, "checkpoint #1 (size 8) still matches, so the change is in 8…15")
    }

    @Test func forgedCheckpointIsReported() throws {
        let fixture = try LedgerFixture(entries: 5)
        defer { fixture.remove() }
        let checkpoint = try fixture.checkpoint()
        let forged = checkpoint.note.replacingOccurrences(of: "\n5\n", with: "\n4\n")
        try fixture.tamper("UPDATE checkpoint SET note = ?, size = 4", [forged])
        let report = try fixture.verify()
        #expect(report.problems.map(\.kind) == [.checkpointForged])
    }

    @Test func checkpointByAnotherKeyIsUntrusted() throws {
        let fixture = try LedgerFixture(entries: 5)
        defer { fixture.remove() }
        let impostor = try NoteSigner.generate(name: fixture.signer.name)
        _ = try fixture.ledger.checkpoint(signer: impostor)
        #expect(try fixture.verify().problems.map(\.kind) == [.checkpointUntrusted])
    }

    @Test func truncatedLedgerIsCaughtByTheCheckpoint() throws {
        let fixture = try LedgerFixture(entries: 12)
        defer { fixture.remove() }
        try fixture.checkpoint()
        try fixture.tamper("DELETE FROM ledger_entry WHERE idx >= 10")
        try fixture.tamper("DELETE FROM merkle_node WHERE (idx + 1) << level > 10")
        let report = try fixture.verify()
        #expect(report.problems.contains { $0.kind == .checkpointBeyondLedger })
        #expect(report.firstBadIndex == 10)
    }

    @Test func rolledBackCheckpointIsReported() throws {
        let fixture = try LedgerFixture(entries: 4)
        defer { fixture.remove() }
        let old = try fixture.checkpoint()
        try fixture.append(4, from: 4)
        try fixture.checkpoint()
        // Replay the older signed checkpoint as the newest one.
        try fixture.tamper("INSERT INTO checkpoint (size, root, note, created_at) VALUES (?, ?, ?, ?)", [Int64(old.size), Data(old.root), old.note, old.createdAt])
        let report = try fixture.verify()
        #expect(report.problems.map(\.kind) == [.checkpointRolledBack])
    }

    @Test func storeReplacedByAnOlderCopyFailsAgainstATrustedCheckpoint() throws {
        let fixture = try LedgerFixture(entries: 6)
        defer { fixture.remove() }
        let kept = try SignedNote(parsing: try fixture.checkpoint().note)
        let other = try LedgerFixture()
        defer { other.remove() }
        try other.append(6, from: 100)
        let impostorReport = try LedgerVerifier(store: other.store, verifiers: [fixture.signer.verifier]).verify(trusted: [kept])
        #expect(impostorReport.problems.contains { $0.kind == .checkpointMismatch })
        #expect(try fixture.verify(trusted: [kept]).ok)
    }
}
