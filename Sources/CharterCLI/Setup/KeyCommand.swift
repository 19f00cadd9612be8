import ArgumentParser
import CharterLedger

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show the ledger's public key.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the public key that verifies this ledger's checkpoints.",
            discussion: """
                The default form is a C2SP verifier key (NAME+KEYID+BASE64), which `charter ledger \
                verify-proof --key` and any signed-note verifier accept. --format pem prints the same \
                key as a PEM SubjectPublicKeyInfo for openssl or Python's cryptography.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case vkey, pem
        }

        @OptionGroup var global: GlobalOptions

        @Option(help: "vkey or pem.")
        var format: Format = .vkey

        func run() throws {
            let workspace = try Workspace(global)
            let key = try workspace.keys.trustedVerifiers()[0]
            if global.json {
                try Output.json(KeyExport(name: key.name, keyID: key.keyIDHex, vkey: key.vkey, pem: key.pem))
            } else {
                Output.text(format == .vkey ? key.vkey : key.pem)
            }
        }
    }
}

struct KeyExport: Encodable {
    let name: String
    let keyID: String
    let vkey: String
    let pem: String
}
