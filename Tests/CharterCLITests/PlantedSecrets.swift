import CharterSecrets
import Foundation

/// Secrets planted in a test project: one true-positive sample of every built-in rule, each in
/// its own file, and the exact secret values the engine extracts from them.
struct PlantedSecrets {
    let files: [String: String]
    let secrets: [String]
    /// 8-byte pieces of text Charter ships (rule ids, SARIF rule names, descriptions): fixed parts of a token
    /// format such as a webhook host or a vendor marker, which are no leak when printed.
    private let shipped: Set<UInt64>

    init() throws {
        let engine = try SecretEngine(rules: SecretCatalog.all)
        let scanner = try engine.makeScanner()
        var files: [String: String] = [:]
        var secrets: Set<String> = []
        for rule in SecretCatalog.all {
            guard let sample = rule.truePositives.first else { continue }
            files["planted/\(rule.id).txt"] = sample + "\n"
            for match in try scanner.scan(Array(sample.utf8)) where match.ruleID == rule.id {
                secrets.insert(match.secret)
            }
        }
        self.files = files
        self.secrets = secrets.sorted()
        shipped = Self.windows(of: SecretCatalog.all.map { rule in
            let name = rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            return [rule.id, name, rule.description, rule.keywords.joined(separator: " ")].joined(separator: " ")
        }.joined(separator: "\n"))
    }

    /// What in `text` gives away more of a planted secret than its preview: the whole secret,
    /// or any 8 bytes mixing letters and digits from the secret's second half (past its fixed
    /// prefix) that Charter does not itself ship. Returned as redacted previews, so a failing test leaks nothing either.
    func leaks(in text: String) -> [String] {
        let seen = Self.windows(of: text)
        var found: [String] = []
        for secret in secrets {
            let bytes = Array(secret.utf8)
            if bytes.count >= 8, text.contains(secret) {
                found.append(RedactedPreview.of(secret) + " (whole)")
                continue
            }
            let half = bytes.count / 2
            guard bytes.count - half >= 8 else { continue }
            for start in half...(bytes.count - 8) {
                let piece = bytes[start..<(start + 8)]
                // Random material mixes letters and digits; plain words ("version=") are format text.
                guard piece.contains(where: { (48...57).contains($0) }), piece.contains(where: { (65...90).contains($0) || (97...122).contains($0) }) else { continue }
                let window = Self.pack(piece)
                if seen.contains(window) && !shipped.contains(window) {
                    found.append(RedactedPreview.of(secret) + " (part)")
                    break
                }
            }
        }
        return found
    }

    private static func windows(of text: String) -> Set<UInt64> {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8 else { return [] }
        var set = Set<UInt64>(minimumCapacity: bytes.count)
        for start in 0...(bytes.count - 8) { set.insert(pack(bytes[start..<(start + 8)])) }
        return set
    }

    private static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
