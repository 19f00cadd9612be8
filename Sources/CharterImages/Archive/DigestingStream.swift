import Crypto

/// Passes a stream through while hashing it, and at its end compares the digest and length with
/// what the manifest or config promised: a blob that does not match is an error naming it,
/// raised before the layer counts as applied.
final class DigestingStream: ByteStream {
    /// A digest the stream must hash to, and the words that say where it was promised.
    struct Expectation {
        let digest: BlobDigest
        let promisedBy: String
    }

    private let base: any ByteStream
    private let label: String
    private let expectations: [Expectation]
    private let expectedLength: Int?
    private var hasher = SHA256()
    private(set) var length = 0
    /// Set once the stream has ended and every expectation held.
    private(set) var digest: BlobDigest?

    init(_ base: any ByteStream, label: String, expecting expectations: [Expectation], length expectedLength: Int? = nil) {
        self.base = base
        self.label = label
        self.expectations = expectations
        self.expectedLength = expectedLength
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        guard digest == nil else { return 0 }
        let count = try base.read(into: buffer)
        if count > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            length += count
            if let expectedLength, length > expectedLength {
                throw ImageArchiveError(.digestMismatch, "\(label): is longer than the \(expectedLength) bytes its descriptor declares")
            }
            return count
        }
        try finish()
        return 0
    }

    private func finish() throws(ImageArchiveError) {
        if let expectedLength, length != expectedLength {
            throw ImageArchiveError(
                .digestMismatch, "\(label): is \(length) bytes, not the \(expectedLength) its descriptor declares")
        }
        let computed = BlobDigest(hasher.finalize())
        for expectation in expectations where expectation.digest != computed {
            throw ImageArchiveError(
                .digestMismatch,
                "\(label): hashes to \(computed), not the \(expectation.digest) \(expectation.promisedBy); the archive is corrupt or was altered")
        }
        digest = computed
    }

    /// The digest of bytes already in memory (manifests and configs).
    static func digest(of bytes: [UInt8]) -> BlobDigest {
        BlobDigest(SHA256.hash(data: bytes))
    }
}
