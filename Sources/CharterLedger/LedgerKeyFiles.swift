import CharterCore
import Foundation

/// The ledger's signing key on disk: `keys/ledger.key` (the note signer key, mode 0600),
/// `keys/ledger.pub` (its verifier key), and `keys/retired/*.pub` for keys rotated out, which
/// still verify the checkpoints they signed.
package struct LedgerKeyFiles: Sendable {
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    package var privateKeyPath: String { directory + "/ledger.key" }
    package var publicKeyPath: String { directory + "/ledger.pub" }
    package var retiredDirectory: String { directory + "/retired" }

    package var exists: Bool { FileManager.default.fileExists(atPath: privateKeyPath) }

    /// Installs `signer` as the ledger's key. The new files are written beside the old ones
    /// first, then an existing pair moves to `retired/` (its public key stays trusted for the
    /// checkpoints it signed) and the new pair is renamed into place, so there is no moment
    /// without a key. Without `rotate`, an existing key is an error and nothing changes.
    @discardableResult
    package func install(_ signer: NoteSigner, rotate: Bool) throws -> NoteVerifier? {
        if exists && !rotate {
            throw LedgerError(.keyExists, "a signing key already exists at \(privateKeyPath); it was left as it is (use --force to rotate it)")
        }
        return try commit(try stage(signer))
    }

    /// A new key pair written under temporary names, waiting for `commit`.
    package struct StagedKey: Sendable {
        fileprivate let privateKey: String
        fileprivate let publicKey: String
    }

    /// Moves an existing pair to `retired/` and the staged pair into place.
    @discardableResult
    package func commit(_ staged: StagedKey) throws -> NoteVerifier? {
        var retired: NoteVerifier?
        if exists {
            let old = try load()
            try makeDirectory(retiredDirectory)
            try write(old.verifier.vkey + "\n", to: "\(retiredDirectory)/\(old.verifier.keyIDHex).pub", mode: 0o644)
            try link(privateKeyPath, to: "\(retiredDirectory)/\(old.verifier.keyIDHex).key")
            retired = old.verifier
        }
        try move(staged.publicKey, to: publicKeyPath)
        try move(staged.privateKey, to: privateKeyPath)
        return retired
    }

    /// Writes the new pair under temporary names next to the current one.
    package func stage(_ signer: NoteSigner) throws -> StagedKey {
        try makeDirectory(directory)
        let suffix = ".new-\(getpid())"
        try write(signer.skey + "\n", to: privateKeyPath + suffix, mode: 0o600)
        try write(signer.verifier.vkey + "\n", to: publicKeyPath + suffix, mode: 0o644)
        return StagedKey(privateKey: privateKeyPath + suffix, publicKey: publicKeyPath + suffix)
    }

    private func link(_ source: String, to destination: String) throws {
        unlink(destination)
        guard Foundation.link(source, destination) == 0 else {
            throw LedgerError(.keyWriteFailed, "cannot keep the retired key at \(destination): \(String(cString: strerror(errno)))")
        }
    }

    private func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw LedgerError(.keyWriteFailed, "cannot move \(source) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the key files (after a failed `init` that created them).
    package func removeCurrent() {
        unlink(privateKeyPath)
        unlink(publicKeyPath)
    }

    package func load() throws -> NoteSigner {
        let path = privateKeyPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.keyMissing, "no signing key at \(path); restore it from your backup, or run `charter init --force` to create a new one (old checkpoints stay verifiable)")
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 != 0 {
            throw LedgerError(.keyInvalid, "the signing key \(path) can be read by other users (mode \(String(permissions, radix: 8))); run `chmod 600 \(path)`")
        }
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw LedgerError(.keyMissing, "cannot read the signing key \(path); check its permissions")
        }
        do {
            return try NoteSigner(skey: text)
        } catch let error as LedgerError {
            throw LedgerError(.keyInvalid, "\(path): \(error.message)")
        }
    }

    /// The current public key and every retired one: the keys `ledger verify` trusts by default.
    /// Reads only public keys, so verifying never needs access to the private one.
    package func trustedVerifiers() throws -> [NoteVerifier] {
        var keys: [NoteVerifier] = []
        if FileManager.default.fileExists(atPath: publicKeyPath) {
            keys.append(try Self.readVerifier(at: publicKeyPath))
        } else if exists {
            keys.append(try load().verifier)
        }
        let retired = (try? FileManager.default.contentsOfDirectory(atPath: retiredDirectory)) ?? []
        for file in retired.sorted() where file.hasSuffix(".pub") {
            keys.append(try Self.readVerifier(at: "\(retiredDirectory)/\(file)"))
        }
        guard !keys.isEmpty else {
            throw LedgerError(.keyMissing, "no public key in \(directory); pass the log's key with --key")
        }
        return keys
    }

    /// Reads a verifier key file: a C2SP vkey, or a PEM public key whose name is taken from `name`.
    package static func readVerifier(at path: String, name: String? = nil) throws -> NoteVerifier {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LedgerError(.keyMissing, "cannot read the key file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            if text.contains("BEGIN PUBLIC KEY") {
                guard let name else {
                    throw LedgerError(.keyInvalid, "a PEM key has no name; use the vkey from `charter key export` instead")
                }
                return try NoteVerifier(name: name, publicKey: try NoteVerifier.publicKey(pem: text))
            }
            return try NoteVerifier(vkey: text)
        } catch let error as LedgerError {
            throw LedgerError(error.code, "\(path): \(error.message)")
        }
    }

    private func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw LedgerError(.keyWriteFailed, "cannot create \(path): \(error.localizedDescription)", underlying: error)
        }
    }

    /// Writes through a temporary file and an atomic rename, created with `mode` from the start.
    private func write(_ text: String, to path: String, mode: mode_t) throws {
        do {
            try AtomicFile.write(Array(text.utf8), to: path, mode: mode)
        } catch {
            throw LedgerError(.keyWriteFailed, error.description)
        }
    }
}
