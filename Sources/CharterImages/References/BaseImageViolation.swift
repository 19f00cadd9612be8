/// One way a reference breaks a `BaseImagePolicy`, with a sentence saying why.
package struct BaseImageViolation: Sendable, Equatable {
    package enum Kind: String, Sendable, Equatable, CaseIterable {
        case notApproved, notDigestPinned, latestTag, missingTag
    }

    package let kind: Kind
    package let reference: ImageReference
    package let reason: String

    init(_ kind: Kind, _ reference: ImageReference, _ reason: String) {
        self.kind = kind
        self.reference = reference
        self.reason = reason
    }
}
