/// Masks secret values in anything shown: every value the probe found (read from the probed
/// text by its range) and every literal value of a secret-named variable is replaced by its
/// redaction wherever it appears, so no finding's preview or note carries a secret.
struct PreviewRedactor {
    /// Values shorter than this are not masked in other text: too short to be a secret worth
    /// hiding, and masking them would garble unrelated words.
    static let minimumMaskedLength = 3

    private var replacements: [(value: String, shown: String)] = []

    init(context: RuleContext) {
        for found in context.secrets {
            let bytes = Array(found.instruction.probeText.utf8)
            for secret in found.secrets where secret.range.lowerBound >= 0 && secret.range.upperBound <= bytes.count {
                add(String(decoding: bytes[secret.range], as: UTF8.self), shown: secret.preview)
            }
        }
        for (_, pair) in context.secretNamedPairs where SecretNames.isLiteral(pair.value) {
            if let value = pair.value { add(value, shown: Self.redaction(of: value)) }
            if let raw = pair.rawValue { add(raw, shown: Self.redaction(of: raw)) }
        }
        replacements.sort { $0.value.count > $1.value.count }
    }

    /// What a secret-named literal shows instead of its value: only its length.
    static func redaction(of value: String) -> String { "…(\(value.count) chars)" }

    private mutating func add(_ value: String, shown: String) {
        guard value.count >= Self.minimumMaskedLength, !replacements.contains(where: { $0.value == value }) else { return }
        replacements.append((value, shown))
    }

    func redact(_ text: String) -> String {
        replacements.reduce(text) { text, replacement in
            text.contains(replacement.value) ? text.replacing(replacement.value, with: replacement.shown) : text
        }
    }
}
