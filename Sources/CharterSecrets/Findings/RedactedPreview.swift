/// What of a secret may be shown: at most its first four characters and its length. Short
/// secrets show less (a quarter of their length), so a preview never gives most of one away.
package enum RedactedPreview {
    package static func of(_ secret: String) -> String {
        let characters = Array(secret)
        let shown = characters.count >= 16 ? 4 : characters.count / 4
        let visible = String(characters.prefix(shown)).replacingOccurrences(of: "\n", with: " ")
        return "\(visible)…(\(characters.count) chars)"
    }
}
