import CharterCore

/// Reads the structure of an image archive: the images it offers, and for the chosen one its
/// manifest, config and layer list. Every index, manifest and config is checked against the
/// digest and size that name it before anything in it is believed.
struct ImageLayoutReader {
    /// The parts of the chosen image that are read before any layer.
    struct Image {
        var manifestDigest: BlobDigest?
        var configDigest: BlobDigest
        var config: ImageConfig
        var layers: [ImageLayer]
    }

    let container: ImageContainer
    let limits: ExtractionLimits

    /// Docker nests one index in another; deeper nesting is not something real tools write.
    static let deepestIndexNesting = 4
    static let mostCandidates = 1000
    static let configMediaTypes: Set<String> = [
        "application/vnd.oci.image.config.v1+json", "application/vnd.docker.container.image.v1+json",
    ]

    var archive: String { container.path }

    /// An OCI layout when there is an `index.json` (Docker 25 and later save one too), else a
    /// classic `docker save` when there is a `manifest.json`.
    func layout() throws(ImageArchiveError) -> ImageArchive.Layout {
        if container.contains("index.json") {
            if let marker = try container.region("oci-layout") {
                let fields = try JSONFields.parse(try marker.contents(limit: limits.largestMetadata), source: marker.name)
                let version = try fields.requiredString("imageLayoutVersion")
                guard version.hasPrefix("1.") else {
                    throw ImageArchiveError(.unsupported, "\(marker.name): image layout version \(version) is not supported; 1.x is read")
                }
            }
            return .ociLayout
        }
        if container.contains("manifest.json") { return .dockerSave }
        throw ImageArchiveError(
            .malformed, "\(archive): has neither index.json (an OCI image layout) nor manifest.json (docker save); not an image archive")
    }

    func candidates(in layout: ImageArchive.Layout) throws(ImageArchiveError) -> [ImageCandidate] {
        var candidates: [ImageCandidate] = []
        switch layout {
        case .ociLayout:
            guard let region = try container.region("index.json") else { return [] }
            let index = try JSONFields.parse(try region.contents(limit: limits.largestMetadata), source: region.name)
            try walk(index, inherited: [], depth: 0, into: &candidates)
        case .dockerSave:
            candidates = try dockerSaveEntries()
        }
        guard !candidates.isEmpty else { throw ImageArchiveError(.malformed, "\(archive): lists no images") }
        return candidates
    }

    private func walk(_ index: JSONFields, inherited: [String], depth: Int, into candidates: inout [ImageCandidate]) throws(ImageArchiveError) {
        for fields in try index.objects("manifests") {
            let descriptor = try ImageDescriptor(fields)
            guard !descriptor.isAttestation else { continue }
            let references = descriptor.references.isEmpty ? inherited : descriptor.references
            let isPresent = try container.blob(descriptor.digest) != nil
            var nested: JSONFields?
            if isPresent, descriptor.mediaType.map({ !ImageDescriptor.manifestMediaTypes.contains($0) }) ?? true {
                let document = try self.document(descriptor, role: "manifest", listedIn: index.source)
                if document.members["manifests"] != nil { nested = document }
            }
            if let nested {
                guard depth < Self.deepestIndexNesting else {
                    throw ImageArchiveError(.malformed, "\(archive): indexes nest more than \(Self.deepestIndexNesting) deep")
                }
                try walk(nested, inherited: references, depth: depth + 1, into: &candidates)
            } else {
                candidates.append(
                    ImageCandidate(source: .manifest(descriptor), references: references, platform: descriptor.platform, isPresent: isPresent))
            }
            guard candidates.count <= Self.mostCandidates else {
                throw ImageArchiveError(.limitExceeded, "\(archive): lists more than \(Self.mostCandidates) images")
            }
        }
    }

