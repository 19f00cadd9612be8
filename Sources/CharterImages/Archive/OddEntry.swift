/// A layer entry that was skipped, or placed somewhere other than its name says, and why: what
/// a reviewer of a hostile or unusual image wants to see.
package struct OddEntry: Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        case characterDevice
        case blockDevice
        case fifo
        /// A tar type flag this reader does not apply (GNU sparse `S`, volume label `V`, vendor types).
        case unsupportedType(String)
        /// The name climbs above the root with ".."; placed at the clamped path.
        case climbsAboveRoot
        /// The name starts with "/"; placed relative to the root.
        case absoluteName
        /// A folder on the way is a symbolic link or a file in the image; never followed.
        case parentNotADirectory(String)
        case hardLinkTargetMissing(String)
        case hardLinkTargetIsADirectory(String)
        /// The hard link's target climbs above the root; linked to the clamped path.
        case hardLinkTargetClimbsAboveRoot(String)
        case nameTooLong
        case emptyLinkTarget
        case nestedTooDeep
        /// The name is not UTF-8; written with U+FFFD in place of the bad bytes.
        case undecodableName
        /// A `.wh..wh.` name other than the opaque marker (AUFS bookkeeping).
        case unknownWhiteout
        /// An entry that names the root folder itself as something other than a folder.
        case replacesRoot
    }

    /// 1-based, as messages count layers.
    package var layer: Int
    /// The name as the tar stores it.
    package var path: String
    package var reason: Reason
    /// Whether the entry was left out of the root (otherwise it was written, as the reason says).
    package var skipped: Bool

    package var description: String {
        "layer \(layer): \(path): " + explanation + (skipped ? "; skipped" : "")
    }

    private var explanation: String {
        switch reason {
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .fifo: "a FIFO"
        case .unsupportedType(let flag): "tar type \"\(flag)\" is not applied"
        case .climbsAboveRoot: "climbs above the root with \"..\"; placed inside the root instead"
        case .absoluteName: "an absolute name; placed relative to the root"
        case .parentNotADirectory(let parent): "\(parent) is a link or a file in the image, not a folder, and is never followed"
        case .hardLinkTargetMissing(let target): "a hard link to \(target), which does not exist"
        case .hardLinkTargetIsADirectory(let target): "a hard link to \(target), which is a folder"
        case .hardLinkTargetClimbsAboveRoot(let target): "a hard link to \(target), above the root; linked inside the root instead"
        case .nameTooLong: "a name longer than the file system allows"
        case .emptyLinkTarget: "a symbolic link with an empty target"
        case .nestedTooDeep: "nested deeper than \(LayerApplier.deepestPath) folders or longer than \(LayerApplier.longestPath) bytes"
        case .undecodableName: "its name is not UTF-8; written with U+FFFD in place of the bad bytes"
        case .unknownWhiteout: "an AUFS bookkeeping name, not a whiteout"
        case .replacesRoot: "tries to replace the root folder"
        }
    }
}

/// What the extraction did, all layers together.
package struct ExtractionCounts: Sendable, Equatable {
    package var entries = 0
    package var files = 0
    package var directories = 0
    package var symbolicLinks = 0
    package var hardLinks = 0
    /// `.wh.<name>` entries (each deletes what lower layers had at that name).
    package var whiteouts = 0
    /// `.wh..wh..opq` entries (each hides a folder's lower contents).
    package var opaqueDirectories = 0
    package var skipped = 0
    /// File bytes written.
    package var bytes = 0

    package init() {}
}
