import ArgumentParser
import CharterCore
import CharterDecisions
import Crypto
import Foundation

struct DecisionImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record a decision memo written in markdown.",
        discussion: """
            Reads the common memo layout: a title, a Metadata table (ID, Status, Author, Date, \
            Approver, Review Date), then Context, Options Considered, Decision, Rationale and Risks \
            sections (docs/decisions.md). A memo that says it is decided is recorded as proposed \
            until its approvers approve it in Charter: approval is what the ledger proves.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The memo file (markdown).")
    var memo: String

    func run() throws {
        let workspace = try Workspace(global)
        let bytes = try InputFile.read(memo, what: "memo")
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CLIError.input("memo \(memo) is not UTF-8 text") }
        let parsed = try DecisionMemoParser.parse(text, source: memo)
        var record = parsed.record
        var warnings = parsed.warnings
        if record.status == .decided {
            record.status = .proposed
            warnings.append("the memo says \(record.id) is decided; Charter records it as proposed until \(record.requiredApprovers.joined(separator: ", ")) approve it with `charter decision approve \(record.id)`")
        }
        let digest = LowercaseHex.string(SHA256.hash(data: bytes))
        let source: JSONValue = .object([
            "memo": .string((memo as NSString).lastPathComponent),
            "sha256": .string(digest),
            "statedStatus": .string(parsed.statedStatus.rawValue),
        ])
        let (created, entry) = try workspace.decisions().create(record, actor: workspace.actor, reason: "imported from \((memo as NSString).lastPathComponent)", source: source)
        if global.json {
            try Output.json(DecisionChange(record: created, ledgerIndex: entry.index, warnings: warnings))
        } else {
            for warning in warnings { Output.notice("warning: \(memo): \(warning)") }
            Output.text("imported \(DecisionText.summary(created)) as ledger entry \(entry.index)")
        }
    }
}
