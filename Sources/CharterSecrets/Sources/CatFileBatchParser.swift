import Foundation

/// Reads `git cat-file --batch` output as it arrives in chunks of any size: for each requested
/// object a `<id> <type> <size>` line, the content and a newline, or `<id> missing`.
struct CatFileBatchParser {
    enum Object: Equatable {
        /// `content` is nil when the object is larger than `largest` (its bytes are skipped).
        case object(size: Int, content: [UInt8]?)
        case missing
    }

    private enum Phase {
        case header
        case content(remaining: Int)
        case newline
    }

    let largest: Int
    private var phase = Phase.header
    private var header: [UInt8] = []
    private var size = 0
    private var content: [UInt8]?

    init(largest: Int) {
        self.largest = largest
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, onObject: (Object) throws -> Void) throws {
        var offset = 0
        while offset < chunk.count {
            switch phase {
            case .header:
                guard let newline = chunk[offset...].firstIndex(of: 0x0A) else {
                    header += chunk[offset...]
                    return
                }
                header += chunk[offset..<newline]
                offset = newline + 1
                let fields = header.split(separator: 0x20)
                header.removeAll(keepingCapacity: true)
                guard fields.count == 3, let length = Int(String(decoding: fields[2], as: UTF8.self)), length >= 0 else {
                    try onObject(.missing)
                    continue
                }
                size = length
                content = length <= largest ? [] : nil
                content?.reserveCapacity(length)
                phase = length > 0 ? .content(remaining: length) : .newline
            case .content(let remaining):
                let take = min(remaining, chunk.count - offset)
                content?.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + take)]).assumingMemoryBound(to: UInt8.self))
                offset += take
                phase = remaining == take ? .newline : .content(remaining: remaining - take)
            case .newline:
                offset += 1
                phase = .header
                let finished = content
                content = nil
                try onObject(.object(size: size, content: finished))
            }
        }
    }
}
