/// Tells variable names that hold a secret (`DB_PASSWORD`, `NPM_TOKEN`, `apiKey`) from names that
/// only point at one (`PASSWORD_FILE`, `TOKEN_URL`, `AWS_ACCESS_KEY_ID`).
enum SecretNames {
    /// A name with one of these words (split at `_`, `-`, `.` and camelCase humps) names a secret.
    private static let secretWords: Set<String> = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY"]
    /// `<qualifier>_KEY` names a key: `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `SIGNING_KEY`…
    private static let keyQualifiers: Set<String> = ["API", "ACCESS", "PRIVATE", "SECRET", "AUTH", "SIGNING", "ENCRYPTION", "MASTER", "CLIENT"]
    /// A last word that makes the name about a secret rather than the secret itself.
    private static let pointerWords: Set<String> = [
        "FILE", "PATH", "DIR", "URL", "URI", "ID", "NAME", "LENGTH", "TTL", "HEADER", "TYPE", "ENDPOINT", "HOST", "PORT",
        "USER", "USERNAME", "EXPIRY", "EXPIRES", "VERSION", "ENABLED", "REQUIRED", "MIN", "MAX", "LOCATION", "ARN",
    ]
    /// Values that switch something on or off rather than hold a secret.
    private static let flagValues: Set<String> = ["", "true", "false", "yes", "no", "on", "off", "none", "null", "0", "1"]

    static func isSecret(_ name: String) -> Bool {
        let words = Self.words(of: name)
        guard let last = words.last, !pointerWords.contains(last) else { return false }
        if words.contains(where: secretWords.contains) { return true }
        return zip(words, words.dropFirst()).contains { keyQualifiers.contains($0) && $1 == "KEY" }
    }

    /// A value written out in the file: not empty, not a yes/no switch, not built from variables.
    static func isLiteral(_ value: String?) -> Bool {
        guard let value else { return false }
        return !flagValues.contains(value.lowercased()) && !value.utf8.contains(UInt8(ascii: "$"))
    }

    /// Uppercased words: `dbPassword` → DB PASSWORD, `NPM_AUTH-token` → NPM AUTH TOKEN.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var word = ""
        var previousWasLower = false
        for character in name {
            if !(character.isLetter || character.isNumber) {
                if !word.isEmpty { words.append(word.uppercased()) }
                word = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower {
                words.append(word.uppercased())
                word = ""
            }
            word.append(character)
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !word.isEmpty { words.append(word.uppercased()) }
        return words
    }
}
