import CharterTestSupport
@testable import CharterImages
import Foundation

/// A test's work folder: image archives written into it, extracted into workspaces made inside it.
struct ImageFixture {
    enum Layout: String, CaseIterable, Sendable {
        case ociFolder, ociTarball, dockerSave
    }

    let work: TemporaryDirectory

    init(_ label: String) throws {
        work = try TemporaryDirectory(label)
    }

    func remove() {
        work.remove()
    }

    /// Writes `image` in `layout` and returns the archive's path.
    func write(_ image: TestImage, as layout: Layout) throws -> String {
        let writer = LayoutWriter(work: work.path)
        switch layout {
        case .ociFolder:
            let path = work.file("layout")
            try writer.writeFolder(path, index: [try writer.manifest(image)])
            return path
        case .ociTarball:
            let manifest = try writer.manifest(image)
            return try write(writer.tarball(index: [manifest]), named: "image.tar")
        case .dockerSave:
            return try write(LayoutWriter.dockerSave([image]), named: "image.tar")
        }
    }

    func write(_ bytes: [UInt8], named name: String) throws -> String {
        let path = work.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Opens and extracts the archive into a fresh workspace under the work folder.
    func extract(
        _ path: String, selection: ImageSelection = ImageSelection(), limits: ExtractionLimits = .standard
    ) throws -> ImageContents {
        let archive = try ImageArchive(path: path, selection: selection, limits: limits)
        return try archive.extract(into: try ImageWorkspace(in: work.path))
    }

    /// The text of a file inside an extracted image, read without following links.
    static func text(_ contents: ImageContents, _ path: String) -> String? {
        let descriptor = open(contents.root + "/" + path, O_RDONLY | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return (try? FileHandle(fileDescriptor: descriptor).readToEnd()).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every path under `root` (relative, "/"-separated, sorted), found with lstat.
    static func tree(_ root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return (enumerator.allObjects as? [String] ?? []).sorted()
    }
}
