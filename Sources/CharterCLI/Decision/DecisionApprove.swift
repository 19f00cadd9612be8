import ArgumentParser
import CharterDecisions

struct DecisionApprove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a proposed decision as one of its required approvers.",
        discussion: "The record becomes decided when every required approver has approved. Its author cannot approve it."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The decision id.")
    var id: String

    @Option(help: "Why you approve; recorded on the ledger entry.")
    var reason: String?

    func run() throws {
        let workspace = try Workspace(global)
        let (record, entry) = try workspace.decisions().approve(id: id, actor: workspace.actor, reason: reason)
        if global.json {
            try Output.json(DecisionChange(record: record, ledgerIndex: entry.index, warnings: []))
        } else {
            Output.text("\(workspace.actor) approved \(id) (ledger entry \(entry.index)); now \(DecisionText.summary(record))")
        }
    }
}

struct DecisionReject: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a proposed decision as one of its required approvers."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The decision id.")
    var id: String

    @Option(help: "Why it is rejected (required).")
    var reason: String

    func run() throws {
        let workspace = try Workspace(global)
        let (record, entry) = try workspace.decisions().reject(id: id, actor: workspace.actor, reason: reason)
        if global.json {
            try Output.json(DecisionChange(record: record, ledgerIndex: entry.index, warnings: []))
        } else {
            Output.text("\(workspace.actor) rejected \(id) (ledger entry \(entry.index))")
        }
    }
}

struct DecisionSupersede: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supersede",
        abstract: "Mark a decided record as superseded by a newer one."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The decision being replaced.")
    var id: String

    @Option(help: "The decision that replaces it.")
    var by: String

    @Option(help: "Why.")
    var reason: String?

    func run() throws {
        let workspace = try Workspace(global)
        let (record, entry) = try workspace.decisions().supersede(id: id, by: by, actor: workspace.actor, reason: reason)
        if global.json {
            try Output.json(DecisionChange(record: record, ledgerIndex: entry.index, warnings: []))
        } else {
            Output.text("\(id) is superseded by \(by) (ledger entry \(entry.index))")
        }
    }
}
