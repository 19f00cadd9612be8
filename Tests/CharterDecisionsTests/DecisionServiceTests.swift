import CharterCore
import CharterDecisions
import CharterLedger
import CharterStore
import CharterStoreSQLite
import CharterTestSupport
import Foundation
import Testing

@Suite struct DecisionServiceTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let store: SQLiteStore
        let service: DecisionService

        init() throws {
            directory = try TemporaryDirectory("charter-decisions")
            store = try SQLiteStore.create(path: directory.file("charter.db"))
            service = DecisionService(ledger: Ledger(store: store))
        }

        func record(id: String = "DM-002", approvers: [String] = ["bob", "carol"]) -> DecisionRecord {
            DecisionRecord(id: id, title: "Keep the ledger in SQLite", author: "alice", date: "2026-11-20", requiredApprovers: approvers,
                           context: "We need a store.", decision: "SQLite in WAL mode.", reviewDate: "2027-05-01")
        }
    }

    @Test func decidedOnlyWhenEveryApproverApproved() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(), actor: "alice")
        let (afterBob, _) = try fixture.service.approve(id: "DM-002", actor: "Bob", reason: "fine")
        #expect(afterBob.status == .proposed)
        #expect(DecisionRules.pendingApprovers(afterBob) == ["carol"])
        let (afterCarol, entry) = try fixture.service.approve(id: "DM-002", actor: "@carol", reason: nil)
        #expect(afterCarol.status == .decided)
        #expect(afterCarol.approvals.map(\.approver) == ["Bob", "@carol"])
        #expect(afterCarol.approvals.last?.ledgerIndex == entry.index)
    }

    struct Refusal: Sendable, CustomStringConvertible {
        let actor: String
        let fragment: String
        var description: String { actor }
    }

    @Test(arguments: [
        Refusal(actor: "alice", fragment: "cannot approve it"),
        Refusal(actor: "ALICE ", fragment: "cannot approve it"),
        Refusal(actor: "mallory", fragment: "is not an approver"),
    ])
    func refusedApprovalsWriteNothing(refusal: Refusal) throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(), actor: "alice")
        let size = try fixture.store.read { try $0.ledgerSize() }
        #expect {
            try fixture.service.approve(id: "DM-002", actor: refusal.actor, reason: nil)
        } throws: { error in
            "\(error)".contains(refusal.fragment)
        }
        #expect(try fixture.store.read { try $0.ledgerSize() } == size)
    }

    @Test func approvingTwiceOrAfterDecisionIsAConflict() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(approvers: ["bob", "carol"]), actor: "alice")
        try fixture.service.approve(id: "DM-002", actor: "bob", reason: nil)
        #expect(throws: DecisionError.self) { try fixture.service.approve(id: "DM-002", actor: "bob", reason: nil) }
        try fixture.service.approve(id: "DM-002", actor: "carol", reason: nil)
        #expect(throws: DecisionError.self) { try fixture.service.reject(id: "DM-002", actor: "carol", reason: "changed my mind") }
    }

    @Test(arguments: [
        ("dm-2", ["bob"], "must look like DM-002"),
        ("DM-003", [], "at least one approver"),
        ("DM-004", ["Alice"], "cannot also be an approver"),
    ])
    func invalidRecordsAreRefused(id: String, approvers: [String], fragment: String) throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        #expect {
            try fixture.service.create(fixture.record(id: id, approvers: approvers), actor: "alice")
        } throws: { error in
            "\(error)".contains(fragment)
        }
        #expect(try fixture.store.read { try $0.ledgerSize() } == 0)
    }

    @Test func duplicateIdSuggestsTheNextFreeOne() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(), actor: "alice")
        #expect {
            try fixture.service.create(fixture.record(), actor: "alice")
        } throws: { error in
            "\(error)".contains("DM-003")
        }
    }

    @Test func rejectAndSupersede() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(id: "DM-001", approvers: ["bob"]), actor: "alice")
        try fixture.service.approve(id: "DM-001", actor: "bob", reason: nil)
        try fixture.service.create(fixture.record(id: "DM-002", approvers: ["bob"]), actor: "alice")
        try fixture.service.create(fixture.record(id: "DM-003", approvers: ["bob"]), actor: "alice")
        let (rejected, _) = try fixture.service.reject(id: "DM-003", actor: "bob", reason: "too costly")
        #expect(rejected.status == .rejected)
        let (superseded, _) = try fixture.service.supersede(id: "DM-001", by: "DM-002", actor: "alice", reason: nil)
        #expect(superseded.status == .superseded)
        #expect(superseded.supersededBy == "DM-002")
        #expect(throws: DecisionError.self) { try fixture.service.supersede(id: "DM-002", by: "DM-001", actor: "alice", reason: nil) }
    }

    /// The projection is exactly what folding the ledger gives (what `ledger replay` does).
    @Test func projectionEqualsReplay() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try fixture.service.create(fixture.record(id: "DM-001", approvers: ["bob"]), actor: "alice")
        try fixture.service.approve(id: "DM-001", actor: "bob", reason: "ok")
        try fixture.service.create(fixture.record(id: "DM-002"), actor: "alice")
        try fixture.service.approve(id: "DM-002", actor: "carol", reason: nil)
        let live = try fixture.service.list()
        try fixture.store.write { writer in
            try writer.clearProjections()
            try writer.scanEntries(from: 0) { entry, _ in
                try DecisionProjection.apply(entry, to: writer)
                return true
            }
        }
        #expect(try fixture.service.list() == live)
        #expect(live.map(\.status) == [.decided, .proposed])
    }
}
