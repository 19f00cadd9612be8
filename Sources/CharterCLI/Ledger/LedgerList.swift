import ArgumentParser
import CharterCore
import CharterStore
import Foundation

struct LedgerList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List entries, oldest first.",
        discussion: "--kind takes a full kind (decision.approved) or a namespace (decision)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this kind, or every kind in this namespace.")
    var kind: String?

    @Option(help: ArgumentHelp("Only entries at or after this time: RFC 3339, YYYY-MM-DD, or a duration ago such as 90m, 24h, 7d.", valueName: "time"))
    var since: String?

    @Option(help: "Only entries about this subject.")
    var subject: String?

    @Option(help: "At most this many entries.")
    var limit: Int?

    @Flag(help: "Newest first.")
    var reverse = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var query = EntryQuery(subject: subject, limit: limit, descending: reverse)
        if let kind {
            if kind.contains(".") { query.kind = try EntryKind(validating: kind).rawValue } else { query.kindPrefix = kind }
        }
        if let since { query.since = try SinceArgument.parse(since, now: Date()) }
        let entries = try Workspace(global).openStore(readOnly: true).read { try $0.entries(matching: query) }
        if global.json {
            try Output.json(.array(try entries.map { try $0.jsonValue() }))
            return
        }
        if entries.isEmpty {
            Output.text("no entries match")
            return
        }
        let rows = entries.map { entry in
            [String(entry.index), entry.time, entry.kind.rawValue, entry.actor, entry.subject, entry.reason ?? ""]
        }
        Output.text(TextTable.render(header: ["INDEX", "TIME", "KIND", "ACTOR", "SUBJECT", "REASON"], rows: rows))
    }
}

/// `--since` values: an RFC 3339 time, a date, or a duration before now.
enum SinceArgument {
    static func parse(_ text: String, now: Date) throws -> String {
        if let date = RFC3339.parse(text) { return RFC3339.format(date) }
        let units: [Character: Double] = ["m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let seconds = units[unit], let amount = Double(text.dropLast()), amount.isFinite, (0...1_000_000).contains(amount) {
            return RFC3339.format(now.addingTimeInterval(-amount * seconds))
        }
        throw CLIError.usage("--since \"\(text)\" is not a time: use RFC 3339 (2026-11-01T00:00:00Z), a date (2026-11-01) or a duration such as 90m, 24h, 7d, 2w")
    }
}
