import CZlib

/// zlib's inflate over raw deflate data (no zlib or gzip wrapper: ZIP's method 8), into a buffer
/// of exactly the declared size. Output that would run past it stops the inflate at once, so a
/// header that understates its size cannot make us allocate or inflate more than it declared.
enum RawInflater {
    static func inflate(_ compressed: [UInt8], declaredSize: Int) throws(ZipFault) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard charter_inflate_init_raw(stream) == Z_OK else { throw ZipFault("zlib could not start inflating") }
        defer { inflateEnd(stream) }

        // One byte more than declared, so output past the declared size is seen, not silently cut.
        let capacity = declaredSize + 1
        var status: Int32 = Z_OK
        var produced = 0
        let output = compressed.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: capacity) { target, initialized in
                // zlib's `next_in` is not const-qualified, but inflate only reads through it.
                stream.pointee.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = UInt32(capacity)
                status = CZlib.inflate(stream, Z_FINISH)
                produced = capacity - Int(stream.pointee.avail_out)
                initialized = produced
            }
        }
        let leftover = Int(stream.pointee.avail_in)
        switch status {
        case Z_STREAM_END:
            guard leftover == 0 else { throw ZipFault("\(leftover) bytes of compressed data follow the end of the deflate stream") }
            guard produced == declaredSize else {
                throw ZipFault("inflates to \(produced) bytes but declares \(declaredSize)")
            }
            return output
        case Z_BUF_ERROR, Z_OK:
            if produced > declaredSize { throw ZipFault("inflates past its declared \(declaredSize) bytes") }
            throw ZipFault("its deflate stream is cut short after \(produced) bytes")
        case Z_DATA_ERROR:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
            throw ZipFault("its deflate data is corrupt (\(reason))")
        case Z_MEM_ERROR:
            throw ZipFault("zlib ran out of memory inflating it")
        default:
            throw ZipFault("zlib failed inflating it (status \(status))")
        }
    }

    /// The CRC-32 ZIP records for an entry's uncompressed bytes.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
