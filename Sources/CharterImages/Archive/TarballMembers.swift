/// The members of an image tarball (`docker save`), listed once by reading their headers and
/// jumping past their data. Any member is then read in place by its byte range, so layers are
/// never copied out of the tarball.
struct TarballMembers: Sendable {
    private struct Member: Sendable {
        var kind: TarEntry.Kind
        var offset: Int
        var size: Int
        var linkTarget: String
    }

    let file: BlobFile
    private let members: [String: Member]

    /// Classic `docker save` tarballs link repeated layers to the first copy; more hops than this is a loop.
    private static let mostLinkHops = 8

    init(path: String, mostMembers: Int, largestRecord: Int) throws(ImageArchiveError) {
        file = try BlobFile(path: path)
        let head = try file.bytes(min(4, file.size), at: 0)
        if head.starts(with: [0x1F, 0x8B]) {
            throw ImageArchiveError(
                .unsupported, "\(path): is gzip-compressed; decompress it first (gunzip), since its layers are read in place by offset")
        }
        let reader = TarReader(FileTarInput(file), archive: path, largestRecord: largestRecord)
        var members: [String: Member] = [:]
        while let entry = try reader.next() {
            guard members.count < mostMembers else {
                throw ImageArchiveError(.limitExceeded, "\(path): holds more than \(mostMembers) members; not an image archive")
            }
            let name = EntryPath(entry.path)
            guard !name.climbedAboveRoot, !name.isRoot else { continue }
            members[name.relative] = Member(kind: entry.kind, offset: entry.contentOffset, size: entry.size, linkTarget: entry.linkTarget)
        }
        guard !members.isEmpty else { throw ImageArchiveError(.malformed, "\(path): is an empty tar archive, not an image") }
        self.members = members
    }

    func contains(_ name: String) -> Bool {
        members[name] != nil
    }

    /// The byte range of the regular file `name`, following symbolic and hard links between
    /// members (never out of the tarball); nil when there is no such member.
    func region(_ name: String) throws(ImageArchiveError) -> BlobRegion? {
        var current = name
        for _ in 0...Self.mostLinkHops {
            guard let member = members[current] else { return nil }
            switch member.kind {
            case .file:
                return BlobRegion(file: file, offset: member.offset, length: member.size, name: "\(file.path): \(name)")
            case .symbolicLink, .hardLink:
                let base = member.kind == .symbolicLink && !member.linkTarget.hasPrefix("/")
                    ? EntryPath(current).parent.joined(separator: "/") + "/" : ""
                let target = EntryPath(base + member.linkTarget)
                guard !target.climbedAboveRoot else {
                    throw ImageArchiveError(.malformed, "\(file.path): \(current): links to \(member.linkTarget), outside the archive")
                }
                current = target.relative
            default:
                throw ImageArchiveError(.malformed, "\(file.path): \(current): is not a regular file")
            }
        }
        throw ImageArchiveError(.malformed, "\(file.path): \(name): more than \(Self.mostLinkHops) links in a row; a link loop")
    }
}

/// A tarball read by positioned reads: members' data is jumped over, not read.
final class FileTarInput: TarInput {
    private let file: BlobFile
    private(set) var position = 0

    init(_ file: BlobFile) {
        self.file = file
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        let count = try file.read(into: buffer, at: position)
        position += count
        return count
    }

    func skip(_ count: Int) throws(ImageArchiveError) -> Int {
        let step = min(count, file.size - position)
        position += step
        return step
    }
}
