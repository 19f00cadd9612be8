import CharterCore
import CharterImages
import CharterSecrets

/// The secrets gate's engine as the Dockerfile rules' secret probe: what it finds in an
/// instruction, with a redacted preview and a keyed identity, never the value.
package struct EngineSecretProbe: SecretProbe {
    private let engine: SecretEngine
    private let key: FingerprintKey
    /// Scanners (each with its own scratch space) for the threads probing at once: making one
    /// per instruction would cost more than scanning it.
    private let idle = Locked<[SecretEngine.Scanner]>([])

    package init(engine: SecretEngine, key: FingerprintKey) {
        self.engine = engine
        self.key = key
    }

    package func secrets(in text: String) -> [ProbedSecret] {
        // A probe cannot fail a check by itself: an engine that cannot scan finds nothing here,
        // and the secrets gate, scanning the same files, reports the error.
        guard let scanner = idle.withLock({ $0.popLast() }) ?? (try? engine.makeScanner()) else { return [] }
        defer { idle.withLock { $0.append(scanner) } }
        guard let matches = try? scanner.scan(Array(text.utf8)) else { return [] }
        return matches.map { match in
            ProbedSecret(ruleID: match.ruleID, preview: RedactedPreview.of(match.secret),
                         identity: key.fingerprint(rule: match.ruleID, path: "", secret: match.secret), range: match.range)
        }
    }
}
