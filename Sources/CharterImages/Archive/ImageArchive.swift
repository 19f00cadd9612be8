/// A container image read from a `docker save` tarball (the classic layout, or the OCI layout
/// Docker 25 and later write inside it) or from an OCI image layout folder, without a container
/// engine. Opening it reads and verifies the index, manifest and config; `extract(into:)` then
/// applies the layers, in order, into a folder of a workspace.
///
/// Archives are untrusted input: every blob is checked against the digest that names it, tar
/// entries can never write outside the extraction folder, and `ExtractionLimits` bound the
/// work a decompression bomb can cause.
package struct ImageArchive: Sendable {
    package enum Layout: String, Sendable {
        /// `oci-layout` + `index.json` + `blobs/sha256/` (also inside Docker 25+ tarballs).
        case ociLayout = "OCI image layout"
        /// `manifest.json` + `<id>/layer.tar` + `<config>.json`, as `docker save` wrote before Docker 25.
        case dockerSave = "docker save"
    }

    package let path: String
    package let layout: Layout
    /// Every image the archive lists, for choosing among them.
    package let candidates: [ImageCandidate]
    package let image: ImageCandidate
    /// The manifest's digest, when the archive has one (not in a classic `docker save`).
    package let manifestDigest: BlobDigest?
    package let configDigest: BlobDigest
    package let config: ImageConfig
    /// From the base image up.
    package let layers: [ImageLayer]
    let limits: ExtractionLimits
    private let reader: ImageLayoutReader

    package init(
        path: String, selection: ImageSelection = ImageSelection(), limits: ExtractionLimits = .standard
    ) throws(ImageArchiveError) {
        let container = try ImageContainer.open(path, limits: limits)
        reader = ImageLayoutReader(container: container, limits: limits)
        self.path = path
        self.limits = limits
        layout = try reader.layout()
        candidates = try reader.candidates(in: layout)
        image = try selection.choose(from: candidates, archive: path)
        let loaded = try reader.load(image)
        if let wanted = selection.platform, image.platform == nil, !loaded.config.platform.serves(wanted) {
            throw ImageArchiveError(.selection, "\(path): the image is for \(loaded.config.platform), not \(wanted)")
        }
        manifestDigest = loaded.manifestDigest
        configDigest = loaded.configDigest
        config = loaded.config
        layers = loaded.layers
    }

    /// Applies the layers into a new `rootfs` folder of `workspace`. On any error the folder is
    /// removed again, so a failed extraction leaves nothing behind.
    package func extract(into workspace: ImageWorkspace) throws(ImageArchiveError) -> ImageContents {
        let rootPath = workspace.path + "/rootfs"
        let folder = try RootFolder(creatingAt: rootPath)
        do {
            let applier = LayerApplier(folder: folder, limits: limits)
            var applied: [AppliedLayer] = []
            for (index, layer) in layers.enumerated() {
                let label = "\(path): layer \(index + 1) of \(layers.count) (\(layer.member))"
                applied.append(try applier.apply(layer, number: index + 1, region: try reader.region(of: layer), label: label))
            }
            return ImageContents(
                archive: path, image: image, manifestDigest: manifestDigest, configDigest: configDigest, config: config,
                layers: applied, root: rootPath, counts: applier.counts, oddEntries: applier.oddEntries,
                unlistedOddEntries: applier.unlistedOddEntries)
        } catch {
            workspace.removeItem(named: "rootfs")
            throw error
        }
    }
}
