import CharterCore
import Foundation

/// A team's custom gitleaks rules (`.gitleaks.toml`), brought over as Charter rules: each rule's
/// regex, secret group, entropy and keywords, its allowlists, and the file's global allowlist.
/// Path-only rules (no regex) match files, not secrets, and are refused with their id.
package struct GitleaksRuleFile: Sendable {
    package let rules: [SecretRule]
    package let ruleAllowlists: [String: SecretAllowlist]
    package let globalAllowlist: SecretAllowlist

    package static func load(_ path: String) throws -> GitleaksRuleFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecretsError(.inputUnreadable, "\(path): gitleaks rule file cannot be read; check the path in charter.yml (gates.secrets.import-rules)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    package static func parse(_ text: String, file: String) throws -> GitleaksRuleFile {
        let document: JSONValue
        do {
            document = try TOMLParser.parse(text, file: file)
        } catch let error as TOMLError {
            throw SecretsError(.inputUnreadable, "\(error.description) (gitleaks rule file)")
        }
        var rules: [SecretRule] = []
        var ruleAllowlists: [String: SecretAllowlist] = [:]
        for (position, item) in (document["rules"]?.arrayValue ?? []).enumerated() {
            let field = "\(file): rules[\(position)]"
            guard let id = item["id"]?.stringValue, !id.isEmpty else { throw SecretsError(.configuration, "\(field): a rule needs an id") }
            guard let regex = item["regex"]?.stringValue, !regex.isEmpty else {
                throw SecretsError(.configuration, "\(field) (\(id)): path-only rules are not supported; give the rule a regex or drop it")
            }
            // gitleaks takes the only capture group when secretGroup is unset, else the whole match.
            let groups = (try? NSRegularExpression(pattern: regex).numberOfCaptureGroups) ?? 0
            let group = item["secretGroup"]?.doubleValue.map(Int.init) ?? (groups == 1 ? 1 : 0)
            let keywords = (item["keywords"]?.arrayValue ?? []).compactMap(\.stringValue).map { $0.lowercased() }
            rules.append(SecretRule(
                id: "gitleaks-" + id, description: item["description"]?.stringValue ?? "gitleaks rule \(id)",
                keywords: keywords.isEmpty ? [id] : keywords, pattern: regex, secretGroup: group,
                confidence: .medium, minimumEntropy: item["entropy"]?.doubleValue, truePositives: [], falsePositives: []))
            var allowlist = SecretAllowlist()
            for (index, list) in allowlists(of: item).enumerated() {
                allowlist.merge(try Self.allowlist(list, field: "\(field).allowlists[\(index)]"))
            }
            if !allowlist.isEmpty { ruleAllowlists["gitleaks-" + id] = allowlist }
        }
        var global = SecretAllowlist()
        for (index, list) in allowlists(of: document).enumerated() {
            global.merge(try Self.allowlist(list, field: "\(file): allowlists[\(index)]"))
        }
        return GitleaksRuleFile(rules: rules, ruleAllowlists: ruleAllowlists, globalAllowlist: global)
    }

    /// gitleaks 8 wrote one `[allowlist]` table; later versions write `[[allowlists]]`.
    private static func allowlists(of table: JSONValue) -> [JSONValue] {
        (table["allowlist"].map { [$0] } ?? []) + (table["allowlists"]?.arrayValue ?? [])
    }

    private static func allowlist(_ table: JSONValue, field: String) throws -> SecretAllowlist {
        func strings(_ key: String) -> [String] { (table[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        // gitleaks allowlist paths are regular expressions, not globs.
        let pathRegexes = try strings("paths").map { text in
            do { return try NSRegularExpression(pattern: text) } catch {
                throw SecretsError(.configuration, "\(field).paths: \"\(text)\" is not a valid regular expression")
            }
        }
        var list = try SecretAllowlist(paths: [], regexes: strings("regexes"), stopwords: strings("stopwords"), field: field)
        list.pathRegexes = pathRegexes
        return list
    }
}
