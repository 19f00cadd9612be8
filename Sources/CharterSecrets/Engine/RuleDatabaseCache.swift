import CharterCore
import Crypto
import Foundation

/// Compiled rule sets kept on disk, so a scan does not spend a second compiling the same rules
/// again (a pre-commit hook runs on every commit).
///
/// An entry is keyed by a digest of the rules' patterns and the Vectorscan version, and sealed
/// with an HMAC under a key derived from the install's fingerprint key: a cache file someone
/// else wrote (a poisoned CI cache, say) fails the check and is compiled afresh, so it cannot
/// blind the scanner. Any problem reading or writing the cache only costs the compile.
package struct RuleDatabaseCache {
    package let directory: String
    private let key: SymmetricKey

    static let magic = Array("CHARTER-RULES-1\n".utf8)
    static let keptEntries = 8

    package init(directory: String, fingerprintKey: FingerprintKey) {
        self.directory = directory
        key = fingerprintKey.derivedKey(purpose: "charter rule database cache v1")
    }

    /// `CHARTER_CACHE_DIR`, else `$XDG_CACHE_HOME/charter`, else `~/.cache/charter`; nil when
    /// `CHARTER_CACHE_DIR` is `off` or no folder can be named.
    package static func standard(environment: [String: String], fingerprintKey: FingerprintKey) -> RuleDatabaseCache? {
        let folder: String
        if let configured = environment["CHARTER_CACHE_DIR"] {
            guard !configured.isEmpty, configured != "off" else { return nil }
            folder = configured
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = xdg + "/charter"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = home + "/.cache/charter"
        } else {
            return nil
        }
        return RuleDatabaseCache(directory: folder, fingerprintKey: fingerprintKey)
    }

    struct Entry: Equatable {
        var database: [UInt8]
        var windows: [ConfirmationWindow]
    }

    /// What the compiled database depends on: every rule's patterns and flags, and the library.
    static func digest(of rules: [SecretRule]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("charter rules v1\u{0}\(PrefilterDatabase.libraryVersion)\u{0}".utf8))
        for rule in rules {
            hasher.update(data: Array("\(rule.pattern)\u{0}\(rule.prefilter ?? "")\u{0}\(rule.caseless)\u{0}".utf8))
        }
        return LowercaseHex.string(hasher.finalize())
    }

    func path(for digest: String) -> String {
        directory + "/rules-\(digest.prefix(32)).hsdb"
    }

    func load(digest: String, ruleCount: Int) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path(for: digest)) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.count > Self.magic.count + 32 else { return nil }
        let body = bytes[..<(bytes.count - 32)]
        guard HMAC<SHA256>.isValidAuthenticationCode(bytes[(bytes.count - 32)...], authenticating: Array(body) + Array(digest.utf8), using: key) else {
            return nil
        }
        var reader = ByteReader(body)
        guard reader.take(Self.magic.count) == Self.magic, reader.uint64() == UInt64(ruleCount) else { return nil }
        var windows: [ConfirmationWindow] = []
        for _ in 0..<ruleCount {
            guard let behind = reader.uint64(), let ahead = reader.uint64() else { return nil }
            windows.append(ConfirmationWindow(lookBehind: Int(behind), lookAhead: Int(ahead)))
        }
        guard let length = reader.uint64(), let database = reader.take(Int(length)), reader.isAtEnd else { return nil }
        return Entry(database: database, windows: windows)
    }

    /// Writes the entry atomically and keeps only the newest few; failures are ignored.
    func store(_ entry: Entry, digest: String) {
        var body = Self.magic
        func append(_ value: Int) { withUnsafeBytes(of: UInt64(value).littleEndian) { body.append(contentsOf: $0) } }
        append(entry.windows.count)
        for window in entry.windows {
            append(window.lookBehind)
            append(window.lookAhead)
        }
        append(entry.database.count)
        body += entry.database
        let seal = HMAC<SHA256>.authenticationCode(for: body + Array(digest.utf8), using: key)
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil else { return }
        try? AtomicFile.write(body + Array(seal), to: path(for: digest), mode: 0o600)
        prune(keeping: path(for: digest))
    }

    private func prune(keeping current: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let entries = names.filter { $0.hasPrefix("rules-") && $0.hasSuffix(".hsdb") }.map { directory + "/" + $0 }
        guard entries.count > Self.keptEntries else { return }
        let byAge = entries.sorted {
            let left = (try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date) ?? .distantPast
            let right = (try? FileManager.default.attributesOfItem(atPath: $1)[.modificationDate] as? Date) ?? .distantPast
            return left > right
        }
        for stale in byAge.dropFirst(Self.keptEntries) where stale != current { try? FileManager.default.removeItem(atPath: stale) }
    }
}

/// Reads little-endian fields from a byte slice, returning nil past the end.
private struct ByteReader {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.endIndex - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func uint64() -> UInt64? {
        take(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }
}
