@testable import CharterDependencies
import Testing

@Suite struct PackageURLTests {
    static let written: [(Dependency, String)] = [
        (Dependency(.maven, name: "org.apache.logging.log4j:log4j-core", version: "2.17.1", path: "pom.xml", line: 41), "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1"),
        (Dependency(.packagist, name: "symfony/console", version: "v6.4.4", path: "composer.lock", line: 16), "pkg:composer/symfony/console@v6.4.4"),
        (Dependency(.debian, release: "12", name: "openssl", version: "3.0.11-1~deb12u2", path: "var/lib/dpkg/status", line: 1),
         "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12"),
        (Dependency(.debian, name: "zlib", version: "1:1.2.13.dfsg-1", path: "var/lib/dpkg/status", line: 23), "pkg:deb/debian/zlib@1%3A1.2.13.dfsg-1"),
        (Dependency(.alpine, release: "v3.18", name: "musl", version: "1.2.4-r2", path: "lib/apk/db/installed", line: 2),
         "pkg:apk/alpine/musl@1.2.4-r2?distro=alpine-3.18"),
        (Dependency(.nuget, name: "Newtonsoft.Json", version: "13.0.3", path: "packages.lock.json", line: 5), "pkg:nuget/Newtonsoft.Json@13.0.3"),
        (Dependency(.rubyGems, name: "nokogiri", version: "1.16.2", path: "Gemfile.lock", line: 12), "pkg:gem/nokogiri@1.16.2"),
        (Dependency(.pub, name: "http", version: "1.2.0", path: "pubspec.lock", line: 17), "pkg:pub/http@1.2.0"),
        (Dependency(.hex, name: "phoenix_live_view", version: "0.20.9", path: "mix.lock", line: 5), "pkg:hex/phoenix_live_view@0.20.9"),
        (Dependency(.cran, name: "httr", version: "1.4.7", path: "renv.lock", line: 23), "pkg:cran/httr@1.4.7"),
        (Dependency(.conanCenter, name: "openssl", version: "3.2.1", path: "conan.lock", line: 5), "pkg:conan/openssl@3.2.1"),
        (Dependency(.npm, name: "@tanstack/query-core", version: "5.28.4", path: "bun.lock", line: 17), "pkg:npm/%40tanstack/query-core@5.28.4"),
        (Dependency(.npm, name: "esbuild", version: "0.20.1+build.7", path: "bun.lock", line: 3), "pkg:npm/esbuild@0.20.1%2Bbuild.7"),
        (Dependency(.pypi, name: "django", version: "4.2.1", path: "requirements.txt", line: 2), "pkg:pypi/django@4.2.1"),
        (Dependency(.go, name: "github.com/gin-gonic/gin", version: "v1.9.0", path: "go.mod", line: 8), "pkg:golang/github.com/gin-gonic/gin@v1.9.0"),
        (Dependency(.swiftURL, name: "github.com/apple/swift-nio", version: "2.40.0", path: "Package.resolved", line: 3), "pkg:swift/github.com/apple/swift-nio@2.40.0"),
        (Dependency(.cratesIO, name: "smallvec", version: "1.6.0", path: "Cargo.lock", line: 7), "pkg:cargo/smallvec@1.6.0"),
    ]

    @Test(arguments: written)
    func everyEcosystemWritesItsPurlType(dependency: Dependency, purl: String) {
        #expect(dependency.purl == purl)
    }

    /// What `purl` writes reads back as the same dependency.
    @Test(arguments: written)
    func purlsRoundTrip(dependency: Dependency, purl: String) throws {
        let parsed = try #require(PackageURL(parsing: dependency.purl))
        #expect(parsed.dependency(path: dependency.path, line: dependency.line) == dependency)
        #expect(parsed.description == dependency.purl)
    }

    @Test func namesAreLoweredWhereTheSpecSaysSo() {
        #expect(Dependency(.packagist, name: "Laravel/Framework", version: "v10.0.0", path: "composer.lock", line: 1).purl == "pkg:composer/laravel/framework@v10.0.0")
        #expect(Dependency(.pypi, name: "Typing_Extensions", version: "4.9.0", path: "requirements.txt", line: 1).purl == "pkg:pypi/typing-extensions@4.9.0")
    }

    @Test func specExamplesParseIntoTheirParts() throws {
        let maven = try #require(PackageURL(parsing: "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?Type=pom&classifier=sources&empty="))
        #expect(maven.namespace == ["org.apache.xmlgraphics"] && maven.name == "batik-anim" && maven.version == "1.9.1")
        #expect(maven.qualifiers == ["type": "pom", "classifier": "sources"])
        let scoped = try #require(PackageURL(parsing: "pkg:npm/@angular/animation@12.3.1"))
        #expect(scoped.namespace == ["@angular"] && scoped.name == "animation")
        let unversioned = try #require(PackageURL(parsing: "pkg:golang/google.golang.org/genproto#googleapis/api/annotations"))
        #expect(unversioned.version == nil && unversioned.subpath == "googleapis/api/annotations" && unversioned.namespace == ["google.golang.org"])
        let debian = try #require(PackageURL(parsing: "PKG:DEB/debian/attr@1:2.4.47-2%2Bb1?arch=amd64"))
        #expect(debian.type == "deb" && debian.version == "1:2.4.47-2+b1")
    }

    @Test(arguments: ["npm/left-pad@1.3.0", "pkg:npm", "pkg:/left-pad@1.3.0", "pkg:npm/%zz@1.0.0", "pkg:n?m/left-pad@1.3.0", "pkg:npm/@1.0.0", "pkg:npm/left-pad@1.3.0?ar ch=x64"])
    func textsThatAreNotPackageURLs(text: String) {
        #expect(PackageURL(parsing: text) == nil)
    }

    @Test(arguments: [
        ("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl&distro=bookworm", "Debian:12 openssl 3.0.11-1~deb12u2"),
        ("pkg:deb/debian/libpython3.11@3.11.2-6+b1?upstream=python3.11%403.11.2-6&distro=debian-12.5", "Debian:12 python3.11 3.11.2-6"),
        ("pkg:apk/alpine/libcrypto3@3.1.4-r1?upstream=openssl&distro=alpine-3.18.4", "Alpine:v3.18 openssl 3.1.4-r1"),
        ("pkg:apk/alpine/busybox@1.36.1-r5", "Alpine busybox 1.36.1-r5"),
        ("pkg:conan/openssl.org/openssl@3.0.3?user=bincrafters&channel=stable", "ConanCenter openssl 3.0.3"),
    ])
    func distributionPackagesAreNamedByTheirSourceAndRelease(text: String, expected: String) throws {
        let dependency = try #require(PackageURL(parsing: text)?.dependency(path: "bom.json", line: 1))
        #expect("\(dependency.ecosystem) \(dependency.name) \(dependency.version)" == expected)
    }

    @Test(arguments: [
        ("pkg:docker/library/nginx@1.25.4", "docker"), ("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15", "deb/ubuntu"),
        ("pkg:npm/left-pad", "npm without a version"), ("pkg:maven/log4j-core@2.17.1", "maven"), ("pkg:hex/acme/billing@1.0.0", "hex"),
    ])
    func purlsNoEcosystemCoversAreNamedForTheCount(text: String, kind: String) throws {
        let purl = try #require(PackageURL(parsing: text))
        #expect(purl.dependency(path: "bom.json", line: 1) == nil)
        #expect(purl.unsupportedKind == kind)
    }
}
