/// One member of a tar archive after its pax and GNU long-name records are applied.
struct TarEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case file
        case directory
        case symbolicLink
        case hardLink
        case characterDevice
        case blockDevice
        case fifo
        /// A type this reader does not apply (GNU sparse, volume labels, vendor types); its data is skipped.
        case other(UInt8)
    }

    var path: String
    var linkTarget: String
    var kind: Kind
    /// The bytes of content that follow the header (0 for links, directories and devices).
    var size: Int
    var mode: Int
    /// Where the content starts in the archive.
    var contentOffset: Int
    /// The name or link target held bytes that are not UTF-8 (replaced with U+FFFD).
    var hasUndecodableName: Bool
}

extension TarEntry.Kind {
    /// Links, devices, FIFOs and directories carry no data whatever their size field says, as
    /// GNU tar and Go's archive/tar read them (GNU's `D` listing does carry some).
    static func hasData(flag: UInt8) -> Bool {
        !(UInt8(ascii: "1")...UInt8(ascii: "6")).contains(flag)
    }

    /// POSIX type flags, GNU's `D` (directory listing) read as a directory; `L`, `K`, `x` and `g`
    /// never reach here.
    init(flag: UInt8, name: [UInt8]) {
        switch flag {
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
            // Pre-POSIX archivers mark directories only by a trailing slash.
            self = name.last == UInt8(ascii: "/") ? .directory : .file
        case UInt8(ascii: "1"): self = .hardLink
        case UInt8(ascii: "2"): self = .symbolicLink
        case UInt8(ascii: "3"): self = .characterDevice
        case UInt8(ascii: "4"): self = .blockDevice
        case UInt8(ascii: "5"), UInt8(ascii: "D"): self = .directory
        case UInt8(ascii: "6"): self = .fifo
        default: self = .other(flag)
        }
    }
}
