/// Bytes read front to back in bounded chunks: a blob's byte range, then its inflated form, so a
/// layer flows from the file to the tar reader without ever being held whole.
protocol ByteStream: AnyObject {
    /// Up to `buffer.count` bytes; 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int
}

extension ByteStream {
    /// Reads and discards the rest of the stream, so the checks made at its end (digests, sizes)
    /// run even when the reader above it stopped early, at a tar end marker.
    func drain() throws(ImageArchiveError) {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { scratch.deallocate() }
        while try read(into: scratch) > 0 {}
    }
}

/// A byte range of a file: a whole blob of a layout folder, or one member of a tarball.
struct BlobRegion: Sendable {
    let file: BlobFile
    let offset: Int
    let length: Int
    /// The member or file name messages use.
    let name: String

    /// The region's bytes, refused past `limit` (manifests and configs are small; a huge one is hostile).
    func contents(limit: Int) throws(ImageArchiveError) -> [UInt8] {
        guard length <= limit else {
            throw ImageArchiveError(.limitExceeded, "\(name): \(length) bytes, more than the \(limit) a manifest or config may have")
        }
        return try file.bytes(length, at: offset)
    }

    /// The first bytes, for telling compressed layers from plain tar.
    func prefix(_ count: Int) throws(ImageArchiveError) -> [UInt8] {
        try file.bytes(min(count, length), at: offset)
    }
}

/// Reads a `BlobRegion` with positioned reads.
final class RegionStream: ByteStream {
    private let region: BlobRegion
    private var consumed = 0

    init(_ region: BlobRegion) {
        self.region = region
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        let wanted = min(buffer.count, region.length - consumed)
        guard wanted > 0 else { return 0 }
        let got = try region.file.read(
            into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: region.offset + consumed)
        guard got > 0 else {
            throw ImageArchiveError(
                .malformed, "\(region.name): the file ends after \(consumed) of its \(region.length) bytes; it may be truncated")
        }
        consumed += got
        return got
    }
}
