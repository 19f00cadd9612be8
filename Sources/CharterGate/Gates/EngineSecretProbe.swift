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
    private let failed = Locked<[String]>([])

    package init(engine: SecretEngine, key: FingerprintKey) {
        self.engine = engine
        self.key = key
    }

    package func secrets(in text: String) -> [ProbedSecret] {
        let scanner: SecretEngine.Scanner
        do {
            scanner = try idle.withLock({ $0.popLast() }) ?? engine.makeScanner()
        } catch {
            failed.withLock { $0.append("the secret engine could not scan: \(error)") }
            return []
        }
        defer { idle.withLock { $0.append(scanner) } }
        let matches: [SecretMatch]
        do {
            matches = try scanner.scan(Array(text.utf8))
        } catch {
            failed.withLock { $0.append("the secret engine could not scan: \(error)") }
            return []
        }
        return matches.map { match in
            ProbedSecret(ruleID: match.ruleID, preview: RedactedPreview.of(match.secret),
                         identity: key.fingerprint(rule: match.ruleID, path: "", secret: match.secret), range: match.range)
        }
    }

    package func failures() -> [String] {
        Array(Set(failed.withLock { $0 })).sorted()
    }
}