    private func dockerSaveEntries() throws(ImageArchiveError) -> [ImageCandidate] {
        guard let region = try container.region("manifest.json") else { return [] }
        let bytes = try region.contents(limit: limits.largestMetadata)
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, source: region.name, options: .lenient)
        } catch {
            throw ImageArchiveError(.malformed, "\(error.description): the file is not valid JSON")
        }
        guard let entries = value.arrayValue else {
            throw ImageArchiveError(.malformed, "\(region.name): is not a JSON array of images")
        }
        var candidates: [ImageCandidate] = []
        for (index, entry) in entries.enumerated() {
            let fields = try JSONFields(entry, source: region.name, path: "[\(index)]")
            let config = try fields.requiredString("Config")
            guard let layers = try fields.strings("Layers") else {
                throw ImageArchiveError(.malformed, "\(region.name): \(fields.field("Layers")) is missing")
            }
            candidates.append(
                ImageCandidate(
                    source: .dockerSave(config: config, layers: layers), references: try fields.strings("RepoTags") ?? [],
                    platform: nil, isPresent: container.contains(config)))
        }
        return candidates
    }

    /// The manifest, config and layer list of `candidate`.
    func load(_ candidate: ImageCandidate) throws(ImageArchiveError) -> Image {
        switch candidate.source {
        case .manifest(let descriptor):
            let manifest = try document(descriptor, role: "manifest", listedIn: "index.json")
            guard let configFields = try manifest.object("config") else {
                throw ImageArchiveError(.malformed, "\(manifest.source): config is missing; not an image manifest")
            }
            let configDescriptor = try ImageDescriptor(configFields)
            if let type = configDescriptor.mediaType, !Self.configMediaTypes.contains(type) {
                throw ImageArchiveError(.unsupported, "\(manifest.source): its config is \(type), not a container image config")
            }
            let config = try ImageConfig(try document(configDescriptor, role: "config", listedIn: manifest.source))
            let descriptors = try manifest.objects("layers").map { (fields) throws(ImageArchiveError) in try ImageDescriptor(fields) }
            try checkLayerCount(descriptors.count, config: config, source: manifest.source)
            var layers: [ImageLayer] = []
            for (index, layer) in descriptors.enumerated() {
                guard try container.blob(layer.digest) != nil else {
                    let foreign = (layer.mediaType ?? "").contains("foreign") || (layer.mediaType ?? "").contains("nondistributable")
                    throw ImageArchiveError(
                        .malformed,
                        "\(archive): layer \(index + 1) (\(layer.digest)) is not in the archive"
                            + (foreign ? "; it is a foreign layer, which image archives leave out" : ""))
                }
                layers.append(
                    ImageLayer(
                        mediaType: layer.mediaType, digest: layer.digest, size: layer.size, diffID: config.diffIDs[index],
                        member: "blobs/sha256/" + layer.digest.hex))
            }
            return Image(manifestDigest: descriptor.digest, configDigest: configDescriptor.digest, config: config, layers: layers)
        case .dockerSave(let configName, let layerNames):
            guard let region = try container.region(configName) else {
                throw ImageArchiveError(.malformed, "\(archive): its manifest.json names the config \(configName), which is not in the archive")
            }
            let bytes = try region.contents(limit: limits.largestMetadata)
            let digest = DigestingStream.digest(of: bytes)
            if let named = Self.digest(named: configName), named != digest {
                throw ImageArchiveError(
                    .digestMismatch, "\(region.name): hashes to \(digest), not the \(named) its name says; the archive is corrupt or was altered")
            }
            let config = try ImageConfig(try JSONFields.parse(bytes, source: region.name))
            try checkLayerCount(layerNames.count, config: config, source: "\(archive): manifest.json")
            var layers: [ImageLayer] = []
            for (index, name) in layerNames.enumerated() {
                guard let layer = try container.region(name) else {
                    throw ImageArchiveError(.malformed, "\(archive): layer \(index + 1) (\(name)) is not in the archive")
                }
                let named = name.hasPrefix("blobs/sha256/") ? BlobDigest(hex: String(name.dropFirst("blobs/sha256/".count))) : nil
                layers.append(ImageLayer(mediaType: nil, digest: named, size: layer.length, diffID: config.diffIDs[index], member: name))
            }
            return Image(manifestDigest: nil, configDigest: digest, config: config, layers: layers)
        }
    }

    /// The region of a layer, for extraction.
    func region(of layer: ImageLayer) throws(ImageArchiveError) -> BlobRegion {
        guard let region = try container.region(layer.member) else {
            throw ImageArchiveError(.malformed, "\(archive): the layer \(layer.member) is not in the archive")
        }
        return region
    }

    private func checkLayerCount(_ count: Int, config: ImageConfig, source: String) throws(ImageArchiveError) {
        guard count <= limits.mostLayers else {
            throw ImageArchiveError(.limitExceeded, "\(source): lists \(count) layers, more than the \(limits.mostLayers) allowed")
        }
        guard count == config.diffIDs.count else {
            throw ImageArchiveError(
                .malformed, "\(source): lists \(count) layers but the config's rootfs.diff_ids lists \(config.diffIDs.count)")
        }
    }

    /// A blob of an index, manifest or config, checked against its descriptor and parsed.
    private func document(_ descriptor: ImageDescriptor, role: String, listedIn source: String) throws(ImageArchiveError) -> JSONFields {
        guard let region = try container.blob(descriptor.digest) else {
            throw ImageArchiveError(.malformed, "\(archive): the \(role) \(descriptor.digest) that \(source) names is not in the archive")
        }
        guard region.length == descriptor.size else {
            throw ImageArchiveError(
                .digestMismatch, "\(region.name): is \(region.length) bytes, not the \(descriptor.size) that \(source) declares for this \(role)")
        }
        let bytes = try region.contents(limit: limits.largestMetadata)
        let digest = DigestingStream.digest(of: bytes)
        guard digest == descriptor.digest else {
            throw ImageArchiveError(
                .digestMismatch,
                "\(region.name): hashes to \(digest), not the \(descriptor.digest) that \(source) names; the archive is corrupt or was altered")
        }
        return try JSONFields.parse(bytes, source: region.name)
    }

    /// The digest a classic `docker save` puts in a config's file name (`<hex>.json`), or a blob path's.
    private static func digest(named name: String) -> BlobDigest? {
        let last = EntryPath(name).name ?? ""
        return BlobDigest(hex: last.hasSuffix(".json") ? String(last.dropLast(5)) : last)
    }
}
