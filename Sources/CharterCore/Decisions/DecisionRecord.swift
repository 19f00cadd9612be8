/// A decision record: what changed, why, and who approved it.
///
/// The current state of a record is a projection of its `decision.*` ledger entries;
/// this value is what that projection holds and what `decision show --json` prints.
package struct DecisionRecord: Codable, Sendable, Equatable {
    package var id: String
    package var title: String
    package var status: DecisionStatus
    package var author: String
    /// The day the record was written, `YYYY-MM-DD`.
    package var date: String?
    package var requiredApprovers: [String]
    package var approvals: [DecisionApproval]
    package var context: String
    package var options: [DecisionOption]
    package var decision: String
    package var rationale: String
    package var risks: String
    /// The day the decision must be looked at again, `YYYY-MM-DD`.
    package var reviewDate: String?
    package var links: [String]
    package var supersededBy: String?

    package init(
        id: String, title: String, status: DecisionStatus = .proposed, author: String, date: String? = nil,
        requiredApprovers: [String] = [], approvals: [DecisionApproval] = [], context: String = "",
        options: [DecisionOption] = [], decision: String = "", rationale: String = "", risks: String = "",
        reviewDate: String? = nil, links: [String] = [], supersededBy: String? = nil
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.author = author
        self.date = date
        self.requiredApprovers = requiredApprovers
        self.approvals = approvals
        self.context = context
        self.options = options
        self.decision = decision
        self.rationale = rationale
        self.risks = risks
        self.reviewDate = reviewDate
        self.links = links
        self.supersededBy = supersededBy
    }
}

package enum DecisionStatus: String, Codable, Sendable, CaseIterable {
    case proposed, decided, superseded, rejected
}

package struct DecisionOption: Codable, Sendable, Equatable {
    package var title: String
    package var detail: String

    package init(title: String, detail: String = "") {
        self.title = title
        self.detail = detail
    }
}

package struct DecisionApproval: Codable, Sendable, Equatable {
    package var approver: String
    /// RFC 3339 UTC time of the ledger entry that recorded the approval.
    package var time: String
    package var reason: String?
    package var ledgerIndex: UInt64

    package init(approver: String, time: String, reason: String?, ledgerIndex: UInt64) {
        self.approver = approver
        self.time = time
        self.reason = reason
        self.ledgerIndex = ledgerIndex
    }
}
