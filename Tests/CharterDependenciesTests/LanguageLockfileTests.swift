@testable import CharterDependencies
import Testing

/// The lockfiles of the Bun, Bundler, Composer, pub, Mix, NuGet, Gradle, renv and Conan
/// package managers, each read from a realistic fixture.
@Suite struct LanguageLockfileTests {
    @Test func bunLockHoistedNestedAndWorkspacePackages() throws {
        #expect(try BunLock().summary(of: LockfileFixtures.bunLock, path: "bun.lock") == [
            "npm @tanstack/query-core 5.28.4 bun.lock:17 indirect", "npm @tanstack/react-query 5.28.4 bun.lock:18 direct",
            "npm js-tokens 3.0.2 bun.lock:24 indirect", "npm js-tokens 4.0.0 bun.lock:19 indirect",
            "npm loose-envify 1.4.0 bun.lock:20 indirect", "npm react 18.2.0 bun.lock:21 direct", "npm typescript 5.4.2 bun.lock:22 direct",
        ])
    }

    @Test func gemfileLockGemsFromRubyGemsWithPlatformsDropped() throws {
        #expect(try GemfileLock().summary(of: LockfileFixtures.gemfileLock, path: "Gemfile.lock") == [
            "RubyGems actionpack 7.1.3 Gemfile.lock:10 indirect", "RubyGems nokogiri 1.16.2 Gemfile.lock:12 direct",
            "RubyGems puma 6.4.2 Gemfile.lock:14 direct", "RubyGems racc 1.7.3 Gemfile.lock:17 indirect",
            "RubyGems rack 3.0.9.1 Gemfile.lock:16 indirect",
        ])
    }

    @Test func composerLockKeepsTaggedAndBranchVersionsAsWritten() throws {
        #expect(try ComposerLock().summary(of: LockfileFixtures.composerLock, path: "composer.lock") == [
            "Packagist acme/internal-tools dev-main composer.lock:20", "Packagist guzzlehttp/guzzle 7.8.1 composer.lock:8",
            "Packagist phpunit/phpunit 10.5.11 composer.lock:26", "Packagist symfony/console v6.4.4 composer.lock:16",
        ])
    }

    @Test func pubspecLockHostedPackagesOnly() throws {
        #expect(try PubspecLock().summary(of: LockfileFixtures.pubspecLock, path: "app/pubspec.lock") == [
            "Pub async 2.11.0 app/pubspec.lock:4 indirect", "Pub http 1.2.0 app/pubspec.lock:17 direct",
            "Pub mockito 5.4.4 app/pubspec.lock:32 direct",
        ])
    }

    @Test func mixLockHexPackagesByTheirHexName() throws {
        #expect(try MixLock().summary(of: LockfileFixtures.mixLock, path: "mix.lock") == [
            "Hex cowboy 2.10.0 mix.lock:2", "Hex cowlib 2.12.1 mix.lock:3", "Hex phoenix_live_view 0.20.9 mix.lock:5",
        ])
    }

    @Test func nugetLockOncePerPackageAcrossFrameworksWithoutProjects() throws {
        #expect(try NuGetLock().summary(of: LockfileFixtures.nugetLock, path: "src/Api/packages.lock.json") == [
            "NuGet Newtonsoft.Json 13.0.3 src/Api/packages.lock.json:5 direct", "NuGet System.Memory 4.5.5 src/Api/packages.lock.json:27 indirect",
            "NuGet System.Text.Encodings.Web 8.0.0 src/Api/packages.lock.json:11 indirect",
        ])
    }

    @Test func gradleLockfilesCurrentAndPerConfiguration() throws {
        #expect(try GradleLockfile().summary(of: LockfileFixtures.gradleLockfile, path: "gradle.lockfile") == [
            "Maven com.fasterxml.jackson.core:jackson-databind 2.16.1 gradle.lockfile:4", "Maven org.apache.logging.log4j:log4j-core 2.17.1 gradle.lockfile:5",
            "Maven org.slf4j:slf4j-api 2.0.12 gradle.lockfile:6",
        ])
        let legacy = "# This is a Gradle generated file for dependency locking.\ncom.google.guava:guava:33.0.0-jre\n"
        #expect(try GradleLockfile().summary(of: legacy, path: "gradle/dependency-locks/compileClasspath.lockfile") == [
            "Maven com.google.guava:guava 33.0.0-jre gradle/dependency-locks/compileClasspath.lockfile:2",
        ])
    }

    @Test(arguments: [
        ("gradle.lockfile", true), ("app/buildscript-gradle.lockfile", true), ("gradle/dependency-locks/compileClasspath.lockfile", true),
        ("service/gradle/dependency-locks/runtimeClasspath.lockfile", true), ("locks/compileClasspath.lockfile", false), ("gradle.properties", false),
    ])
    func gradleLocksAreKnownByTheirPath(path: String, handled: Bool) {
        #expect(GradleLockfile().handles(path: path) == handled)
    }

    @Test func renvLockCRANAndItsPositMirrorOnly() throws {
        #expect(try RenvLock().summary(of: LockfileFixtures.renvLock, path: "renv.lock") == [
            "CRAN httr 1.4.7 renv.lock:23", "CRAN jsonlite 1.8.8 renv.lock:10",
        ])
    }

    @Test func conanLockVersionFiveReferences() throws {
        #expect(try ConanLock().summary(of: LockfileFixtures.conanLock, path: "conan.lock") == [
            "ConanCenter cmake 3.28.1 conan.lock:8", "ConanCenter openssl 3.2.1 conan.lock:5", "ConanCenter zlib 1.3.1 conan.lock:4",
        ])
    }

    @Test func conanLockVersionFourGraphWithTheConsumerLeftOut() throws {
        #expect(try ConanLock().summary(of: LockfileFixtures.conanGraphLock, path: "conan.lock") == [
            "ConanCenter libcurl 7.86.0 conan.lock:10 direct", "ConanCenter openssl 1.1.1s conan.lock:15 indirect",
        ])
    }

    @Test(arguments: [
        ("zlib/1.3.1#f52e03ae3d251dec704634230cd806a2%1708593606.497", "zlib", "1.3.1"),
        ("openssl/1.1.1s@_/_#0", "openssl", "1.1.1s"), ("poco/1.12.4@acme/stable", "poco", "1.12.4"),
    ])
    func conanReferencesNameAndVersion(reference: String, name: String, version: String) throws {
        let parsed = try #require(ConanLock.nameAndVersion(reference))
        #expect(parsed.0 == name && parsed.1 == version)
    }

    @Test func bunIdentifiersOfRegistryPackagesOnly() {
        #expect(BunLock.package("@types/node@20.11.5")! == ("@types/node", "20.11.5"))
        #expect(BunLock.package("ui-kit@workspace:packages/ui-kit") == nil)
        #expect(BunLock.package("left-pad@github:stevemao/left-pad#5c9e8a1") == nil)
    }

    /// Comments and trailing commas are blanked out in place: strings keep their `//` and the
    /// lines stay where they were.
    @Test func jsoncCommentsAndTrailingCommasBecomeSpaces() throws {
        let text = "{\n  \"url\": \"https://registry.npmjs.org//x\", /* block\n comment */\n  \"list\": [1, 2,], // end\n}\n"
        let plain = JSONWithCommas.plainJSON(Array(text.utf8))
        #expect(plain.count == text.utf8.count && plain.filter { $0 == 0x0A }.count == 5)
        let json = try LockfileError.parsingJSON(plain, path: "bun.lock")
        #expect(json["url"]?.stringValue == "https://registry.npmjs.org//x")
        #expect(json["list"]?.arrayValue?.compactMap(\.doubleValue) == [1, 2])
    }
}
