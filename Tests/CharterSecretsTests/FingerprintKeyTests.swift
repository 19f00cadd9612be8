@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct FingerprintKeyTests {
    static func fingerprint(_ key: FingerprintKey) -> String {
        key.fingerprint(rule: "test-tok", path: "a.env", secret: FakeSecrets.token(seed: 1))
    }

    static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    static func isConfigurationError(_ error: any Error) -> Bool {
        (error as? SecretsError)?.code == .configuration
    }

    /// 64 hex characters from a seed: a stand-in for `openssl rand -hex 32`.
    static func hexKey(seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        return Hex.string((0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
    }

    @Test func createsAPrivateKeyFileOnFirstUseAndReusesIt() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let file = folder.file("state/keys/fingerprint.key")

        let first = try FingerprintKey.load(file: file, environment: [:])
        #expect(Self.mode(of: file) == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        #expect(text.dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase })

        let second = try FingerprintKey.load(file: file, environment: [:])
        #expect(Self.fingerprint(first) == Self.fingerprint(second))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text, "a second load does not rewrite the key")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.file("state/keys"))
        #expect(leftovers == ["fingerprint.key"], "no temporary file is left behind")
    }

    @Test func theCreatedFolderIsPrivate() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        _ = try FingerprintKey.load(file: folder.file("new/fingerprint.key"), environment: [:])
        #expect(Self.mode(of: folder.file("new")) == 0o700)
    }

    @Test func eachInstallGetsItsOwnKey() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let one = try FingerprintKey.load(file: folder.file("one.key"), environment: [:])
        let two = try FingerprintKey.load(file: folder.file("two.key"), environment: [:])
        #expect(Self.fingerprint(one) != Self.fingerprint(two))
    }

    @Test func theFileKeyIsTheHexItHolds() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let hex = Self.hexKey(seed: 3)
        try "  \(hex.uppercased())\n\n".write(toFile: folder.file("key"), atomically: false, encoding: .utf8)
        let loaded = try FingerprintKey.load(file: folder.file("key"), environment: [:])
        #expect(Self.fingerprint(loaded) == Self.fingerprint(FingerprintKey(bytes: Hex.bytes(hex))))
    }

    @Test func environmentKeyOverridesTheFile() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let file = folder.file("fingerprint.key")
        let fromFile = try FingerprintKey.load(file: file, environment: [:])
        let hex = Self.hexKey(seed: 4)

        let fromEnvironment = try FingerprintKey.load(file: file, environment: ["CHARTER_FINGERPRINT_KEY": hex])
        #expect(Self.fingerprint(fromEnvironment) == Self.fingerprint(FingerprintKey(bytes: Hex.bytes(hex))))
        #expect(Self.fingerprint(fromEnvironment) != Self.fingerprint(fromFile))
    }

    @Test func environmentKeyNeedsNoFile() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let file = folder.file("never/fingerprint.key")
        _ = try FingerprintKey.load(file: file, environment: ["CHARTER_FINGERPRINT_KEY": Self.hexKey(seed: 5)])
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func anEmptyEnvironmentValueFallsBackToTheFile() throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let file = folder.file("fingerprint.key")
        let created = try FingerprintKey.load(file: file, environment: ["CHARTER_FINGERPRINT_KEY": ""])
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(Self.fingerprint(created) == Self.fingerprint(try FingerprintKey.load(file: file, environment: [:])))
    }

    @Test(arguments: [
        "not hex at all",
        "abcd",
        String(repeating: "a", count: 62),
        String(repeating: "a", count: 63),
        String(repeating: "g", count: 64),
        String(repeating: "ab", count: 31) + "a ",
    ])
    func malformedEnvironmentKeyIsAConfigurationError(value: String) throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        #expect {
            try FingerprintKey.load(file: folder.file("fingerprint.key"), environment: ["CHARTER_FINGERPRINT_KEY": value])
        } throws: { error in
            Self.isConfigurationError(error) && (error as? SecretsError)?.message.contains("CHARTER_FINGERPRINT_KEY") == true
        }
    }

    @Test(arguments: ["", "not a key\n", String(repeating: "0", count: 62) + "\n", String(repeating: "z", count: 64)])
    func malformedKeyFileIsAConfigurationErrorNamingIt(contents: String) throws {
        let folder = try TemporaryDirectory("fingerprint-key")
        defer { folder.remove() }
        let file = folder.file("fingerprint.key")
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        #expect {
            try FingerprintKey.load(file: file, environment: [:])
        } throws: { error in
            Self.isConfigurationError(error) && (error as? SecretsError)?.message.contains(file) == true
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == contents, "a bad key file is never replaced")
    }

    @Test func fingerprintSeparatesItsFields() {
        let key = FakeSecrets.key()
        #expect(key.fingerprint(rule: "ab", path: "c", secret: "d") != key.fingerprint(rule: "a", path: "bc", secret: "d"))
        #expect(key.fingerprint(rule: "a", path: "b", secret: "cd") != key.fingerprint(rule: "a", path: "bc", secret: "d"))
    }

    /// HMAC-SHA256 with key 0x07×32 over "r␀p␀s", computed independently (Python's hmac module).
    @Test func fingerprintIsHMACSHA256OfRulePathAndSecret() {
        #expect(FakeSecrets.key().fingerprint(rule: "r", path: "p", secret: "s")
            == "hmac-sha256:02de63b70807af5e227c6b397d849fd8a4cf64de82761f38482188dc34a37e84")
    }

    // MARK: - Redacted previews

    @Test(arguments: [
        ("abcdefghijklmnopqrstuvwxyz0123456789ABCD", "abcd…(40 chars)"),
        ("abcdefghijklmnop", "abcd…(16 chars)"),
        ("abcdefghijklmno", "abc…(15 chars)"),
        ("abcdefghijkl", "abc…(12 chars)"),
        ("abcdefgh", "ab…(8 chars)"),
        ("abcdefg", "a…(7 chars)"),
        ("abc", "…(3 chars)"),
        ("", "…(0 chars)"),
        ("ab\ncdefghijklmnopq", "ab c…(18 chars)"),
        ("🔑é🔑é🔑é🔑é🔑é🔑é🔑é🔑é", "🔑é🔑é…(16 chars)"),
    ])
    func previewShowsAtMostAQuarterAndNeverMoreThanFour(secret: String, preview: String) {
        #expect(RedactedPreview.of(secret) == preview)
    }

    @Test func previewNeverShowsMostOfAShortSecret() {
        for length in 0..<40 {
            let secret = FakeSecrets.characters(length, seed: UInt64(length))
            let shown = RedactedPreview.of(secret).prefix { $0 != "…" }
            #expect(shown.count <= min(4, length / 4))
            #expect(secret.hasPrefix(shown))
        }
    }
}
