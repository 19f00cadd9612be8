import ArgumentParser
import CharterCore
import CharterDecisions

struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision",
        abstract: "Decision records: what changed, why, and who approved it.",
        discussion: """
            A record is proposed until every required approver has approved it; its author can never \
            approve it. Every change is a ledger entry (decision.created, decision.approved, \
            decision.rejected, decision.superseded); `decision show` reads the projection of them.
            """,
        subcommands: [
            DecisionNew.self, DecisionImport.self, DecisionApprove.self, DecisionReject.self, DecisionSupersede.self,
            DecisionShow.self, DecisionList.self,
        ]
    )
}

extension Workspace {
    func decisions(readOnly: Bool = false) throws -> DecisionService {
        DecisionService(ledger: try ledger(readOnly: readOnly))
    }
}

/// How a record is printed.
enum DecisionText {
    static func summary(_ record: DecisionRecord) -> String {
        var line = "\(record.id) \(record.status.rawValue): \(record.title)"
        if record.status == .proposed {
            let pending = DecisionRules.pendingApprovers(record)
            if !pending.isEmpty { line += " (waiting for \(pending.joined(separator: ", ")))" }
        }
        return line
    }

    static func full(_ record: DecisionRecord) -> String {
        var lines = [
            "\(record.id): \(record.title)",
            "status       \(record.status.rawValue)" + (record.supersededBy.map { " by \($0)" } ?? ""),
            "author       \(record.author)",
        ]
        if let date = record.date { lines.append("date         \(date)") }
        lines.append("approvers    " + record.requiredApprovers.map { approver in
            record.approvals.first { DecisionRules.same($0.approver, approver) }.map { "\(approver) ✓ \($0.time)" } ?? "\(approver) (pending)"
        }.joined(separator: ", "))
        if let review = record.reviewDate { lines.append("review date  \(review)") }
        for (title, body) in [("Context", record.context), ("Decision", record.decision), ("Rationale", record.rationale), ("Risks", record.risks)] where !body.isEmpty {
            lines += ["", "## \(title)", body]
        }
        if !record.options.isEmpty {
            lines += ["", "## Options considered"]
            lines += record.options.map { "- \($0.title)" + ($0.detail.isEmpty ? "" : ": \($0.detail)") }
        }
        if !record.links.isEmpty {
            lines += ["", "## Related"]
            lines += record.links.map { "- \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// The reply of commands that change a record: the record and the ledger entry that changed it.
struct DecisionChange: Encodable {
    let record: DecisionRecord
    let ledgerIndex: UInt64
    let warnings: [String]
}
