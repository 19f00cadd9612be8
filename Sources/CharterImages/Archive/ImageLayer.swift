/// A layer as the image's manifest describes it, before it is read.
package struct ImageLayer: Sendable, Equatable {
    package var mediaType: String?
    /// The blob's digest as the manifest names it; nil in a classic `docker save`, whose
    /// manifest names files instead (the digest is then computed while extracting).
    package var digest: BlobDigest?
    /// The blob's size as the manifest declares it, or the file's size in a classic `docker save`.
    package var size: Int
    /// The digest of the uncompressed tar, from the config's `rootfs.diff_ids`.
    package var diffID: BlobDigest
    /// Where the blob is inside the archive (`blobs/sha256/…`, `<id>/layer.tar`).
    package var member: String
}

/// A layer after it was read and applied: its digests checked against the manifest and config.
package struct AppliedLayer: Sendable, Equatable {
    package enum Compression: String, Sendable {
        case none
        case gzip
    }

    package var layer: ImageLayer
    /// The digest of the blob as stored, verified against the manifest when it names one.
    package var digest: BlobDigest
    package var compression: Compression
    /// The blob's bytes as stored.
    package var size: Int
    /// The bytes of the uncompressed tar (its digest, verified, is `layer.diffID`).
    package var uncompressedSize: Int
    package var entries: Int
}
