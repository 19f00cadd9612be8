import ArgumentParser
import CharterCore
import CharterGate
import CharterLedger
import Foundation

struct WaiverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waiver",
        abstract: "Grant, list and revoke waivers: reviewed exceptions that always expire.",
        discussion: """
            Waivers live in charter.yml (so they are reviewed like code) and every change is also a \
            ledger entry (waiver.add, waiver.revoke). A waiver covers one finding by fingerprint, \
            or one rule in a path or glob; it carries a reason, an approver other than the person \
            adding it, and an expiry no further away than the policy allows (90 days by default).
            """,
        subcommands: [WaiverAdd.self, WaiverList.self, WaiverRevoke.self]
    )
}

/// Options naming the policy file a waiver command edits.
struct PolicyFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The policy file to edit.", valueName: "file"))
    var policy: String = PolicyLoader.fileName
}

struct WaiverAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a waiver to charter.yml and record it in the ledger.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: PolicyFileOptions

    @Option(help: ArgumentHelp("The finding's fingerprint, as a scan prints it (hmac-sha256:…).", valueName: "fingerprint"))
    var fingerprint: String?

    @Option(help: ArgumentHelp("A rule id (with --path) instead of a fingerprint; * for every rule.", valueName: "rule"))
    var rule: String?

    @Option(help: ArgumentHelp("With --rule: a path or glob such as testdata/**.", valueName: "glob"))
    var path: String?

    @Option(help: "Why the exception is acceptable.")
    var reason: String

    @Option(help: ArgumentHelp("Who approved it; must not be the actor adding it.", valueName: "name"))
    var approver: String

    @Option(help: ArgumentHelp("The last day it applies: a date (2026-12-31) or a number of days (30d).", valueName: "date"))
    var expires: String

    func validate() throws {
        if (fingerprint == nil) == (rule == nil) { throw ValidationError("give --fingerprint, or --rule with --path") }
        if rule != nil && path == nil { throw ValidationError("--rule needs --path (a path or glob)") }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
    }

    func run() throws {
        let workspace = try Workspace(global)
        guard approver.trimmingCharacters(in: .whitespaces).lowercased() != workspace.actor.lowercased() else {
            throw CLIError.usage("\(workspace.actor) cannot approve their own waiver; name the person who reviewed it with --approver")
        }
        let now = Date()
        let today = WaiverDate.day(of: now)
        let expiry = try Self.parseExpiry(expires, today: today)
        guard expiry >= today else {
            throw CLIError.usage("--expires \(expires) is in the past")
        }
        var editor = try WaiverFile(path: file.policy)
        let current = try PolicyLoader.parse(Data(editor.text.utf8), file: file.policy, today: now)
        let scope: Waiver.Scope = fingerprint.map { .fingerprint($0) } ?? .rule(rule ?? "", path: path ?? "")
        let waiver = Waiver(
            id: editor.nextID(existing: current.waivers), scope: scope, reason: reason, approver: approver,
            expires: expiry, created: today)
        let original = editor.text
        editor.add(waiver)
        try RecordedEdit.write(editor, original: original, ledger: try workspace.ledger(), today: now, entry: try EntryDraft(
            kind: EntryKind(validating: "waiver.add"), actor: workspace.actor, subject: waiver.id, reason: reason,
            payload: WaiverPayload.json(waiver, policyFile: file.policy)))
        if global.json {
            try Output.json(WaiverPayload.json(waiver, policyFile: file.policy))
        } else {
            Output.text("added waiver \(waiver.id) until \(waiver.expiresDay), approved by \(approver), in \(file.policy)")
        }
    }

    /// `today` is the start of the current UTC day.
    static func parseExpiry(_ text: String, today: Date) throws -> Date {
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0,
            let date = Calendar.utc.date(byAdding: .day, value: days, to: today) {
            return date
        }
        guard let date = WaiverDate.parse(text) else {
            throw CLIError.usage("--expires: expected a date such as 2026-12-31 or a number of days such as 30d, got \"\(text)\"")
        }
        return date
    }
}

struct WaiverList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the waivers in charter.yml and whether each is in force.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: PolicyFileOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file.policy) else {
            if global.json { try Output.json([String]()) } else { Output.text("no waivers (\(file.policy) does not exist)") }
            return
        }
        let now = Date()
        let policy = try PolicyLoader.parse(data, file: file.policy, today: now)
        if global.json {
            try Output.json(.array(policy.waivers.map { waiver in
                var value = WaiverPayload.json(waiver, policyFile: file.policy)
                if case .object(var members) = value {
                    members["expired"] = .bool(waiver.isExpired(at: now))
                    value = .object(members)
                }
                return value
            }))
            return
        }
        let rows = policy.waivers.map { waiver -> [String] in
            let scope: String
            switch waiver.scope {
            case .fingerprint(let fingerprint): scope = String(fingerprint.prefix(24)) + "…"
            case .rule(let rule, let path): scope = "\(rule) in \(path)"
            }
            return [waiver.id, waiver.isExpired(at: now) ? "expired" : "in force", waiver.expiresDay, waiver.approver, scope, waiver.reason]
        }
        Output.text(rows.isEmpty ? "no waivers" : TextTable.render(header: ["ID", "STATUS", "EXPIRES", "APPROVER", "SCOPE", "REASON"], rows: rows))
    }
}

struct WaiverRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Remove a waiver from charter.yml and record the revocation.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var file: PolicyFileOptions

    @Argument(help: ArgumentHelp("The waiver's id, e.g. W-003.", valueName: "id"))
    var id: String

    @Option(help: "Why it is revoked.")
    var reason: String

    func run() throws {
        let workspace = try Workspace(global)
        var editor = try WaiverFile(path: file.policy)
        let original = editor.text
        guard editor.remove(id: id) else { throw CLIError.usage("\(file.policy) has no waiver \(id); `charter waiver list` shows them") }
        try RecordedEdit.write(editor, original: original, ledger: try workspace.ledger(), today: Date(), entry: try EntryDraft(
            kind: EntryKind(validating: "waiver.revoke"), actor: workspace.actor, subject: id, reason: reason,
            payload: .object(["id": .string(id), "policyFile": .string(file.policy)])))
        if global.json { try Output.json(.object(["revoked": .string(id)])) } else { Output.text("revoked waiver \(id)") }
    }
}

/// Writes an edited policy file, then the ledger entry that records the edit. The ledger is the
/// record: when its entry cannot be written, the file goes back to `original`.
enum RecordedEdit {
    static func write(_ editor: WaiverFile, original: String, ledger: Ledger, today: Date, entry: EntryDraft) throws {
        _ = try editor.write(today: today)
        do {
            _ = try ledger.append([entry])
        } catch {
            var restore = editor
            restore.replaceText(original)
            _ = try? restore.write(today: today)
            throw error
        }
    }
}

/// A waiver as recorded in the ledger and printed with --json.
enum WaiverPayload {
    static func json(_ waiver: Waiver, policyFile: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(waiver.id), "reason": .string(waiver.reason), "approver": .string(waiver.approver),
            "expires": .string(waiver.expiresDay), "policyFile": .string(policyFile),
        ]
        if let created = waiver.created { members["created"] = .string(WaiverDate.format(created)) }
        switch waiver.scope {
        case .fingerprint(let fingerprint): members["fingerprint"] = .string(fingerprint)
        case .rule(let rule, let path):
            members["rule"] = .string(rule)
            members["path"] = .string(path)
        }
        return .object(members)
    }
}
