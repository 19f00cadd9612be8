/// Where a tar reader's bytes come from: a layer stream it reads through, or a tarball file in
/// which it can jump past members without reading them.
protocol TarInput: AnyObject {
    /// Bytes consumed so far: where the next read starts.
    var position: Int { get }
    /// Up to `buffer.count` bytes; fewer only at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int
    /// Moves past up to `count` bytes and says how many there were.
    func skip(_ count: Int) throws(ImageArchiveError) -> Int
}

extension TarInput {
    /// Fills `bytes` as far as the input goes; how many bytes were read.
    func read(into bytes: inout [UInt8]) throws(ImageArchiveError) -> Int {
        var failure: ImageArchiveError?
        let count = bytes.withUnsafeMutableBytes { raw in
            do throws(ImageArchiveError) {
                return try read(into: raw)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return count
    }
}

/// A stream (a layer, inflated as it goes) read through a bounded buffer. Large reads go
/// straight to the caller's buffer, so file contents are copied once on their way to disk.
final class StreamTarInput: TarInput {
    private let stream: any ByteStream
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private(set) var position = 0

    init(_ stream: any ByteStream, bufferSize: Int = 256 << 10) {
        self.stream = stream
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    func read(into target: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        var filled = 0
        while filled < target.count {
            if start < end {
                let count = min(end - start, target.count - filled)
                UnsafeMutableRawBufferPointer(rebasing: target[filled..<(filled + count)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]))
                start += count
                filled += count
            } else if target.count - filled >= buffer.count {
                let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: target[filled...]))
                guard count > 0 else { break }
                filled += count
            } else if try !refill() {
                break
            }
        }
        position += filled
        return filled
    }

    func skip(_ count: Int) throws(ImageArchiveError) -> Int {
        var skipped = 0
        while skipped < count {
            if start == end, try !refill() { break }
            let step = min(end - start, count - skipped)
            start += step
            skipped += step
        }
        position += skipped
        return skipped
    }

    /// Reads what follows the tar data (end-marker padding, trailing bytes) so the checks made at
    /// the end of the streams below run.
    func drain() throws(ImageArchiveError) {
        start = end
        try stream.drain()
    }

    private func refill() throws(ImageArchiveError) -> Bool {
        let count = try stream.read(into: buffer)
        start = 0
        end = count
        return count > 0
    }
}
