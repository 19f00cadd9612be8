@testable import CharterImages

/// Shared test doubles: the sample policy the rule samples are written against, a secret probe
/// that knows one token format, and a deterministic stand-in for the SHA-256 hasher.
enum DockerfileTesting {
    static let samplePolicy: Result<BaseImagePolicy, any Error> = Result {
        try BaseImagePolicy(approvedPatterns: ["debian", "alpine", "python", "node", "gcr.io/distroless/**", "registry.example.com/base/*"])
    }

    /// FNV-1a, hex: stable across runs, which is all fingerprint tests need.
    static let hasher: @Sendable (String) -> String = { text in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "fnv:" + String(hash, radix: 16)
    }

    static func checker(disabling rules: Set<String> = []) throws -> DockerfileChecker {
        try DockerfileChecker(disabledRules: rules, hasher: hasher)
    }

    static func check(_ text: String, path: String = "Dockerfile", disabling rules: Set<String> = []) throws -> DockerfileReport {
        try checker(disabling: rules).check(text: text, path: path, policy: samplePolicy.get(), probe: AccessKeyProbe())
    }
}

/// Finds AWS access key IDs (`AKIA` and 16 uppercase letters or digits), as the real secret
/// engine would, and reports them the way the real adapter must: redacted, with an identity
/// that is not the value.
struct AccessKeyProbe: SecretProbe {
    func secrets(in text: String) -> [ProbedSecret] {
        let bytes = Array(text.utf8)
        var found: [ProbedSecret] = []
        var index = 0
        while index + 20 <= bytes.count {
            let candidate = bytes[index..<(index + 20)]
            let isKey = candidate.starts(with: Array("AKIA".utf8))
                && candidate.dropFirst(4).allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
            if isKey {
                let value = String(decoding: candidate, as: UTF8.self)
                found.append(ProbedSecret(ruleID: "aws-access-key-id", preview: "AKIA…(20 chars)", identity: DockerfileTesting.hasher("key:" + value), range: index..<(index + 20)))
                index += 20
            } else {
                index += 1
            }
        }
        return found
    }
}
