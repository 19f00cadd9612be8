@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

/// The compiled rule set is cached on disk, sealed with the install's key: a second engine loads
/// it and finds the same secrets; a damaged, foreign or stale entry is compiled afresh.
@Suite struct RuleDatabaseCacheTests {
    static let rules = [FakeSecrets.tokenRule, FakeSecrets.genericRule]
    static let text = Array("a = \(FakeSecrets.token(seed: 1))\nsecret: \(FakeSecrets.characters(24, seed: 2))\n".utf8)

    @Test func secondEngineLoadsTheCachedRulesAndFindsTheSame() throws {
        let folder = try TemporaryDirectory("charter-rule-cache")
        defer { folder.remove() }
        let cache = RuleDatabaseCache(directory: folder.path + "/cache", fingerprintKey: FakeSecrets.key())
        let first = try SecretEngine(rules: Self.rules, cache: cache)
        #expect(!first.loadedFromCache)
        let second = try SecretEngine(rules: Self.rules, cache: cache)
        #expect(second.loadedFromCache)
        #expect(try second.makeScanner().scan(Self.text) == first.makeScanner().scan(Self.text))
        #expect(try second.makeScanner().scan(Self.text).count == 2)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/cache")
        #expect(entries.count == 1 && entries[0].hasSuffix(".hsdb"))
    }

    @Test func anotherKeyOrRuleSetDoesNotUseTheEntry() throws {
        let folder = try TemporaryDirectory("charter-rule-cache")
        defer { folder.remove() }
        _ = try SecretEngine(rules: Self.rules, cache: RuleDatabaseCache(directory: folder.path, fingerprintKey: FakeSecrets.key(1)))
        #expect(try !SecretEngine(rules: Self.rules, cache: RuleDatabaseCache(directory: folder.path, fingerprintKey: FakeSecrets.key(2))).loadedFromCache)
        #expect(try !SecretEngine(rules: [FakeSecrets.tokenRule], cache: RuleDatabaseCache(directory: folder.path, fingerprintKey: FakeSecrets.key(1))).loadedFromCache)
    }

    /// Flipping any byte (the database, the windows, the seal) makes the entry unusable.
    @Test(arguments: [0, 20, 40, -1])
    func damagedEntryIsCompiledAfresh(offset: Int) throws {
        let folder = try TemporaryDirectory("charter-rule-cache")
        defer { folder.remove() }
        let cache = RuleDatabaseCache(directory: folder.path, fingerprintKey: FakeSecrets.key())
        _ = try SecretEngine(rules: Self.rules, cache: cache)
        let path = cache.path(for: RuleDatabaseCache.digest(of: Self.rules))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset >= 0 ? offset : bytes.count + offset] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let engine = try SecretEngine(rules: Self.rules, cache: cache)
        #expect(!engine.loadedFromCache)
        #expect(try engine.makeScanner().scan(Self.text).count == 2)
    }

    @Test func unwritableCacheOnlyCostsTheCompile() throws {
        let cache = RuleDatabaseCache(directory: "/proc/charter-cannot-write-here", fingerprintKey: FakeSecrets.key())
        #expect(try SecretEngine(rules: Self.rules, cache: cache).makeScanner().scan(Self.text).count == 2)
    }

    @Test(arguments: [
        (["CHARTER_CACHE_DIR": "/tmp/c", "HOME": "/home/a"], "/tmp/c"),
        (["XDG_CACHE_HOME": "/var/cache/a", "HOME": "/home/a"], "/var/cache/a/charter"),
        (["HOME": "/home/a"], "/home/a/.cache/charter"),
        (["CHARTER_CACHE_DIR": "off", "HOME": "/home/a"], nil),
        ([:], nil),
    ])
    func standardLocation(environment: [String: String], expected: String?) {
        #expect(RuleDatabaseCache.standard(environment: environment, fingerprintKey: FakeSecrets.key())?.directory == expected)
    }
}
