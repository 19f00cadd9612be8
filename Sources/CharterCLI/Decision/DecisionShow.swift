import ArgumentParser
import CharterCore
import CharterDecisions

struct DecisionShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one decision record.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The decision id.")
    var id: String

    func run() throws {
        let record = try Workspace(global).decisions(readOnly: true).show(id: id)
        if global.json { try Output.json(record) } else { Output.text(DecisionText.full(record)) }
    }
}

struct DecisionList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List decision records.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only records with this status: proposed, decided, superseded or rejected.")
    var status: DecisionStatus?

    func run() throws {
        let records = try Workspace(global).decisions(readOnly: true).list(status: status)
        if global.json {
            try Output.json(records)
        } else if records.isEmpty {
            Output.text("no decision records")
        } else {
            let rows = records.map { [$0.id, $0.status.rawValue, $0.author, DecisionRules.pendingApprovers($0).joined(separator: ", "), $0.reviewDate ?? "", $0.title] }
            Output.text(TextTable.render(header: ["ID", "STATUS", "AUTHOR", "WAITING FOR", "REVIEW", "TITLE"], rows: rows))
        }
    }
}

extension DecisionStatus: ExpressibleByArgument {}
