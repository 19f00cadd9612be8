import CharterCore

/// Why a text is not a valid image reference (or base-image pattern), named precisely enough to
/// fix it: the offending part and the rule it breaks.
package struct ImageReferenceError: CharterFailure, Equatable {
    package enum Reason: Sendable, Equatable {
        case empty
        /// A bare 64-hex-digit string: an image ID, which Docker refuses as a repository name.
        case imageIDAsName
        case invalidRegistry(String)
        case uppercaseRepository(String)
        case emptyPathComponent
        case invalidPathComponent(String)
        case invalidTag(String)
        case malformedDigest(String)
        case unsupportedDigestAlgorithm(String)
        case digestNotLowercaseHex(String)
        case digestLength(algorithm: String, expected: Int, found: Int)
        case nameTooLong(Int)
        /// Base-image patterns name repositories; a tag there would silently never match.
        case tagInPattern(String)
        case invalidPatternComponent(String)
    }

    /// The text that failed to parse, as given.
    package let reference: String
    package let reason: Reason

    package init(_ reference: String, _ reason: Reason) {
        self.reference = reference
        self.reason = reason
    }

    package var category: FailureCategory { .input }

    package var message: String {
        "invalid image reference `\(reference)`: \(explanation)"
    }

    private var explanation: String {
        switch reason {
        case .empty:
            "it is empty; write a name such as `debian:12` or `registry.example.com/team/app@sha256:<64 hex>`"
        case .imageIDAsName:
            "a 64-hex-digit string is an image ID, not a repository name; use `name@sha256:<digest>` to pin"
        case .invalidRegistry(let registry):
            "registry `\(registry)` is not a host name, `[IPv6]` address or `host:port` (letters, digits, inner `-`, `.` between labels, digits after `:`)"
        case .uppercaseRepository(let path):
            "repository path `\(path)` must be lowercase"
        case .emptyPathComponent:
            "the repository path has an empty component (`//` or a trailing `/`)"
        case .invalidPathComponent(let component):
            "repository component `\(component)` may only hold lowercase letters and digits joined by `.`, `_`, `__` or dashes"
        case .invalidTag(let tag):
            "tag `\(tag)` must start with a letter, digit or `_` and hold at most 128 of letters, digits, `_`, `.` and `-`"
        case .malformedDigest(let digest):
            "digest `\(digest)` is not `algorithm:hex` (for example `sha256:` and 64 hex digits)"
        case .unsupportedDigestAlgorithm(let algorithm):
            "digest algorithm `\(algorithm)` is not supported; use sha256 (or sha384, sha512)"
        case .digestNotLowercaseHex(let algorithm):
            "the \(algorithm) digest must be lowercase hexadecimal digits"
        case .digestLength(let algorithm, let expected, let found):
            "a \(algorithm) digest has \(expected) hex digits, this one has \(found)"
        case .nameTooLong(let length):
            "the name (registry and repository) is \(length) characters; at most 255 are allowed"
        case .tagInPattern(let tag):
            "a base-image pattern names repositories, not tags (`:\(tag)`); drop the tag or pin with `@sha256:…`"
        case .invalidPatternComponent(let component):
            "pattern component `\(component)` must be a repository component, `*` within one, or `**` on its own"
        }
    }
}
