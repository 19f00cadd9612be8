import CharterCore

/// Failures reading an image archive or applying its layers. Every message starts with the
/// archive's path and names the member, blob or layer concerned.
package struct ImageArchiveError: CharterFailure, Equatable {
    package enum Code: String, Sendable {
        /// The archive or one of its blobs cannot be opened or read.
        case unreadable
        /// A structure that is not what the tar, OCI or Docker formats define: a bad header, a
        /// cut-short member, JSON that does not parse or lacks a required field.
        case malformed
        /// A blob whose bytes do not hash to the digest or size its manifest names.
        case digestMismatch
        /// Valid input that this reader does not handle yet (zstd layers, sha512 digests).
        case unsupported
        /// A decompression bomb guard: total size, entry count, file size or compression ratio.
        case limitExceeded
        /// No image, or more than one, matches the requested platform and reference.
        case selection
        /// The extraction folder could not be written (disk full, permissions).
        case writeFailed
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory {
        switch code {
        case .unreadable, .malformed, .unsupported, .limitExceeded: .input
        case .digestMismatch: .verificationFailed
        case .selection: .usage
        case .writeFailed: .storage
        }
    }
}
