import CharterCore
import CharterStore

/// Folds `decision.*` ledger entries into the current records. The live commands and
/// `ledger replay` both go through `apply`, so the projection is always what the ledger says.
package enum DecisionProjection {
    package static let namespace = "decision"

    package enum Kind {
        static let created = EntryKind(rawValue: "decision.created")!
        static let approved = EntryKind(rawValue: "decision.approved")!
        static let rejected = EntryKind(rawValue: "decision.rejected")!
        static let superseded = EntryKind(rawValue: "decision.superseded")!
    }

    /// Applies one entry to the projection held by `store`.
    package static func apply(_ entry: LedgerEntry, to store: any StoreWriter) throws {
        guard entry.kind.namespace == namespace else { return }
        let payload = try JSONParser.parse(Array(entry.payload.utf8), source: "payload of entry \(entry.index)", options: .lenient)
        switch entry.kind {
        case Kind.created:
            guard let record = payload["record"] else { throw malformed(entry, "has no record") }
            var created: DecisionRecord
            do {
                created = try record.decode(DecisionRecord.self)
            } catch {
                throw malformed(entry, "holds a record that cannot be read (\(error))")
            }
            created.approvals = []
            try store.saveDecision(created, ledgerIndex: entry.index)
        case Kind.approved:
            var record = try existing(entry, payload, store)
            guard let approver = payload["approver"]?.stringValue else { throw malformed(entry, "has no approver") }
            record.approvals.append(DecisionApproval(approver: approver, time: entry.time, reason: entry.reason, ledgerIndex: entry.index))
            if DecisionRules.isFullyApproved(record) { record.status = .decided }
            try store.saveDecision(record, ledgerIndex: entry.index)
        case Kind.rejected:
            var record = try existing(entry, payload, store)
            record.status = .rejected
            try store.saveDecision(record, ledgerIndex: entry.index)
        case Kind.superseded:
            var record = try existing(entry, payload, store)
            record.status = .superseded
            record.supersededBy = payload["by"]?.stringValue
            try store.saveDecision(record, ledgerIndex: entry.index)
        default:
            return
        }
    }

    private static func existing(_ entry: LedgerEntry, _ payload: JSONValue, _ store: any StoreWriter) throws -> DecisionRecord {
        guard let id = payload["id"]?.stringValue else { throw malformed(entry, "has no id") }
        guard let record = try store.decision(id: id) else { throw malformed(entry, "refers to \(id), which was never created") }
        return record
    }

    private static func malformed(_ entry: LedgerEntry, _ problem: String) -> DecisionError {
        DecisionError(.corruptLedger, "ledger entry \(entry.index) (\(entry.kind)) \(problem); run `charter ledger verify`")
    }
}
