import ArgumentParser
import CharterCore
import CharterDecisions
import Foundation

struct DecisionNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Record a new proposed decision."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Id such as DM-002 (default: the next free DM- number).")
    var id: String?

    @Option(help: "One line saying what is decided.")
    var title: String

    @Option(help: "Who wrote it (default: the actor).")
    var author: String?

    @Option(name: .customLong("approver"), help: "A required approver; repeat for several. Never the author.")
    var approvers: [String] = []

    @Option(help: "Why a decision is needed.")
    var context: String = ""

    @Option(name: .customLong("option"), help: ArgumentHelp("An option considered, as \"Title: detail\"; repeat for several.", valueName: "option"))
    var options: [String] = []

    @Option(help: "What was decided.")
    var decision: String = ""

    @Option(help: "Why this option.")
    var rationale: String = ""

    @Option(help: "What could go wrong and how it is handled.")
    var risks: String = ""

    @Option(help: ArgumentHelp("When to look at it again, YYYY-MM-DD.", valueName: "date"))
    var reviewDate: String?

    @Option(help: ArgumentHelp("The day it was written, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Option(name: .customLong("link"), help: "A related link; repeat for several.")
    var links: [String] = []

    @Option(help: "A note recorded on the ledger entry.")
    var reason: String?

    func run() throws {
        let workspace = try Workspace(global)
        let service = try workspace.decisions()
        let record = DecisionRecord(
            id: try id ?? service.nextID(), title: title, author: author ?? workspace.actor, date: date ?? RFC3339.day(Date()),
            requiredApprovers: approvers, context: context, options: options.map(Self.option), decision: decision,
            rationale: rationale, risks: risks, reviewDate: reviewDate, links: links)
        let (created, entry) = try service.create(record, actor: workspace.actor, reason: reason)
        if global.json {
            try Output.json(DecisionChange(record: created, ledgerIndex: entry.index, warnings: []))
        } else {
            Output.text("recorded \(DecisionText.summary(created)) as ledger entry \(entry.index)")
        }
    }

    private static func option(_ text: String) -> DecisionOption {
        guard let colon = text.firstIndex(of: ":") else { return DecisionOption(title: text) }
        return DecisionOption(
            title: text[..<colon].trimmingCharacters(in: .whitespaces),
            detail: text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
