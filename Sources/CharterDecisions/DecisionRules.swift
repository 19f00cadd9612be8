import CharterCore

/// Who may do what to a decision record.
package enum DecisionRules {
    /// Identities compare without case, surrounding space or a leading `@`.
    package static func normalized(_ identity: String) -> String {
        var text = identity.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("@") { text.removeFirst() }
        return text.lowercased()
    }

    package static func same(_ a: String, _ b: String) -> Bool {
        normalized(a) == normalized(b)
    }

    package static func isFullyApproved(_ record: DecisionRecord) -> Bool {
        !record.requiredApprovers.isEmpty && record.requiredApprovers.allSatisfy { required in
            record.approvals.contains { same($0.approver, required) }
        }
    }

    /// The approvers still to approve, in the order they were named.
    package static func pendingApprovers(_ record: DecisionRecord) -> [String] {
        record.requiredApprovers.filter { required in !record.approvals.contains { same($0.approver, required) } }
    }

    static func validateNew(_ record: DecisionRecord) throws {
        guard DecisionID.validate(record.id) else {
            throw DecisionError(.invalid, "decision id \"\(record.id)\" must look like DM-002: capital letters, a dash, a number")
        }
        guard !record.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecisionError(.invalid, "\(record.id) needs a title")
        }
        guard !record.author.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecisionError(.invalid, "\(record.id) needs an author")
        }
        guard record.status != .decided else {
            throw DecisionError(.invalid, "\(record.id) cannot start as decided: a record becomes decided when every required approver has approved it")
        }
        guard !record.requiredApprovers.isEmpty else {
            throw DecisionError(.invalid, "\(record.id) needs at least one approver other than its author (--approver NAME)")
        }
        if let own = record.requiredApprovers.first(where: { same($0, record.author) }) {
            throw DecisionError(.invalid, "\(record.id): the author \(record.author) cannot also be an approver (\(own)); name someone else")
        }
        for (field, day) in [("date", record.date), ("review date", record.reviewDate)] {
            if let day, RFC3339.parse(day) == nil || day.count != 10 {
                throw DecisionError(.invalid, "\(record.id): \(field) \"\(day)\" must be a calendar date written YYYY-MM-DD")
            }
        }
    }

    static func checkApproval(of record: DecisionRecord, by actor: String) throws {
        guard record.status == .proposed else {
            throw DecisionError(.conflict, "\(record.id) is \(record.status.rawValue); only a proposed record can be approved")
        }
        if same(actor, record.author) {
            throw DecisionError(.forbidden, "\(actor) wrote \(record.id) and cannot approve it; an approver must be someone else (\(record.requiredApprovers.joined(separator: ", ")))")
        }
        guard record.requiredApprovers.contains(where: { same($0, actor) }) else {
            throw DecisionError(.forbidden, "\(actor) is not an approver of \(record.id); its approvers are \(record.requiredApprovers.joined(separator: ", "))")
        }
        if record.approvals.contains(where: { same($0.approver, actor) }) {
            throw DecisionError(.conflict, "\(actor) has already approved \(record.id); still waiting for \(pendingApprovers(record).joined(separator: ", "))")
        }
    }

    static func checkRejection(of record: DecisionRecord, by actor: String) throws {
        guard record.status == .proposed else {
            throw DecisionError(.conflict, "\(record.id) is \(record.status.rawValue); only a proposed record can be rejected")
        }
        guard record.requiredApprovers.contains(where: { same($0, actor) }) else {
            throw DecisionError(.forbidden, "only an approver of \(record.id) (\(record.requiredApprovers.joined(separator: ", "))) can reject it")
        }
    }
}
