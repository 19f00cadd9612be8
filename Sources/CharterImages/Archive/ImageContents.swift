/// An extracted image: the facts from its config and manifest, its layers with their verified
/// digests, and the folder its layers were applied into.
///
/// The folder holds the image's symbolic links as the image stores them, many absolute: read it
/// through `files()` and `resolve(_:)`, which never follow a link out of the folder, or with
/// `lstat` and `O_NOFOLLOW` — never by following links with ordinary file APIs.
package struct ImageContents: Sendable {
    package let archive: String
    package let image: ImageCandidate
    package let manifestDigest: BlobDigest?
    package let configDigest: BlobDigest
    package let config: ImageConfig
    package let layers: [AppliedLayer]
    /// The folder the layers were applied into: the image's `/`.
    package let root: String
    package let counts: ExtractionCounts
    /// Entries skipped or placed other than their names say (devices, traversal, links through
    /// links…), the first `LayerApplier.mostOddEntriesListed` of them.
    package let oddEntries: [OddEntry]
    /// Odd entries beyond those listed.
    package let unlistedOddEntries: Int

    /// The platform the image runs on, from its config.
    package var platform: ImagePlatform { config.platform }

    /// Every regular file in the image, depth first in name order, with paths relative to the root.
    package func files() -> ImageFiles {
        ImageFiles(root: root)
    }

    /// `path` (relative to the image's `/`) with every symbolic link on the way resolved inside
    /// the image, as the container would see it (`etc/os-release` → `usr/lib/os-release`); nil
    /// when it does not exist or the links loop.
    package func resolve(_ path: String) -> String? {
        RootPathResolver(root: root).resolve(path)
    }
}
