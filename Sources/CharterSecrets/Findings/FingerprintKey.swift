import CharterCore
import Crypto
import Foundation

/// The per-install key behind finding fingerprints: HMAC-SHA256 over rule, path and secret, so a
/// fingerprint is stable across scans yet reveals nothing about the secret to someone without it.
package struct FingerprintKey: Sendable {
    private let bytes: [UInt8]

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// `hmac-sha256:<64 hex>` of `rule ␀ path ␀ secret`.
    package func fingerprint(rule: String, path: String, secret: String) -> String {
        var message = Array(rule.utf8)
        message.append(0)
        message.append(contentsOf: path.utf8)
        message.append(0)
        message.append(contentsOf: secret.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: bytes))
        return "hmac-sha256:" + LowercaseHex.string(mac)
    }

    /// A key for another purpose, derived so that neither use reveals anything about the other.
    package func derivedKey(purpose: String) -> SymmetricKey {
        SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(purpose.utf8), using: SymmetricKey(data: bytes))))
    }

    /// `CHARTER_FINGERPRINT_KEY` (64 hex characters) when set — CI and laptops share it so
    /// fingerprints and waivers agree — else `file`, created with 32 random bytes (mode 0600) on first use.
    package static func load(file: String, environment: [String: String]) throws -> FingerprintKey {
        if let text = environment["CHARTER_FINGERPRINT_KEY"], !text.isEmpty {
            guard let bytes = hexBytes(text), bytes.count >= 32 else {
                throw SecretsError(.configuration, "CHARTER_FINGERPRINT_KEY must be at least 64 hexadecimal characters (32 bytes); generate one with `openssl rand -hex 32`")
            }
            return FingerprintKey(bytes: bytes)
        }
        if let data = FileManager.default.contents(atPath: file) {
            guard let bytes = hexBytes(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 32 else {
                throw SecretsError(.configuration, "\(file): not a fingerprint key (64 hexadecimal characters expected); restore it from a backup, or delete it to start new fingerprints (existing waivers by fingerprint then stop matching)")
            }
            return FingerprintKey(bytes: bytes)
        }
        return try create(file: file)
    }

    private static func create(file: String) throws -> FingerprintKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let directory = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = file + ".tmp-\(getpid())"
            let text = LowercaseHex.string(bytes) + "\n"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw SecretsError(.storage, "cannot write \(temporary)")
            }
            // Another process may have created the key meanwhile: keep theirs, so both agree.
            if link(temporary, file) != 0 {
                unlink(temporary)
                if errno == EEXIST { return try load(file: file, environment: [:]) }
                throw SecretsError(.storage, "cannot create the fingerprint key \(file): \(String(cString: strerror(errno)))")
            }
            unlink(temporary)
        } catch let error as SecretsError {
            throw error
        } catch {
            throw SecretsError(.storage, "cannot create the fingerprint key \(file): \(error.localizedDescription)")
        }
        return FingerprintKey(bytes: bytes)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { HexDecoder.decode($0) }
    }
}
