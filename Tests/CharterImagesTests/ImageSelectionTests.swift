import CharterCore
import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Archives that offer several images: platforms in an index (nested, as Docker's containerd
/// store saves them, with build attestations beside), and several tagged images in one save.
@Suite struct ImageSelectionTests {
    static let platforms: [ImagePlatform] = [
        .linuxAMD64, ImagePlatform(os: "linux", architecture: "arm64", variant: "v8"), ImagePlatform(os: "linux", architecture: "arm", variant: "v7"),
    ]

    static func image(for platform: ImagePlatform) -> TestImage {
        TestImage([TestImage.Layer(tar: TarBuilder(entries: [.file("platform", platform.description)]).bytes())], platform: platform)
    }

    /// A layout whose index lists the three platforms, a build attestation, and (unless `saved`)
    /// a ppc64le image whose blobs were not saved; `nested` puts that list in a second index.
    static func write(_ fixture: ImageFixture, nested: Bool) throws -> String {
        let writer = LayoutWriter(work: fixture.work.path)
        var manifests = try platforms.map { try writer.manifest(image(for: $0), listPlatform: true) }
        manifests.append(
            writer.descriptor(
                Array(#"{"schemaVersion": 2}"#.utf8), mediaType: "application/vnd.oci.image.manifest.v1+json",
                platform: ImagePlatform(os: "unknown", architecture: "unknown")))
        let absent = LayoutWriter(work: fixture.work.path)
        manifests.append(try absent.manifest(image(for: ImagePlatform(os: "linux", architecture: "ppc64le")), listPlatform: true))
        let top = nested ? [writer.index(manifests)] : manifests
        let path = fixture.work.file("multi")
        try writer.writeFolder(path, index: top)
        return path
    }

    @Test(arguments: [false, true])
    func picksLinuxAMD64ByDefault(nested: Bool) throws {
        let fixture = try ImageFixture("select-default")
        defer { fixture.remove() }
        let contents = try fixture.extract(try Self.write(fixture, nested: nested))
        #expect(ImageFixture.text(contents, "platform") == "linux/amd64")
        #expect(contents.image.platform == .linuxAMD64)
    }

    @Test(arguments: [("linux/arm64", "linux/arm64/v8"), ("linux/arm64/v8", "linux/arm64/v8"), ("linux/arm", "linux/arm/v7")])
    func picksTheRequestedPlatform(requested: String, found: String) throws {
        let fixture = try ImageFixture("select-platform")
        defer { fixture.remove() }
        let selection = ImageSelection(platform: try ImagePlatform(parsing: requested))
        let contents = try fixture.extract(try Self.write(fixture, nested: true), selection: selection)
        #expect(ImageFixture.text(contents, "platform") == found)
        #expect(contents.platform.description == found)
    }

    @Test(arguments: [
        ("linux/s390x", "no image for linux/s390x; it holds linux/amd64 sha256:"),
        ("linux/ppc64le", "no image for linux/ppc64le; it holds"),
        ("linux/arm/v6", "no image for linux/arm/v6"),
    ])
    func namesWhatTheArchiveHoldsWhenNothingFits(requested: String, expected: String) throws {
        let fixture = try ImageFixture("select-missing")
        defer { fixture.remove() }
        let path = try Self.write(fixture, nested: false)
        let error = try #require(throws: ImageArchiveError.self) {
            try ImageArchive(path: path, selection: ImageSelection(platform: try ImagePlatform(parsing: requested)))
        }
        #expect(error.code == .selection)
        #expect(error.message.hasPrefix(path + ": " + expected), "\(error.message)")
        #expect(error.message.contains(#/linux/ppc64le sha256:[0-9a-f]{12} \(listed, but its blobs are not in the archive\)/#))
        #expect(!error.message.contains("unknown"))
    }

    @Test func refusesMalformedPlatforms() {
        #expect(throws: ImageArchiveError.self) { try ImagePlatform(parsing: "linux") }
        #expect(throws: ImageArchiveError.self) { try ImagePlatform(parsing: "linux//v7") }
    }

    /// `docker save a b` holds two images; one must be chosen by name. The second shares the
    /// first's base layer, which the classic layout stores once and links to.
    @Test func choosesAmongSavedImagesByName() throws {
        let fixture = try ImageFixture("select-name")
        defer { fixture.remove() }
        let shared = TarBuilder(entries: [.file("base", "shared")]).bytes()
        var first = TestImage(tars: [shared, TarBuilder(entries: [.file("name", "web")]).bytes()], gzip: false)
        first.references = ["registry.example.com/team/web:1.0"]
        var second = TestImage(tars: [shared, TarBuilder(entries: [.file("name", "worker")]).bytes()], gzip: false)
        second.references = ["worker:2.0"]
        let path = try fixture.write(LayoutWriter.dockerSave([first, second]), named: "two.tar")

        let ambiguous = try #require(throws: ImageArchiveError.self) { try ImageArchive(path: path) }
        #expect(ambiguous.message == "\(path): holds 2 images that fit (registry.example.com/team/web:1.0; worker:2.0); choose one by name or by platform")

        for (reference, name) in [("team/web:1.0", "web"), ("worker:2.0", "worker"), ("registry.example.com/team/web:1.0", "web")] {
            let contents = try fixture.extract(path, selection: ImageSelection(reference: reference))
            #expect(ImageFixture.text(contents, "name") == name)
            #expect(ImageFixture.text(contents, "base") == "shared")
        }
        let unknown = try #require(throws: ImageArchiveError.self) { try ImageArchive(path: path, selection: ImageSelection(reference: "db")) }
        #expect(unknown.message.hasPrefix("\(path): no image named db; it holds"))
    }

    /// An image whose index gives no platform is checked against its config when one is asked for.
    @Test func checksTheConfigPlatformWhenTheIndexGivesNone() throws {
        let fixture = try ImageFixture("select-config")
        defer { fixture.remove() }
        let path = try fixture.write(Self.image(for: ImagePlatform(os: "linux", architecture: "arm64")), as: .ociTarball)
        #expect(try ImageArchive(path: path).config.platform.architecture == "arm64")
        let error = try #require(throws: ImageArchiveError.self) {
            try ImageArchive(path: path, selection: ImageSelection(platform: .linuxAMD64))
        }
        #expect(error.message == "\(path): the image is for linux/arm64, not linux/amd64")
    }
}
