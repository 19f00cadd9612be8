@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct GitleaksRuleFileTests {
    /// A team's `.gitleaks.toml` as gitleaks 8 documents it: made-up prefixes, no real formats.
    static let config = #"""
        # Custom rules for the Acme monorepo
        title = "Acme gitleaks config"

        [extend]
        useDefault = true
        disabledRules = ["generic-api-key"]

        [[rules]]
        id = "acme-api-key"
        description = "Acme internal API key"
        regex = '''(?i)acme[_-]?api[_-]?key\s*[:=]\s*["']?(acmk_[a-z0-9]{32})["']?'''
        secretGroup = 1
        entropy = 3.5
        keywords = [
            "acme_api_key",
            "ACME-API-KEY", # matched lowercase
        ]
        tags = ["internal", "api"]

            [rules.allowlist]
            description = "Known test keys"
            regexes = ['''^acmk_0{32}$''']
            stopwords = ["dummy"]

        [[rules]]
        id = "acme-session-token"
        description = "Acme session token"
        regex = '''\b(acst_[A-Za-z0-9]{40})\b'''
        keywords = ["acst_"]

            [[rules.allowlists]]
            description = "Fixtures"
            paths = ['''(^|/)testdata/''']

            [[rules.allowlists]]
            regexTarget = "match"
            regexes = ['''^acst_TEST''']

        [[rules]]
        id = "acme-db-url"
        regex = '''postgres://[a-z]+:[^@\s]+@db\.acme\.internal'''

        [allowlist]
        description = "global allowlist"
        paths = [
          '''(^|/)vendor/''',
          '''\.lock$''',
        ]
        stopwords = ["example"]
        """#

    static func parse(_ text: String = config, file: String = ".gitleaks.toml") throws -> GitleaksRuleFile {
        try GitleaksRuleFile.parse(text, file: file)
    }

    static func acmeKey(seed: UInt64) -> String { "acmk_" + FakeSecrets.characters(32, seed: seed).lowercased() }
    static func sessionToken(seed: UInt64) -> String { "acst_" + FakeSecrets.characters(40, seed: seed) }

    @Test func importedRulesArePrefixedAndKeepTheirSettings() throws {
        let file = try Self.parse()
        #expect(file.rules.map(\.id) == ["gitleaks-acme-api-key", "gitleaks-acme-session-token", "gitleaks-acme-db-url"])
        let key = file.rules[0]
        #expect(key.description == "Acme internal API key")
        #expect(key.pattern == #"(?i)acme[_-]?api[_-]?key\s*[:=]\s*["']?(acmk_[a-z0-9]{32})["']?"#)
        #expect(key.secretGroup == 1)
        #expect(key.minimumEntropy == 3.5)
        #expect(key.keywords == ["acme_api_key", "acme-api-key"])
        #expect(key.confidence == .medium)
        #expect(!key.generic)
    }

    @Test func secretGroupDefaultsLikeGitleaks() throws {
        let file = try Self.parse()
        #expect(file.rules[1].secretGroup == 1, "the only capture group when secretGroup is unset")
        #expect(file.rules[1].minimumEntropy == nil)
        #expect(file.rules[2].secretGroup == 0, "the whole match when there is no group")
        #expect(file.rules[2].description == "gitleaks rule acme-db-url")
        #expect(file.rules[2].keywords == ["acme-db-url"])

        let twoGroups = try Self.parse("[[rules]]\nid = \"pair\"\nregex = '''(user)=(pass)'''\n")
        #expect(twoGroups.rules[0].secretGroup == 0)
        let explicit = try Self.parse("[[rules]]\nid = \"pair\"\nregex = '''(user)=(pass)'''\nsecretGroup = 2\n")
        #expect(explicit.rules[0].secretGroup == 2)
    }

    @Test func ruleAllowlistsInBothSpellingsAreKept() throws {
        let file = try Self.parse()
        #expect(Set(file.ruleAllowlists.keys) == ["gitleaks-acme-api-key", "gitleaks-acme-session-token"])

        let key = try #require(file.ruleAllowlists["gitleaks-acme-api-key"])
        #expect(key.allows(secret: "acmk_" + String(repeating: "0", count: 32)))
        #expect(key.allows(secret: "acmk_dummy" + FakeSecrets.characters(27, seed: 1).lowercased()))
        #expect(!key.allows(secret: Self.acmeKey(seed: 2)))

        let session = try #require(file.ruleAllowlists["gitleaks-acme-session-token"])
        #expect(session.pathRegexes.count == 1)
        #expect(session.allows(path: "pkg/testdata/tokens.txt"))
        #expect(!session.allows(path: "pkg/data/tokens.txt"))
        #expect(session.allows(secret: "acst_TEST" + FakeSecrets.characters(36, seed: 3)))
        #expect(!session.allows(secret: Self.sessionToken(seed: 4)))
    }

    @Test func globalAllowlistPathsAreRegularExpressions() throws {
        let global = try Self.parse().globalAllowlist
        #expect(global.paths.isEmpty)
        #expect(global.pathRegexes.count == 2)
        #expect(global.allows(path: "vendor/lib/x.go"))
        #expect(global.allows(path: "app/vendor/x.go"))
        #expect(global.allows(path: "Gemfile.lock"))
        #expect(!global.allows(path: "src/vendors.go"))
        #expect(!global.allows(path: "src/main.go"))
        #expect(global.allows(secret: "acmk_EXAMPLE_value"))
    }

    @Test func importedRulesCompileAndFindTheirSamples() throws {
        let file = try Self.parse()
        let engine = try SecretEngine(rules: file.rules)
        let key = Self.acmeKey(seed: 10)
        let session = Self.sessionToken(seed: 11)
        let password = FakeSecrets.characters(16, seed: 12)
        let text = """
            ACME_API_KEY = "\(key)"
            session: \(session)
            DATABASE_URL=postgres://app:\(password)@db.acme.internal/prod
            acme-api-key: acmk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa

            """
        let matches = try engine.makeScanner().scan(Array(text.utf8))
        #expect(matches.map(\.ruleID) == ["gitleaks-acme-api-key", "gitleaks-acme-session-token", "gitleaks-acme-db-url"])
        #expect(matches.map(\.secret) == [key, session, "postgres://app:\(password)@db.acme.internal"])
    }

    @Test func importedAllowlistsApplyThroughTheScanner() throws {
        let file = try Self.parse()
        var options = SecretScanOptions()
        options.workers = 1
        options.allowlist = file.globalAllowlist
        options.ruleAllowlists = file.ruleAllowlists
        let scanner = SecretScanner(engine: try SecretEngine(rules: file.rules), key: FakeSecrets.key(), options: options)
        let session = "session: \(Self.sessionToken(seed: 20))\n"
        let dummy = "acme_api_key=acmk_dummy\(FakeSecrets.characters(27, seed: 21).lowercased())\n"
        let findings = try scanner.scan(fragments: [
            ScanFragment(path: "pkg/testdata/session.txt", bytes: Array(session.utf8)),
            ScanFragment(path: "pkg/live/session.txt", bytes: Array(session.utf8)),
            ScanFragment(path: "config/app.env", bytes: Array(dummy.utf8)),
        ])
        #expect(findings.map(\.location.path) == ["pkg/live/session.txt"])
        #expect(findings.map(\.ruleID) == ["gitleaks-acme-session-token"])
    }

    @Test func pathOnlyRuleIsRefusedNamingItsID() {
        let text = """
            [[rules]]
            id = "acme-api-key"
            regex = '''acmk_[a-z0-9]{32}'''

            [[rules]]
            id = "pkcs12-file"
            description = "PKCS #12 file"
            path = '''(?i)\\.(p12|pfx)$'''
            """
        #expect {
            try Self.parse(text, file: "team/.gitleaks.toml")
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .configuration && error.message.contains("pkcs12-file") && error.message.contains("team/.gitleaks.toml")
                && error.message.contains("rules[1]")
        }
    }

    @Test func ruleWithoutAnIDIsRefused() {
        #expect {
            try Self.parse("[[rules]]\nregex = '''x'''\n")
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .configuration && error.message.contains("needs an id")
        }
    }

    @Test func tomlSyntaxErrorNamesTheFileAndLine() {
        let text = "title = \"broken\"\n\n[[rules]]\nid = 'unterminated\nregex = '''x'''\n"
        #expect {
            try Self.parse(text, file: "custom.toml")
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .inputUnreadable && error.message.hasPrefix("custom.toml:4: ") && error.message.contains("gitleaks rule file")
        }
    }

    @Test func badAllowlistRegexNamesItsField() {
        let text = "[[rules]]\nid = \"a\"\nregex = '''x'''\n[[rules.allowlists]]\npaths = ['''(unclosed''']\n"
        #expect {
            try Self.parse(text, file: "g.toml")
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .configuration && error.message.contains("g.toml: rules[0].allowlists[0].paths") && error.message.contains("(unclosed")
        }
    }

    @Test func anInvalidRuleRegexIsNamedWhenTheEngineCompiles() throws {
        let file = try Self.parse("[[rules]]\nid = \"broken\"\nregex = '''(unclosed'''\n")
        #expect {
            try SecretEngine(rules: file.rules)
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .patternInvalid && error.message.contains("gitleaks-broken")
        }
    }

    @Test func loadReadsAFileAndNamesAMissingOne() throws {
        let folder = try TemporaryDirectory("gitleaks")
        defer { folder.remove() }
        try Self.config.write(toFile: folder.file(".gitleaks.toml"), atomically: false, encoding: .utf8)
        #expect(try GitleaksRuleFile.load(folder.file(".gitleaks.toml")).rules.count == 3)

        let missing = folder.file("absent.toml")
        #expect {
            try GitleaksRuleFile.load(missing)
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .inputUnreadable && error.message.contains(missing)
        }
    }

    @Test func aFileWithoutRulesImportsNothing() throws {
        let file = try Self.parse("title = \"empty\"\n[extend]\nuseDefault = true\n")
        #expect(file.rules.isEmpty)
        #expect(file.ruleAllowlists.isEmpty)
        #expect(file.globalAllowlist.isEmpty)
    }
}
