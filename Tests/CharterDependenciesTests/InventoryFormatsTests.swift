@testable import CharterDependencies
import Foundation
import Testing

/// The inventory walk over a repository holding every format, and root filesystems laid out
/// beside it.
@Suite struct InventoryFormatsTests {
    typealias Project = DependencyInventoryTests.Project

    static let tree: [String: String] = [
        "web/bun.lock": LockfileFixtures.bunLock,
        "ruby/Gemfile.lock": LockfileFixtures.gemfileLock,
        "php/composer.lock": LockfileFixtures.composerLock,
        "mobile/pubspec.lock": LockfileFixtures.pubspecLock,
        "elixir/mix.lock": LockfileFixtures.mixLock,
        "dotnet/packages.lock.json": LockfileFixtures.nugetLock,
        "jvm/gradle.lockfile": LockfileFixtures.gradleLockfile,
        "jvm/legacy/gradle/dependency-locks/compileClasspath.lockfile": "com.google.guava:guava:33.0.0-jre\n",
        "jvm/pom.xml": LockfileFixtures.pomXML,
        "r/renv.lock": LockfileFixtures.renvLock,
        "cpp/conan.lock": LockfileFixtures.conanLock,
        "sbom/image.cdx.json": LockfileFixtures.cycloneDX,
        "sbom/alpine.spdx.json": LockfileFixtures.spdx,
        "hardware/bom.json": #"{ "name": "kiosk bill of materials", "parts": [ { "sku": "KB-101", "count": 2 } ] }"#,
        "images/debian/var/lib/dpkg/status": LockfileFixtures.dpkgStatus,
        "images/debian/etc/os-release": LockfileFixtures.debianOSRelease,
        "images/alpine/lib/apk/db/installed": LockfileFixtures.apkInstalled,
        "images/alpine/etc/os-release": LockfileFixtures.alpineOSRelease,
        "docs/status": "Package: not-a-database\n",
    ]

    @Test func everyFormatIsFoundAndRead() throws {
        let project = try Project(Self.tree)
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.lockfiles == [
            "cpp/conan.lock", "dotnet/packages.lock.json", "elixir/mix.lock", "images/alpine/lib/apk/db/installed", "images/debian/var/lib/dpkg/status",
            "jvm/gradle.lockfile", "jvm/legacy/gradle/dependency-locks/compileClasspath.lockfile", "jvm/pom.xml", "mobile/pubspec.lock",
            "php/composer.lock", "r/renv.lock", "ruby/Gemfile.lock", "sbom/alpine.spdx.json", "sbom/image.cdx.json", "web/bun.lock",
        ], "bom.json is no SBOM and docs/status no package database")
        let counts = Dictionary(grouping: result.dependencies, by: \.path).mapValues(\.count)
        #expect(counts == [
            "cpp/conan.lock": 3, "dotnet/packages.lock.json": 3, "elixir/mix.lock": 3, "images/alpine/lib/apk/db/installed": 2,
            "images/debian/var/lib/dpkg/status": 3, "jvm/gradle.lockfile": 3, "jvm/legacy/gradle/dependency-locks/compileClasspath.lockfile": 1,
            "jvm/pom.xml": 5, "mobile/pubspec.lock": 3, "php/composer.lock": 4, "r/renv.lock": 2, "ruby/Gemfile.lock": 5,
            "sbom/alpine.spdx.json": 2, "sbom/image.cdx.json": 4, "web/bun.lock": 7,
        ])
        #expect(Set(result.dependencies.map(\.ecosystem)) == [
            "Alpine:v3.18", "ConanCenter", "CRAN", "Debian:12", "Hex", "Maven", "npm", "NuGet", "Packagist", "Pub", "PyPI", "RubyGems",
        ])
        #expect(result.unsupported == [
            UnsupportedPackages(path: "sbom/alpine.spdx.json", kind: "rpm", count: 1),
            UnsupportedPackages(path: "sbom/image.cdx.json", kind: "docker", count: 1),
            UnsupportedPackages(path: "sbom/image.cdx.json", kind: "without a purl", count: 1),
        ])
    }

    /// A package database given as the file to scan is known by its whole path, and finds the
    /// os-release of the root it sits in.
    @Test func aPackageDatabaseScannedAsASingleFile() throws {
        let project = try Project([
            "rootfs/var/lib/dpkg/status": LockfileFixtures.dpkgStatus, "rootfs/etc/os-release": LockfileFixtures.debianOSRelease,
        ])
        defer { project.folder.remove() }
        let database = project.folder.file("rootfs/var/lib/dpkg/status")
        let result = try DependencyInventory(root: database).scan()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.lockfiles.count == 1 && result.lockfiles.first?.hasSuffix("/rootfs/var/lib/dpkg/status") == true)
        #expect(result.dependencies.map { "\($0.ecosystem) \($0.name)" } == ["Debian:12 openssl", "Debian:12 zlib", "Debian:12 bash"])
    }

    /// A broken database is reported like a broken lockfile, and the other files still read.
    @Test func aBrokenPackageDatabaseIsAProblemOnItsLine() throws {
        let project = try Project([
            "var/lib/dpkg/status": "Package: curl\nStatus: install ok installed\n",
            "mix.lock": LockfileFixtures.mixLock,
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.map { "\($0.path):\($0.line ?? 0)" } == ["var/lib/dpkg/status:1"])
        #expect(result.dependencies.count == 3)
    }
}
