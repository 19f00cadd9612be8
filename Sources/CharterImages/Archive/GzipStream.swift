import CZlib

/// Inflates a gzip stream (several concatenated members too, as `gzip -d` reads them) from the
/// stream below it, through zlib, in bounded buffers. Output far beyond what the input could
/// honestly hold stops the inflate: a decompression bomb is caught while it inflates, not after.
final class GzipStream: ByteStream {
    private let base: any ByteStream
    private let label: String
    private let highestRatio: Int
    private let ratioFloor: Int
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    private var consumed = 0
    private var produced = 0

    init(_ base: any ByteStream, label: String, highestRatio: Int, ratioFloor: Int) throws(ImageArchiveError) {
        self.base = base
        self.label = label
        self.highestRatio = highestRatio
        self.ratioFloor = ratioFloor
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 1)
        // 15 + 32: the largest window, and zlib detects the gzip (or zlib) wrapper by itself.
        guard inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw ImageArchiveError(.unreadable, "\(label): zlib could not start inflating")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        guard !finished, let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if stream.pointee.avail_in == 0, !inputEnded { try refill() }
            let capacity = UInt32(clamping: buffer.count)
            stream.pointee.next_out = target.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = capacity
            let before = Int(stream.pointee.avail_in)
            let status = inflate(stream, Z_NO_FLUSH)
            consumed += before - Int(stream.pointee.avail_in)
            let count = Int(capacity - stream.pointee.avail_out)
            produced += count
            try checkRatio()
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if count > 0 { return count }
                if stream.pointee.avail_in == 0, inputEnded {
                    throw ImageArchiveError(
                        .malformed, "\(label): its gzip stream ends early, after \(consumed) compressed bytes; the blob is truncated")
                }
            case Z_STREAM_END:
                try startNextMember()
                if count > 0 || finished { return count }
            case Z_DATA_ERROR:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw ImageArchiveError(.malformed, "\(label): its gzip data is corrupt (\(reason)) at compressed byte \(consumed)")
            case Z_MEM_ERROR:
                throw ImageArchiveError(.unreadable, "\(label): zlib ran out of memory inflating it")
            default:
                throw ImageArchiveError(.malformed, "\(label): zlib failed inflating it (status \(status))")
            }
        }
    }

    private func refill() throws(ImageArchiveError) {
        let count = try base.read(into: input)
        if count == 0 { inputEnded = true }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = UInt32(count)
    }

    /// After one gzip member, either the input ends or another member starts; anything else
    /// (padding, garbage) is refused by zlib as a bad header.
    private func startNextMember() throws(ImageArchiveError) {
        if stream.pointee.avail_in == 0, !inputEnded { try refill() }
        if stream.pointee.avail_in == 0 {
            finished = true
            return
        }
        guard inflateReset(stream) == Z_OK else {
            throw ImageArchiveError(.malformed, "\(label): zlib could not start the gzip member after byte \(consumed)")
        }
    }

    private func checkRatio() throws(ImageArchiveError) {
        guard produced > ratioFloor, produced / max(consumed, 1) > highestRatio else { return }
        throw ImageArchiveError(
            .limitExceeded,
            "\(label): inflates \(consumed) compressed bytes to \(produced), more than the \(highestRatio)-fold ratio allowed; "
                + "a decompression bomb, or raise the compression-ratio limit")
    }
}
