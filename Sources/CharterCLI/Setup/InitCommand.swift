import ArgumentParser
import CharterCore
import CharterLedger
import CharterStore
import CharterStoreSQLite
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the store and the ledger's Ed25519 signing key.",
        discussion: """
            Creates <home>/charter.db (SQLite, WAL) and <home>/keys/ledger.key (mode 0600) with its \
            public key in <home>/keys/ledger.pub. A second init changes nothing and fails; with \
            --force on an existing store the signing key is rotated: the old key pair moves to \
            keys/retired/ (its public key still verifies the checkpoints it signed), and the rotation is a ledger entry.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The log's name in checkpoints and its key name: a schema-less URL such as example.com/payments (default: charter.local/<folder>-<random>).", valueName: "name"))
    var origin: String?

    @Flag(help: "Rotate the signing key of an existing store.")
    var force = false

    func run() throws {
        let workspace = try Workspace(global)
        let storeExists = FileManager.default.fileExists(atPath: workspace.storePath)
        if storeExists {
            guard force else {
                throw StoreError(.alreadyExists, "Charter is already initialized at \(workspace.home); nothing was changed (use --force to rotate the signing key)")
            }
            try rotate(workspace)
        } else {
            try create(workspace)
        }
    }

    /// Creates the store and the key; on any failure, removes what this run created.
    private func create(_ workspace: Workspace) throws {
        let keys = workspace.keys
        if keys.exists && !force {
            throw LedgerError(.keyExists, "\(keys.privateKeyPath) exists but there is no store beside it; move the key away or pass --force to replace it")
        }
        let name = origin ?? Self.defaultOrigin()
        try NoteVerifier.validateName(name)
        try Self.writeGitignore(in: workspace.home)
        let signer = try NoteSigner.generate(name: name)
        // Another `init` may win a race to create the store: only what this run created is removed.
        let store = try SQLiteStore.create(path: workspace.storePath, lockTimeout: workspace.lockTimeout)
        do {
            try store.write { writer in
                try writer.setSetting("ledger.origin", name)
                _ = try Ledger(store: store).append([
                    try EntryDraft(kind: EntryKind(validating: "ledger.initialized"), actor: workspace.actor, subject: name,
                                   payload: .object(["origin": .string(name), "publicKey": .string(signer.verifier.vkey)]))
                ], in: writer)
            }
            try keys.install(signer, rotate: true)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.storePath + suffix) }
            if !force { keys.removeCurrent() }
            throw error
        }
        try report(workspace, signer: signer, rotated: nil)
    }

    /// Writes the new key files aside, records the rotation in the ledger, then swaps the files in:
    /// the ledger never misses a key that signed something, and names no key that was not written.
    private func rotate(_ workspace: Workspace) throws {
        let store = try workspace.openStore()
        let keys = workspace.keys
        let name = try store.read { try $0.setting("ledger.origin") } ?? origin ?? Self.defaultOrigin()
        if let origin, origin != name {
            throw CLIError.usage("the ledger's origin is \(name); it cannot be renamed to \(origin) (checkpoints name it)")
        }
        let signer = try NoteSigner.generate(name: name)
        var payload: [String: JSONValue] = ["origin": .string(name), "publicKey": .string(signer.verifier.vkey)]
        if keys.exists { payload["retiredKey"] = .string(try keys.load().verifier.vkey) }
        let staged = try keys.stage(signer)
        try Ledger(store: store).append([
            try EntryDraft(kind: EntryKind(validating: "ledger.key-rotated"), actor: workspace.actor, subject: name, payload: .object(payload))
        ])
        let retired = try keys.commit(staged)
        try report(workspace, signer: signer, rotated: retired)
    }

    private func report(_ workspace: Workspace, signer: NoteSigner, rotated: NoteVerifier?) throws {
        if global.json {
            try Output.json(InitResult(
                home: workspace.home, store: workspace.storePath, origin: signer.name, privateKey: workspace.keys.privateKeyPath,
                publicKey: signer.verifier.vkey, retiredKey: rotated?.vkey))
            return
        }
        var lines = [rotated == nil ? "Initialized Charter in \(workspace.home)" : "Rotated the signing key of \(workspace.home)"]
        lines.append("  store        \(workspace.storePath)")
        lines.append("  signing key  \(workspace.keys.privateKeyPath) (mode 600; back it up, never commit it)")
        lines.append("  public key   \(signer.verifier.vkey)")
        if let rotated { lines.append("  retired key  \(rotated.vkey) (still verifies the checkpoints it signed)") }
        lines.append("Give auditors the public key: charter key export")
        Output.text(lines.joined(separator: "\n"))
    }

    private static func defaultOrigin() -> String {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
        let safe = String(folder.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
        let random = LowercaseHex.string((0..<3).map { _ in UInt8.random(in: 0...255) })
        return "charter.local/\(safe.isEmpty ? "project" : safe)-\(random)"
    }

    /// Keeps the store and the private key out of the project's git history; written before either exists.
    static func writeGitignore(in home: String) throws {
        let path = home + "/.gitignore"
        guard !FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try Data("# Charter's store and signing key: never commit these.\n*\n".utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(category: .storage, message: "cannot create \(home): \(error.localizedDescription)")
        }
    }
}

struct InitResult: Encodable {
    let home: String
    let store: String
    let origin: String
    let privateKey: String
    let publicKey: String
    let retiredKey: String?
}
