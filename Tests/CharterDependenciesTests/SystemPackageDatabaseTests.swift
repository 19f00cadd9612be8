@testable import CharterDependencies
import Testing

/// Debian's and Alpine's package databases in a root filesystem, named by their source
/// packages and their system's release.
@Suite struct SystemPackageDatabaseTests {
    @Test func dpkgStatusInstalledPackagesBySourceWithTheRelease() throws {
        let summary = try DpkgStatus().summary(of: LockfileFixtures.dpkgStatus, path: "rootfs/var/lib/dpkg/status",
                                               files: ["rootfs/etc/os-release": LockfileFixtures.debianOSRelease])
        #expect(summary == [
            "Debian:12 bash 5.2.15-2 rootfs/var/lib/dpkg/status:37", "Debian:12 openssl 3.0.11-1~deb12u2 rootfs/var/lib/dpkg/status:1",
            "Debian:12 zlib 1:1.2.13.dfsg-1 rootfs/var/lib/dpkg/status:23",
        ], "libssl3 and openssl share a source; libgnutls30 is removed")
    }

    /// Distroless images keep one record per installed package under `status.d`, without a Status.
    @Test func distrolessRecordsWithoutAStatusAreInstalled() throws {
        let record = "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n"
        #expect(try DpkgStatus().summary(of: record, path: "var/lib/dpkg/status.d/libssl3", files: ["etc/os-release": LockfileFixtures.debianOSRelease])
            == ["Debian:12 openssl 3.0.11-1~deb12u2 var/lib/dpkg/status.d/libssl3:1"])
    }

    @Test func withoutOSReleaseTheEcosystemHasNoRelease() throws {
        let found = try DpkgStatus().dependencies(in: LockfileFixtures.dpkgStatus, path: "var/lib/dpkg/status")
        #expect(Set(found.map(\.ecosystem)) == ["Debian"])
        #expect(found.first?.knownEcosystem == .debian && found.first?.release == nil)
    }

    @Test func osReleaseUnderUsrLibWhenEtcHasNone() throws {
        let found = try DpkgStatus().dependencies(in: LockfileFixtures.dpkgStatus, path: "var/lib/dpkg/status",
                                                  files: ["usr/lib/os-release": "ID=debian\nVERSION_ID=\"11\"\n"])
        #expect(Set(found.map(\.ecosystem)) == ["Debian:11"])
    }

    /// Ubuntu's versions and fixes are not Debian's: judging them by Debian's advisories would
    /// be wrong both ways, so the file is reported instead.
    @Test func anotherDistributionsDpkgDatabaseIsAProblem() {
        #expect {
            try DpkgStatus().dependencies(in: LockfileFixtures.dpkgStatus, path: "var/lib/dpkg/status",
                                          files: ["etc/os-release": "ID=ubuntu\nVERSION_ID=\"22.04\"\n"])
        } throws: { error in
            (error as? LockfileError)?.message.contains("ubuntu") == true
        }
    }

    @Test func apkInstalledByOriginWithTheAlpineRelease() throws {
        let summary = try ApkInstalled().summary(of: LockfileFixtures.apkInstalled, path: "lib/apk/db/installed",
                                                 files: ["etc/os-release": LockfileFixtures.alpineOSRelease])
        #expect(summary == ["Alpine:v3.18 musl 1.2.4-r2 lib/apk/db/installed:2", "Alpine:v3.18 openssl 3.1.4-r1 lib/apk/db/installed:21"])
    }

    @Test(arguments: [
        ("var/lib/dpkg/status", true), ("images/web/var/lib/dpkg/status", true), ("/var/lib/dpkg/status", true),
        ("var/lib/dpkg/status.d/libssl3", true), ("var/lib/dpkg/status.d/libssl3.md5sums", false),
        ("var/lib/dpkg/status-old", false), ("status", false), ("docs/status", false),
    ])
    func dpkgDatabasesAreKnownByTheirPath(path: String, handled: Bool) {
        #expect(DpkgStatus().handles(path: path) == handled)
    }

    @Test(arguments: [("lib/apk/db/installed", true), ("rootfs/lib/apk/db/installed", true), ("installed", false), ("lib/apk/db/triggers", false)])
    func apkDatabasesAreKnownByTheirPath(path: String, handled: Bool) {
        #expect(ApkInstalled().handles(path: path) == handled)
    }

    @Test(arguments: [
        ("openssl", "openssl", "3.0.11-1~deb12u2"), ("zlib (1:1.2.13.dfsg-1)", "zlib", "1:1.2.13.dfsg-1"), (nil, "libssl3", "3.0.11-1~deb12u2"),
    ] as [(String?, String, String)])
    func dpkgSourceFieldNamesTheSourceAndItsVersion(field: String?, name: String, version: String) {
        let source = DpkgStatus.source(field, package: "libssl3", version: "3.0.11-1~deb12u2")
        #expect(source.0 == name && source.1 == version)
    }

    @Test(arguments: [
        ("ID=alpine\nVERSION_ID=3.19.1\n", Ecosystem.alpine, "v3.19"), ("ID=alpine\nVERSION_ID=3.20_alpha20240315\n", .alpine, "v3.20"),
        ("ID=debian\nVERSION_ID=\"12\"\n", .debian, "12"), ("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n", .debian, nil),
    ] as [(String, Ecosystem, String?)])
    func osReleaseGivesTheReleaseOSVNames(text: String, ecosystem: Ecosystem, release: String?) throws {
        #expect(try OSRelease(Array(text.utf8)).release(for: ecosystem, database: "db") == release)
    }
}
