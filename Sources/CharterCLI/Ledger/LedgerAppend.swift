import ArgumentParser
import CharterCore
import CharterLedger

struct LedgerAppend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append one entry.",
        discussion: """
            The payload is a JSON object given inline, as @FILE, or as - for standard input. It is \
            stored in RFC 8785 canonical form. Kinds in namespaces Charter writes itself (decision, \
            gate, access, waiver, control, ledger) are refused: use your own, e.g. deploy.approved.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Dotted lowercase name such as deploy.approved.", valueName: "kind"))
    var kind: String

    @Option(help: ArgumentHelp("What the entry is about (a service, commit, person…).", valueName: "subject"))
    var subject: String

    @Option(help: "Why this happened.")
    var reason: String?

    @Option(help: ArgumentHelp("A JSON object, @FILE, or - for standard input.", valueName: "json"))
    var payload: String = "{}"

    func run() throws {
        let workspace = try Workspace(global)
        let kind = try EntryKind(validating: kind)
        try Ledger.requireUnreserved(kind)
        let value = try PayloadArgument.parse(payload)
        let draft = try EntryDraft(kind: kind, actor: workspace.actor, subject: subject, reason: reason, payload: value)
        let entry = try workspace.ledger().append([draft])[0]
        if global.json {
            try Output.json(try entry.jsonValue())
        } else {
            Output.text("appended entry \(entry.index) (\(entry.kind)) at \(entry.time)")
        }
    }
}

/// `--payload` values: inline JSON, `@file`, or `-` for standard input.
enum PayloadArgument {
    static func parse(_ argument: String) throws -> JSONValue {
        let source: String
        let bytes: [UInt8]
        if argument == "-" {
            source = "<stdin>"
            bytes = try InputFile.read("-", what: "payload")
        } else if argument.hasPrefix("@") {
            source = String(argument.dropFirst())
            bytes = try InputFile.read(source, what: "payload file")
        } else {
            source = "--payload"
            bytes = Array(argument.utf8)
        }
        let value = try JSONParser.parse(bytes, source: source)
        guard value.objectValue != nil else {
            throw CLIError.input("\(source): the payload must be a JSON object such as {\"service\": \"api\"}, not \(describe(value))")
        }
        return value
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
