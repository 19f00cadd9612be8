#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an image's files live: an OCI layout folder, or a tarball whose members are read in
/// place. Both answer the same question: the bytes of `index.json`, `manifest.json` or a blob.
enum ImageContainer: Sendable {
    case folder(String)
    case tarball(TarballMembers)

    static func open(_ path: String, limits: ExtractionLimits) throws(ImageArchiveError) -> ImageContainer {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ImageArchiveError(.unreadable, "\(path): cannot be read (\(SystemError.describe(errno)))")
        }
        if status.st_mode & S_IFMT == S_IFDIR { return .folder(path) }
        return .tarball(try TarballMembers(path: path, mostMembers: limits.mostEntries, largestRecord: limits.largestRecord))
    }

    var path: String {
        switch self {
        case .folder(let path): path
        case .tarball(let members): members.file.path
        }
    }

    /// The file `name` (relative, "/"-separated); nil when it is absent.
    func region(_ name: String) throws(ImageArchiveError) -> BlobRegion? {
        let relative = EntryPath(name)
        guard !relative.climbedAboveRoot, !relative.wasAbsolute, !relative.isRoot else {
            throw ImageArchiveError(.malformed, "\(path): names \"\(name)\", which is outside the archive")
        }
        switch self {
        case .tarball(let members):
            return try members.region(relative.relative)
        case .folder(let root):
            let file = root + "/" + relative.relative
            var status = stat()
            guard stat(file, &status) == 0 else { return nil }
            let blob = try BlobFile(path: file)
            return BlobRegion(file: blob, offset: 0, length: blob.size, name: file)
        }
    }

    func contains(_ name: String) -> Bool {
        switch self {
        case .tarball(let members): members.contains(EntryPath(name).relative)
        case .folder(let root): access(root + "/" + EntryPath(name).relative, F_OK) == 0
        }
    }

    /// The blob a descriptor names, from `blobs/sha256/`.
    func blob(_ digest: BlobDigest) throws(ImageArchiveError) -> BlobRegion? {
        try region("blobs/sha256/" + digest.hex)
    }
}
