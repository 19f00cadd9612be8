/// One kind of secret: how to find it, how sure a match is, and samples that prove both.
///
/// `pattern` is an ICU regular expression (NSRegularExpression syntax) whose capture group
/// `secretGroup` is the secret itself. The scanner finds candidates with `prefilter` (a
/// Vectorscan-compatible expression; the pattern itself when nil) and confirms each on a small
/// window with `pattern`. Every rule's true- and false-positive samples run as tests.
package struct SecretRule: Sendable, Identifiable {
    /// Stable, kebab-case, provider first: `aws-access-key-id`, `github-fine-grained-pat`.
    package let id: String
    package let description: String
    /// Lowercase words one of which must appear near a match (used for generic rules and docs).
    package let keywords: [String]
    package let pattern: String
    package let secretGroup: Int
    package let prefilter: String?
    package let caseless: Bool
    package let confidence: SecretConfidence
    /// Minimum Shannon entropy (bits per character) of the secret; nil when the format alone decides.
    package let minimumEntropy: Double?
    /// An offline check built into the token format (a checksum); a passing check raises confidence.
    package let validator: SecretValidator?
    /// A catch-all rule (keyword assignments, URLs with passwords): its finding yields to a
    /// provider-specific rule that finds an overlapping secret.
    package let generic: Bool
    /// Strings that contain exactly one secret this rule must find.
    package let truePositives: [String]
    /// Look-alikes (placeholders, hashes, docs examples) this rule must not report.
    package let falsePositives: [String]

    package init(
        id: String, description: String, keywords: [String], pattern: String, secretGroup: Int = 1,
        prefilter: String? = nil, caseless: Bool = false, confidence: SecretConfidence, minimumEntropy: Double? = nil,
        validator: SecretValidator? = nil, generic: Bool = false, truePositives: [String], falsePositives: [String]
    ) {
        self.id = id
        self.description = description
        self.keywords = keywords
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.prefilter = prefilter
        self.caseless = caseless
        self.confidence = confidence
        self.minimumEntropy = minimumEntropy
        self.validator = validator
        self.generic = generic
        self.truePositives = truePositives
        self.falsePositives = falsePositives
    }
}

/// How likely a match is a real secret; `charter.yml` chooses which levels fail the gate.
package enum SecretConfidence: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }
}

/// Offline checks some token formats carry.
package enum SecretValidator: String, Sendable, Codable {
    /// GitHub tokens: the last six characters are the base62 CRC32 of the rest.
    case githubChecksum
}
