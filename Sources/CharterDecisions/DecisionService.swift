import CharterCore
import CharterLedger
import CharterStore

/// Decision records: every change is a `decision.*` ledger entry and, in the same transaction,
/// an update of the projection that answers `decision show` and `decision list`.
package struct DecisionService: Sendable {
    package let ledger: Ledger

    package init(ledger: Ledger) {
        self.ledger = ledger
    }

    /// Records a new proposed decision. `source` describes where it came from (an imported memo).
    @discardableResult
    package func create(_ record: DecisionRecord, actor: String, reason: String? = nil, source: JSONValue? = nil) throws -> (DecisionRecord, LedgerEntry) {
        var record = record
        record.approvals = []
        try DecisionRules.validateNew(record)
        return try ledger.store.write { store in
            if try store.decision(id: record.id) != nil {
                throw DecisionError(.conflict, "\(record.id) already exists; pick another id (the next free one is \(DecisionID.next(after: try store.decisions(status: nil).map(\.id))))")
            }
            var payload: [String: JSONValue] = ["record": try JSONValue(encoding: record)]
            if let source { payload["source"] = source }
            return try commit(DecisionProjection.Kind.created, subject: record.id, actor: actor, reason: reason, payload: payload, in: store)
        }
    }

    @discardableResult
    package func approve(id: String, actor: String, reason: String?) throws -> (DecisionRecord, LedgerEntry) {
        try ledger.store.write { store in
            let current = try existing(id, store)
            try DecisionRules.checkApproval(of: current, by: actor)
            return try commit(DecisionProjection.Kind.approved, subject: id, actor: actor, reason: reason,
                              payload: ["id": .string(id), "approver": .string(actor)], in: store)
        }
    }

    @discardableResult
    package func reject(id: String, actor: String, reason: String) throws -> (DecisionRecord, LedgerEntry) {
        try ledger.store.write { store in
            let current = try existing(id, store)
            try DecisionRules.checkRejection(of: current, by: actor)
            return try commit(DecisionProjection.Kind.rejected, subject: id, actor: actor, reason: reason, payload: ["id": .string(id)], in: store)
        }
    }

    @discardableResult
    package func supersede(id: String, by newer: String, actor: String, reason: String?) throws -> (DecisionRecord, LedgerEntry) {
        try ledger.store.write { store in
            let current = try existing(id, store)
            guard current.status == .decided else {
                throw DecisionError(.conflict, "\(id) is \(current.status.rawValue); only a decided record can be superseded")
            }
            guard newer != id else { throw DecisionError(.invalid, "\(id) cannot supersede itself") }
            _ = try existing(newer, store)
            return try commit(DecisionProjection.Kind.superseded, subject: id, actor: actor, reason: reason,
                              payload: ["id": .string(id), "by": .string(newer)], in: store)
        }
    }

    package func show(id: String) throws -> DecisionRecord {
        try ledger.store.read { store in
            guard let record = try store.decision(id: id) else {
                throw DecisionError(.notFound, "no decision \(id); `charter decision list` shows the ones that exist")
            }
            return record
        }
    }

    package func list(status: DecisionStatus? = nil) throws -> [DecisionRecord] {
        try ledger.store.read { try $0.decisions(status: status) }
    }

    /// The id a new record would get: one past the highest `DM-` number.
    package func nextID(prefix: String = "DM") throws -> String {
        DecisionID.next(after: try list().map(\.id), prefix: prefix)
    }

    private func existing(_ id: String, _ store: any StoreReader) throws -> DecisionRecord {
        guard let record = try store.decision(id: id) else {
            throw DecisionError(.notFound, "no decision \(id); `charter decision list` shows the ones that exist")
        }
        return record
    }

    private func commit(_ kind: EntryKind, subject: String, actor: String, reason: String?, payload: [String: JSONValue], in store: any StoreWriter) throws -> (DecisionRecord, LedgerEntry) {
        let draft = try EntryDraft(kind: kind, actor: actor, subject: subject, reason: reason, payload: .object(payload))
        guard let entry = try ledger.append([draft], in: store).first else {
            throw DecisionError(.corruptLedger, "the ledger did not return the appended entry")
        }
        try DecisionProjection.apply(entry, to: store)
        guard let updated = try store.decision(id: subject) else {
            throw DecisionError(.corruptLedger, "\(subject) is missing after it was recorded")
        }
        return (updated, entry)
    }
}
