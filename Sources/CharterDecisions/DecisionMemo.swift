import CharterCore

/// What a decision memo says, read by `DecisionMemoParser`.
///
/// A memo is a claim, not evidence: its Status and Approver fields say what the author believes,
/// while approvals only count once they are recorded in the ledger. The importer decides how much
/// of the claim to carry over; `statedStatus` and `statedApprovers` keep it for that comparison.
package struct DecisionMemo: Codable, Sendable, Equatable {
    /// The record the memo describes: status as the memo writes it, no approvals, and the memo's
    /// approvers as `requiredApprovers`.
    package var record: DecisionRecord
    /// The status the memo's Status field gives.
    package var statedStatus: DecisionStatus
    /// The names in the memo's Approver field(s), in order, without duplicates.
    package var statedApprovers: [String]
    /// Things that were tolerated but that the user should hear about, each as `line 12: text`
    /// (or just the text when no one line is at fault); they do not name the memo.
    package var warnings: [String]

    package init(record: DecisionRecord, statedStatus: DecisionStatus, statedApprovers: [String], warnings: [String] = []) {
        self.record = record
        self.statedStatus = statedStatus
        self.statedApprovers = statedApprovers
        self.warnings = warnings
    }
}
