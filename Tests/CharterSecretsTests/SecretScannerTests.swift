import CharterCore
@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct SecretScannerTests {
    static func scanner(
        rules: [SecretRule] = [FakeSecrets.tokenRule], key: FingerprintKey = FakeSecrets.key(),
        _ configure: (inout SecretScanOptions) throws -> Void = { _ in }
    ) throws -> SecretScanner {
        var options = SecretScanOptions()
        options.workers = 2
        try configure(&options)
        return SecretScanner(engine: try SecretEngine(rules: rules), key: key, options: options)
    }

    static func scan(_ text: String, path: String = "config/app.env", with scanner: SecretScanner) throws -> [Finding] {
        try scanner.scan(fragments: [ScanFragment(path: path, bytes: Array(text.utf8))])
    }

    static func scan(_ text: String, path: String = "config/app.env", rules: [SecretRule] = [FakeSecrets.tokenRule],
                     _ configure: (inout SecretScanOptions) throws -> Void = { _ in }) throws -> [Finding] {
        try scan(text, path: path, with: try scanner(rules: rules, configure))
    }

    // MARK: - Location

    @Test func findingsCarryPathAndOneBasedLineAndColumn() throws {
        let token = FakeSecrets.token(seed: 1)
        let finding = try #require(try Self.scan("# settings\n  x = \"\(token)\"\n").first)
        #expect(finding.gate == "secrets")
        #expect(finding.ruleID == "test-tok")
        #expect(finding.title == "A fake test token.")
        #expect(finding.level == .high)
        #expect(finding.location == SourceLocation(path: "config/app.env", line: 2, column: 8))
    }

    @Test func columnsCountCodePointsNotBytes() throws {
        let token = FakeSecrets.token(seed: 2)
        let finding = try #require(try Self.scan("é → 🔑 \(token)").first)
        #expect(finding.location.line == 1)
        #expect(finding.location.column == 7)
    }

    @Test func firstCharacterOfAFileIsLineOneColumnOne() throws {
        let finding = try #require(try Self.scan(FakeSecrets.token(seed: 3)).first)
        #expect(finding.location.line == 1)
        #expect(finding.location.column == 1)
    }

    @Test func patchLinesReportTheirLineInTheFileAndTheirCommit() throws {
        let token = FakeSecrets.token(seed: 4)
        let commit = CommitInfo(id: String(repeating: "c", count: 40), author: "Alice Example <alice@example.com>", date: "2024-01-02T03:04:05+00:00")
        let fragment = ScanFragment(path: "src/app.swift", bytes: Array("first added\nkey=\(token)\n".utf8), commit: commit, lineNumbers: [10, 42])
        let finding = try #require(try Self.scanner().scan(fragments: [fragment]).first)
        #expect(finding.location == SourceLocation(path: "src/app.swift", line: 42, column: 5, commit: commit))
    }

    @Test func filesAreReadFromDiskWithRelativePaths() throws {
        let folder = try TemporaryDirectory("scanner-files")
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("src"), withIntermediateDirectories: true)
        try "one\ntwo \(FakeSecrets.token(seed: 5))\n".write(toFile: folder.file("src/a.env"), atomically: false, encoding: .utf8)
        try "clean\n".write(toFile: folder.file("b.txt"), atomically: false, encoding: .utf8)
        try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: folder.file("blob.txt")))
        let walk = try DirectoryWalker(root: folder.path, maxFileSize: 1 << 20).walk()

        let (findings, totals) = try Self.scanner().scan(files: walk.files)
        #expect(findings.map(\.location) == [SourceLocation(path: "src/a.env", line: 2, column: 5)])
        #expect(totals.files == 2)
        #expect(totals.binary == 1, "a NUL byte marks a file as binary")
        #expect(totals.bytes == 6 + 45)
    }

    /// Walking and reading at once must find, count and skip exactly what walking first does.
    @Test(arguments: [1, 2, 4])
    func folderScanAgreesWithWalkingFirst(workers: Int) throws {
        let folder = try TemporaryDirectory("scanner-folder")
        defer { folder.remove() }
        func write(_ relative: String, _ text: String) throws {
            let path = folder.file(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        try write(".gitignore", "build/\n*.tmp\n")
        for index in 0..<40 {
            let nested = (0...(index % 5)).map { "d\($0)" }.joined(separator: "/")
            try write("p\(index)/\(nested)/a.env", index % 3 == 0 ? "k=\(FakeSecrets.token(seed: UInt64(100 + index)))\n" : "clean \(index)\n")
            try write("p\(index)/notes.tmp", "k=\(FakeSecrets.token(seed: UInt64(200 + index)))\n")
        }
        try write("build/out.env", "k=\(FakeSecrets.token(seed: 300))\n")
        try write("fixtures/a.env", "k=\(FakeSecrets.token(seed: 301))\n")
        try write("large.env", String(repeating: "x", count: 5000))
        try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: folder.file("p1/blob.txt")))
        let scanner = try Self.scanner { options in
            options.workers = workers
            options.allowlist = SecretAllowlist(paths: [try GlobPattern("fixtures/**")])
        }
        let walker = DirectoryWalker(root: folder.path, maxFileSize: 4096)

        let together = try scanner.scan(folder: walker)
        let walked = try walker.walk()
        let first = try scanner.scan(files: walked.files)

        #expect(together.findings.count == 14)
        #expect(together.findings == first.findings)
        #expect(together.totals == first.totals)
        #expect(together.skipped == walked.skipped)
        #expect(together.skipped.ignored == 41 && together.skipped.tooLarge == 1)
        #expect(together.totals.binary == 1)
    }

    @Test func folderScanOfAMissingFolderFails() throws {
        let folder = try TemporaryDirectory("scanner-missing")
        defer { folder.remove() }
        let error = try #require(throws: SecretsError.self) {
            try Self.scanner().scan(folder: DirectoryWalker(root: folder.file("absent"), maxFileSize: 1024))
        }
        #expect(error.code == .inputUnreadable)
        #expect(error.message.contains("absent"))
    }

    @Test func findingsAreInReportOrder() throws {
        let tokens = (10..<13).map { FakeSecrets.token(seed: $0) }
        let fragments = [
            ScanFragment(path: "b.env", bytes: Array("\(tokens[0])\n".utf8)),
            ScanFragment(path: "a.env", bytes: Array("x\n\(tokens[1])\n\(tokens[2])\n".utf8)),
        ]
        let findings = try Self.scanner().scan(fragments: fragments)
        #expect(findings.map { "\($0.location.path):\($0.location.line)" } == ["a.env:2", "a.env:3", "b.env:1"])
    }

    // MARK: - Fingerprints and previews

    @Test func fingerprintIsStableForTheSameRulePathAndSecret() throws {
        let token = FakeSecrets.token(seed: 20)
        let scanner = try Self.scanner()
        let first = try #require(try Self.scan("a=\(token)", with: scanner).first)
        let moved = try #require(try Self.scan("\n\n  moved: \(token)", with: scanner).first)
        #expect(first.fingerprint == moved.fingerprint, "moving the secret within the file keeps its fingerprint")
        #expect(first.fingerprint == FakeSecrets.key().fingerprint(rule: "test-tok", path: "config/app.env", secret: token))
        #expect(first.fingerprint.hasPrefix("hmac-sha256:"))
        #expect(first.fingerprint.dropFirst("hmac-sha256:".count).allSatisfy { $0.isHexDigit })
        #expect(first.fingerprint.count == "hmac-sha256:".count + 64)
    }

    @Test func fingerprintDiffersByPathSecretAndKey() throws {
        let token = FakeSecrets.token(seed: 21)
        let base = try #require(try Self.scan(token).first).fingerprint
        #expect(try #require(try Self.scan(token, path: "other/app.env").first).fingerprint != base)
        #expect(try #require(try Self.scan(FakeSecrets.token(seed: 22)).first).fingerprint != base)
        let otherKey = try Self.scanner(key: FakeSecrets.key(8))
        #expect(try #require(try Self.scan(token, with: otherKey).first).fingerprint != base)
    }

    @Test func fingerprintDiffersByRuleButValueFingerprintDoesNot() throws {
        let token = FakeSecrets.token(seed: 23)
        let findings = try Self.scan(token, rules: [FakeSecrets.tokenRule, FakeSecrets.twinRule])
        try #require(findings.count == 2)
        #expect(Set(findings.map(\.ruleID)) == ["test-tok", "test-tok-twin"])
        #expect(findings[0].fingerprint != findings[1].fingerprint)
        #expect(findings[0].valueFingerprint == findings[1].valueFingerprint)
        #expect(findings[0].valueFingerprint == FakeSecrets.key().fingerprint(rule: "", path: "config/app.env", secret: token))
    }

    @Test func previewShowsFourCharactersAndTheLengthOnly() throws {
        let token = FakeSecrets.token(seed: 24)
        let finding = try #require(try Self.scan("key: \(token)").first)
        #expect(finding.preview == "tok_…(36 chars)")
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        let characters = Array(token)
        for start in 0...(characters.count - 5) {
            let window = String(characters[start..<(start + 5)])
            #expect(!json.contains(window), "five consecutive characters of the secret must never show: \(start)")
        }
    }

    @Test func decodedFindingsSayHowTheyWereFound() throws {
        let token = FakeSecrets.token(seed: 25)
        let encoded = FakeSecrets.base64(token)
        let finding = try #require(try Self.scan("data:\n  token: \(encoded)\n").first)
        #expect(finding.notes == ["decoded from base64"])
        #expect(finding.location.line == 2)
        #expect(finding.location.column == 10)
        #expect(finding.preview == "tok_…(36 chars)")
    }

    // MARK: - Inline marks

    @Test(arguments: ["# charter:allow", "// gitleaks:allow", "/* charter:allow: test fixture */"])
    func aMarkedLineIsNotReported(marker: String) throws {
        let token = FakeSecrets.token(seed: 30)
        #expect(try Self.scan("safe\nkey = \"\(token)\" \(marker)\n").isEmpty)
        #expect(try Self.scan("\(marker)\nkey = \"\(token)\"\n").count == 1, "a mark on another line does not count")
    }

    @Test func aMarkOnlySilencesItsOwnLine() throws {
        let findings = try Self.scan("a=\(FakeSecrets.token(seed: 31)) # charter:allow\nb=\(FakeSecrets.token(seed: 32))\n")
        #expect(findings.map(\.location.line) == [2])
    }

    @Test func aMisspelledMarkDoesNotCount() throws {
        #expect(try Self.scan("a=\(FakeSecrets.token(seed: 33)) # charter-allow charter:alow\n").count == 1)
    }

    // MARK: - Allowlists

    @Test func globalRegexAndStopwordAllowlistsSuppress() throws {
        let token = FakeSecrets.token(seed: 40)
        let text = "key=\(token)\n"
        let middle = String(token.dropFirst(8).prefix(6))
        #expect(try Self.scan(text) { $0.allowlist = try SecretAllowlist(paths: [], regexes: ["^" + String(token.prefix(8))], stopwords: [], field: "test") }.isEmpty)
        #expect(try Self.scan(text) { $0.allowlist = try SecretAllowlist(paths: [], regexes: ["^tok_zzzz$"], stopwords: [], field: "test") }.count == 1)
        #expect(try Self.scan(text) { $0.allowlist = SecretAllowlist(stopwords: [middle.uppercased()]) }.isEmpty, "stopwords ignore case")
        #expect(try Self.scan(text) { $0.allowlist = SecretAllowlist(stopwords: ["placeholder"]) }.count == 1)
    }

    @Test func globalPathAllowlistSkipsFiles() throws {
        let folder = try TemporaryDirectory("scanner-allow")
        defer { folder.remove() }
        for relative in ["fixtures/deep/a.env", "src/a.env"] {
            let path = folder.file(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "k=\(FakeSecrets.token(seed: 41))\n".write(toFile: path, atomically: false, encoding: .utf8)
        }
        let files = try DirectoryWalker(root: folder.path, maxFileSize: 1 << 20).walk().files
        let scanner = try Self.scanner { $0.allowlist = SecretAllowlist(paths: [try GlobPattern("fixtures/**")]) }
        let (findings, totals) = try scanner.scan(files: files)
        #expect(findings.map(\.location.path) == ["src/a.env"])
        #expect(totals.files == 1)
    }

    /// History, staged, single-file and stdin scans all go through `scan(fragments:)`.
    @Test func globalPathAllowlistAppliesToFragmentsToo() throws {
        let findings = try Self.scan("k=\(FakeSecrets.token(seed: 42))\n", path: "fixtures/deep/a.env") {
            $0.allowlist = SecretAllowlist(paths: [try GlobPattern("fixtures/**")])
        }
        #expect(findings.isEmpty)
    }

    @Test func perRuleAllowlistsSuppressOnlyTheirRule() throws {
        let token = FakeSecrets.token(seed: 43)
        let text = "k=\(token)\n"
        let rules = [FakeSecrets.tokenRule, FakeSecrets.twinRule]
        func ruleIDs(path: String = "config/app.env", _ list: SecretAllowlist, for rule: String = "test-tok") throws -> [String] {
            try Self.scan(text, path: path, rules: rules) { $0.ruleAllowlists[rule] = list }.map(\.ruleID)
        }
        let byPath = SecretAllowlist(paths: [try GlobPattern("docs/*.md")])
        #expect(try ruleIDs(path: "docs/readme.md", byPath) == ["test-tok-twin"])
        #expect(try ruleIDs(path: "docs/deep/readme.md", byPath).count == 2)
        #expect(try ruleIDs(try SecretAllowlist(paths: [], regexes: [token.suffix(6) + "$"], stopwords: [], field: "t")) == ["test-tok-twin"])
        #expect(try ruleIDs(SecretAllowlist(stopwords: [String(token.dropFirst(4).prefix(5))])) == ["test-tok-twin"])
        #expect(try ruleIDs(byPath, for: "some-other-rule").count == 2, "another rule's allowlist changes nothing")

        var gitleaksStyle = SecretAllowlist()
        gitleaksStyle.pathRegexes = [try NSRegularExpression(pattern: #"(^|/)testdata/"#)]
        #expect(try ruleIDs(path: "pkg/testdata/keys.txt", gitleaksStyle) == ["test-tok-twin"])
        #expect(try ruleIDs(path: "pkg/data/keys.txt", gitleaksStyle).count == 2)
    }

    @Test func aBadAllowlistRegexNamesItsField() {
        #expect {
            try SecretAllowlist(paths: [], regexes: ["fine", "(broken"], stopwords: [], field: "charter.yml: allowlist")
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .configuration && error.message.contains("charter.yml: allowlist.regexes[1]")
        }
    }

    // MARK: - Generic rules

    @Test func aGenericRuleYieldsToASpecificRuleForTheSameSecret() throws {
        let token = FakeSecrets.token(seed: 50)
        let rules = [FakeSecrets.genericRule, FakeSecrets.tokenRule]
        let specific = try Self.scan("secret = \"\(token)\"\n", rules: rules)
        #expect(specific.map(\.ruleID) == ["test-tok"])

        let genericOnly = try Self.scan("secret = \"\(FakeSecrets.characters(28, seed: 51))\"\n", rules: rules)
        #expect(genericOnly.map(\.ruleID) == ["test-generic-secret"])

        let both = try Self.scan("secret = \"\(FakeSecrets.characters(28, seed: 52))\"\nother: \(token)\n", rules: rules)
        #expect(both.map(\.ruleID) == ["test-generic-secret", "test-tok"])
    }

    @Test func aGenericRuleYieldsEvenWithoutDecoding() throws {
        let findings = try Self.scan("secret = \"\(FakeSecrets.token(seed: 53))\"\n", rules: [FakeSecrets.genericRule, FakeSecrets.tokenRule]) {
            $0.decodeDepth = 0
        }
        #expect(findings.map(\.ruleID) == ["test-tok"])
    }
}
