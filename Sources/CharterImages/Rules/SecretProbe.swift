/// Finds secrets in text for the Dockerfile rules without this module depending on the secret
/// engine: the caller adapts its engine (CharterSecrets) to this protocol, tests pass a small one.
package protocol SecretProbe: Sendable {
    /// Every secret in `text`, with its position so the checker can mask it in any preview.
    func secrets(in text: String) -> [ProbedSecret]
    /// Why some text could not be probed (the engine failed): a check that could not look for
    /// secrets must not pass as if there were none.
    func failures() -> [String]
}

extension SecretProbe {
    package func failures() -> [String] { [] }
}

/// A secret a probe found. Carries no raw value: the checker reads the value from the text it
/// handed over (by `range`) only to mask it, and never stores or prints it.
package struct ProbedSecret: Sendable, Equatable {
    /// The secret rule that matched (`aws-access-key-id`).
    package let ruleID: String
    /// A redaction such as `AKIA…(20 chars)`.
    package let preview: String
    /// A stable identity for fingerprints that does not reveal the value (a keyed hash of it).
    package let identity: String
    /// UTF-8 byte offsets of the secret in the text passed to `secrets(in:)`.
    package let range: Range<Int>

    package init(ruleID: String, preview: String, identity: String, range: Range<Int>) {
        self.ruleID = ruleID
        self.preview = preview
        self.identity = identity
        self.range = range
    }
}

/// A probe that finds nothing, for callers that run the secrets gate separately.
package struct NoSecretProbe: SecretProbe {
    package init() {}
    package func secrets(in text: String) -> [ProbedSecret] { [] }
}
