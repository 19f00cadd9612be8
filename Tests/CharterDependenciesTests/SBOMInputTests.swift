import CharterCore
@testable import CharterDependencies
import Testing

/// CycloneDX and SPDX documents read as the inventory, by their components' Package URLs.
@Suite struct SBOMInputTests {
    static func extraction(_ text: String, path: String) throws -> LockfileExtraction {
        try SBOMInput().extraction(Array(text.utf8), path: path) { _ in [] }
    }

    @Test func cycloneDXComponentsNestedOnesTooWithTheOthersCounted() throws {
        let extraction = try Self.extraction(LockfileFixtures.cycloneDX, path: "image.cdx.json")
        #expect(DependencyInventoryTests.summary(extraction.dependencies) == [
            "Debian:12 openssl 3.0.11-1~deb12u2 image.cdx.json:12", "Maven com.fasterxml.jackson.core:jackson-databind 2.16.1 image.cdx.json:7",
            "Maven org.springframework.boot:spring-boot 3.2.3 image.cdx.json:8", "npm @tanstack/query-core 5.28.4 image.cdx.json:10",
        ], "libssl3 and libcrypto3 are one source package")
        #expect(extraction.unsupported == ["docker": 1, "without a purl": 1])
    }

    @Test func spdxPackagesByTheirPurlReference() throws {
        let extraction = try Self.extraction(LockfileFixtures.spdx, path: "sbom.spdx.json")
        #expect(DependencyInventoryTests.summary(extraction.dependencies) == [
            "Alpine:v3.18 musl 1.2.4-r2 sbom.spdx.json:13", "PyPI requests 2.31.0 sbom.spdx.json:21",
        ])
        #expect(extraction.unsupported == ["rpm": 1])
    }

    @Test(arguments: [("bom.json", true), ("sbom.json", true), ("image.sbom.json", true), ("app.cdx.json", true), ("app.spdx.json", true), ("package.json", false)])
    func sbomFileNames(name: String, handled: Bool) {
        #expect(SBOMInput().handles(fileName: name) == handled)
    }

    /// `bom.json` is a common name for other things: one that is no SBOM is passed over, while
    /// a file that says it is one (`.cdx.json`) and is not is a problem.
    @Test func ambiguousNamesAreSniffedExplicitOnesAreNot() {
        let other = Array(#"{ "name": "kiosk bill of materials", "parts": [ { "sku": "KB-101", "count": 2 } ] }"#.utf8)
        #expect(!SBOMInput().recognizes(other, path: "hardware/bom.json"))
        #expect(SBOMInput().recognizes(Array(LockfileFixtures.cycloneDX.utf8), path: "bom.json"))
        #expect(SBOMInput().recognizes(other, path: "app.cdx.json"))
        #expect(throws: LockfileError.self) { try Self.extraction(String(decoding: other, as: UTF8.self), path: "app.cdx.json") }
    }

    /// Every ecosystem's dependencies written out as an SBOM read back the same.
    @Test(arguments: SBOMDocument.Format.allCases)
    func sbomsCharterWritesReadBack(format: SBOMDocument.Format) throws {
        let dependencies = PackageURLTests.written.map(\.0)
        let document = SBOMDocument(subject: "storefront", dependencies: dependencies, tool: ("charter", "test")).json(format)
        let text = try CanonicalJSON.string(document)
        let read = try Self.extraction(text, path: "sbom.json").dependencies
        let key = { (dependency: Dependency) in "\(dependency.ecosystem) \(dependency.name) \(dependency.version)" }
        #expect(Set(read.map(key)) == Set(dependencies.map(key)))
    }
}
