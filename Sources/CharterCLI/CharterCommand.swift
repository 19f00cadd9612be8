import ArgumentParser

/// `charter`: the root of the command tree.
package struct CharterCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "charter",
        abstract: "Security rules as pipeline gates, access that expires, and evidence an auditor can verify.",
        discussion: """
            Every decision Charter records lands in a tamper-evident ledger: a Merkle tree \
            (RFC 9162) whose signed checkpoints let anyone verify an entry offline.

            Start here:
              charter init                      create .charter/ (store and signing key)
              charter scan secrets .            find secrets (text, --json, --format sarif|junit)
              charter db import ADVISORIES/     load OSV advisories for offline dependency checks
              charter scan deps .               find dependencies with known vulnerabilities
              charter check                     run the gates in charter.yml, record the verdict
              charter waiver add --fingerprint F --reason R --approver A --expires 30d
              charter decision import memo.md   record a decision memo
              charter decision approve DM-002   approve it (as someone other than its author)
              charter ledger checkpoint         sign the ledger's current state
              charter ledger verify             recompute everything and check every checkpoint

            Exit codes: 0 pass, 1 verification or gate failed, 2 usage or configuration error, \
            3 input unreadable or unparsable, 4 store or I/O failure (docs/exit-codes.md).

            Shell completions: charter --generate-completion-script bash|zsh|fish
            """,
        version: CharterVersion.current,
        subcommands: [InitCommand.self, KeyCommand.self, CheckCommand.self, VerifyCommand.self, ScanCommand.self, SBOMCommand.self, DatabaseCommand.self, WaiverCommand.self, LedgerCommand.self, DecisionCommand.self]
    )

    package init() {}
}

enum CharterVersion {
    static let current = "0.1.0"
}
