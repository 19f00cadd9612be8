/// Applies an image's layers, in order, into a `RootFolder`: each layer streamed from its blob
/// through zlib and the tar reader in bounded buffers, its digests checked as it goes, its
/// whiteouts applied, and every bound of `ExtractionLimits` enforced.
final class LayerApplier {
    /// Real images nest a few dozen folders deep; the cap also bounds the descriptors a
    /// recursive removal holds open.
    static let deepestPath = 256
    static let longestPath = 4096
    /// Linux's `NAME_MAX` (and macOS's): longer names cannot be created, so they are reported instead.
    static let longestName = 255
    /// Odd entries beyond this many are counted, not listed: a hostile image may have millions.
    static let mostOddEntriesListed = 1000

    let folder: RootFolder
    let limits: ExtractionLimits
    var counts = ExtractionCounts()
    private(set) var oddEntries: [OddEntry] = []
    private(set) var unlistedOddEntries = 0
    /// Paths (and their folders) the current layer wrote: a whiteout in the same layer hides
    /// only what lower layers had.
    var writtenInLayer: Set<String> = []
    var layerNumber = 0
    let buffer: UnsafeMutableRawBufferPointer

    init(folder: RootFolder, limits: ExtractionLimits) {
        self.folder = folder
        self.limits = limits
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Reads the layer in `region` and applies it over the layers applied before it.
    func apply(_ layer: ImageLayer, number: Int, region: BlobRegion, label: String) throws(ImageArchiveError) -> AppliedLayer {
        layerNumber = number
        writtenInLayer = []
        let compression = try Self.compression(of: region, label: label)
        let named = layer.digest.map { [DigestingStream.Expectation(digest: $0, promisedBy: "the manifest names for it")] } ?? []
        let diffID = DigestingStream.Expectation(digest: layer.diffID, promisedBy: "the config's rootfs.diff_ids names for it")
        let blob: DigestingStream
        let uncompressed: DigestingStream
        switch compression {
        case .none:
            blob = DigestingStream(RegionStream(region), label: label, expecting: named + [diffID], length: layer.size)
            uncompressed = blob
        case .gzip:
            blob = DigestingStream(RegionStream(region), label: label, expecting: named, length: layer.size)
            let inflated = try GzipStream(blob, label: label, highestRatio: limits.highestRatio, ratioFloor: limits.ratioFloor)
            uncompressed = DigestingStream(inflated, label: label + " (uncompressed)", expecting: [diffID])
        }
        let input = StreamTarInput(uncompressed)
        let reader = TarReader(input, archive: label, largestRecord: limits.largestRecord)
        let entriesBefore = counts.entries
        do {
            while let entry = try reader.next() {
                try apply(entry, from: reader, label: label)
            }
            try input.drain()
            try blob.drain()
        } catch {
            // Corrupt gzip or tar data in a blob that does not match its digest is reported as
            // the mismatch: the root cause, and the one that names the blob.
            if error.code != .digestMismatch, let mismatch = Self.mismatch(in: blob) { throw mismatch }
            throw error
        }
        guard let digest = blob.digest else {
            throw ImageArchiveError(.malformed, "\(label): the blob was not read to its end")
        }
        return AppliedLayer(
            layer: layer, digest: digest, compression: compression, size: blob.length, uncompressedSize: uncompressed.length,
            entries: counts.entries - entriesBefore)
    }

    /// Reads the rest of a blob that failed part-way, to learn whether it matches its digest.
    private static func mismatch(in blob: DigestingStream) -> ImageArchiveError? {
        do {
            try blob.drain()
            return nil
        } catch {
            return error.code == .digestMismatch ? error : nil
        }
    }

    /// Told by the first bytes, as container runtimes tell it, whatever the media type says.
    static func compression(of region: BlobRegion, label: String) throws(ImageArchiveError) -> AppliedLayer.Compression {
        let head = try region.prefix(6)
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        let unsupported: String? =
            if head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { "zstd" }
            else if head.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { "xz" }
            else if head.starts(with: Array("BZh".utf8)) { "bzip2" }
            else { nil }
        if let unsupported {
            throw ImageArchiveError(
                .unsupported,
                "\(label): \(unsupported) layers are not supported yet; only uncompressed and gzip layers are read. "
                    + "Re-save the image with gzip layers (for example `docker save`, or `skopeo copy --dest-compress-format gzip`)")
        }
        return .none
    }

    private func apply(_ entry: TarEntry, from reader: TarReader<StreamTarInput>, label: String) throws(ImageArchiveError) {
        counts.entries += 1
        guard counts.entries <= limits.mostEntries else {
            throw ImageArchiveError(
                .limitExceeded, "\(label): the image has more than \(limits.mostEntries) entries, the limit; a decompression bomb, or raise the entry limit")
        }
        let path = EntryPath(entry.path)
        if entry.hasUndecodableName { note(entry, .undecodableName, skipped: false) }
        if path.climbedAboveRoot {
            note(entry, .climbsAboveRoot, skipped: false)
        } else if path.wasAbsolute {
            note(entry, .absoluteName, skipped: false)
        }
        guard path.components.count <= Self.deepestPath, path.relative.utf8.count <= Self.longestPath else {
            return note(entry, .nestedTooDeep, skipped: true)
        }
        guard path.components.allSatisfy({ $0.utf8.count <= Self.longestName }) else {
            return note(entry, .nameTooLong, skipped: true)
        }
        do {
            if let name = path.name, name.hasPrefix(".wh.") {
                try applyWhiteout(entry, path: path, name: name)
                return
            }
            switch entry.kind {
            case .directory: try makeDirectory(entry, path: path)
            case .file: try writeFile(entry, path: path, from: reader, label: label)
            case .symbolicLink: try makeSymbolicLink(entry, path: path)
            case .hardLink: try makeHardLink(entry, path: path)
            case .characterDevice: note(entry, .characterDevice, skipped: true)
            case .blockDevice: note(entry, .blockDevice, skipped: true)
            case .fifo: note(entry, .fifo, skipped: true)
            case .other(let flag): note(entry, .unsupportedType(String(Character(Unicode.Scalar(flag)))), skipped: true)
            }
        } catch where error.code == .writeFailed {
            throw ImageArchiveError(.writeFailed, "\(label): member \(entry.path): \(error.message)")
        }
    }

    func note(_ entry: TarEntry, _ reason: OddEntry.Reason, skipped: Bool) {
        if skipped { counts.skipped += 1 }
        guard oddEntries.count < Self.mostOddEntriesListed else {
            unlistedOddEntries += 1
            return
        }
        oddEntries.append(OddEntry(layer: layerNumber, path: entry.path, reason: reason, skipped: skipped))
    }

    /// Records `path` and its folders as written by the current layer.
    func markWritten(_ path: EntryPath) {
        var components = path.components[...]
        while !components.isEmpty, writtenInLayer.insert(components.joined(separator: "/")).inserted {
            components = components.dropLast()
        }
    }
}
