@testable import CharterDependencies
import Testing

/// Truncated files, wrong types and missing fields in every new format: each is a lockfile
/// error on the line at fault, never a crash and never a silent empty result.
@Suite struct MalformedLockfileTests {
    struct Broken: Sendable, CustomTestStringConvertible {
        let extractor: any LockfileExtractor
        let path: String
        let text: String
        let line: Int
        /// Part of the message; nil where the JSON parser's own message says it.
        let says: String?

        init(_ extractor: any LockfileExtractor, _ path: String, _ text: String, line: Int, says: String? = nil) {
            self.extractor = extractor
            self.path = path
            self.text = text
            self.line = line
            self.says = says
        }

        var testDescription: String { "\(path):\(line) \(says ?? "JSON syntax")" }
    }

    static let cases: [Broken] = [
        Broken(BunLock(), "bun.lock", "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"react\": [\"react@18.2.0\", \"\",", line: 4),
        Broken(BunLock(), "bun.lock", "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"react\": \"react@18.2.0\",\n  }\n}", line: 4, says: "is not an array"),
        Broken(BunLock(), "bun.lock", "{ \"lockfileVersion\": 1, \"packages\": [] }", line: 1, says: "\"packages\" is not an object"),
        Broken(GemfileLock(), "Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0", line: 4, says: "not `name (version)`"),
        Broken(GemfileLock(), "Gemfile.lock", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n", line: 1, says: "is this a Gemfile.lock"),
        Broken(ComposerLock(), "composer.lock", "{\n  \"packages\": {\n    \"name\": \"monolog/monolog\"\n  }\n}", line: 2, says: "is not an array"),
        Broken(ComposerLock(), "composer.lock", "{\n  \"packages\": [\n    {\n      \"name\": \"monolog/monolog\"\n    }\n  ]\n}", line: 3, says: "without a string \"name\" and \"version\""),
        Broken(ComposerLock(), "composer.lock", "{\n  \"packages\": [\n    {\n      \"name\": \"monolog/monolog\",", line: 4),
        Broken(PubspecLock(), "pubspec.lock", "packages:\n  async:\n    dependency: transitive\n    description:\n      name: async\n", line: 2, says: "has no source:"),
        Broken(PubspecLock(), "pubspec.lock", "packages:\n  http: 1.2.0\n", line: 2, says: "not `name:`"),
        Broken(PubspecLock(), "pubspec.lock", "packages:\n  http:\n    dependency: \"direct main\"\n    source: hosted\n", line: 2, says: "has no version:"),
        Broken(MixLock(), "mix.lock", "%{\n  \"cowboy\": {:hex, :cowboy, \"2.10.0\", \"ff9f", line: 2, says: "not closed"),
        Broken(MixLock(), "mix.lock", "%{\n  \"cowboy\": {:hex, :cowboy},\n}\n", line: 2, says: "{:hex, :package, \"version\", …}"),
        Broken(MixLock(), "mix.lock", "{\"cowboy\": \"2.10.0\"}", line: 1, says: "starts with `%{`"),
        Broken(NuGetLock(), "packages.lock.json", "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": []\n  }\n}", line: 4, says: "not an object of packages"),
        Broken(NuGetLock(), "packages.lock.json", "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n      \"Serilog\": { \"type\": \"Direct\", \"requested\": \"[3.1.1, )\" }\n    }\n  }\n}",
               line: 5, says: "no \"resolved\" version"),
        Broken(NuGetLock(), "packages.lock.json", "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n      \"Serilog\": { \"type\": ", line: 5),
        Broken(GradleLockfile(), "gradle.lockfile", "# Gradle lock\ncom.fasterxml.jackson.core:jackson-databind=compileClasspath\n", line: 2, says: "group:artifact:version"),
        Broken(MavenPOM(), "pom.xml", "<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.apache.logging.log4j</groupId>\n      <artifactId>log4j-core</artifactId>",
               line: 3, says: "<dependency> is not closed"),
        Broken(MavenPOM(), "pom.xml", "<project>\n  <version>1.0</versoin>\n</project>", line: 2, says: "closes <version>"),
        Broken(MavenPOM(), "pom.xml", "<project>\n  <dependencies>\n    <dependency><groupId>org.yaml</groupId><version>2.2</version></dependency>\n  </dependencies>\n</project>",
               line: 3, says: "without a <groupId> and an <artifactId>"),
        Broken(MavenPOM(), "pom.xml", "<settings>\n  <localRepository>/tmp/m2</localRepository>\n</settings>", line: 1, says: "not <project>"),
        Broken(MavenPOM(), "pom.xml", "<project>\n  <!-- pinned until the upgrade\n", line: 2, says: "comment is not closed"),
        Broken(RenvLock(), "renv.lock", "{\n  \"R\": { \"Version\": \"4.3.2\" },\n  \"Packages\": []\n}", line: 3, says: "not an object of packages"),
        Broken(RenvLock(), "renv.lock", "{\n  \"Packages\": {\n    \"jsonlite\": { \"Package\": \"jsonlite\", \"Source\": \"Repository\" }\n  }\n}",
               line: 3, says: "no string \"Package\" and \"Version\""),
        Broken(ConanLock(), "conan.lock", "{\n  \"version\": \"0.5\",\n  \"requires\": [\n    42\n  ]\n}", line: 3, says: "not a \"name/version#revision\" string"),
        Broken(ConanLock(), "conan.lock", "{\n  \"graph_lock\": { \"revisions_enabled\": false },\n  \"version\": \"0.4\"\n}", line: 2, says: "no object \"nodes\""),
        Broken(ConanLock(), "conan.lock", "{\n \"graph_lock\": {\n  \"nodes\": {\n   \"0\": { \"path\": \"conanfile.txt\", \"requires\": [\"1\"] },\n   \"1\": { \"context\": \"host\" }\n  }\n }\n}",
               line: 5, says: "no \"ref\""),
        Broken(DpkgStatus(), "var/lib/dpkg/status", "Package: curl\nStatus: install ok installed\nArchitecture: amd64\n", line: 1, says: "has no Version:"),
        Broken(DpkgStatus(), "var/lib/dpkg/status", "Package: curl\nthis is not a field\n", line: 2, says: "not `Field: value`"),
        Broken(ApkInstalled(), "lib/apk/db/installed", "C:Q1SLkS9hBidUJu2UQ4ZnAiVd6+NiQ=\nP:musl\nA:x86_64\n", line: 1, says: "a V: version"),
        Broken(SBOMInput(), "bom.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": { \"purl\": \"pkg:npm/left-pad@1.3.0\" }\n}", line: 3, says: "not an array of components"),
        Broken(SBOMInput(), "bom.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [\n    { \"name\": \"left-pad\", \"purl\": \"npm/left-pad@1.3.0\" }\n  ]\n}",
               line: 4, says: "not a Package URL"),
        Broken(SBOMInput(), "bom.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [\n    { \"name\": \"left-pad\", \"purl\": 7 }\n  ]\n}", line: 4, says: "not a Package URL"),
        Broken(SBOMInput(), "sbom.spdx.json", "{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"packages\": {}\n}", line: 3, says: "\"packages\" is not an array"),
        Broken(SBOMInput(), "bom.json", "{\n  \"bomFormat\": \"CycloneDX\",\n  \"components\": [\n    { \"name\": \"left-pad\"", line: 4),
    ]

    @Test(arguments: cases)
    func brokenFilesAreLockfileErrorsOnTheirLine(_ broken: Broken) {
        do {
            let found = try broken.extractor.dependencies(in: broken.text, path: broken.path)
            Issue.record("read as \(found.count) dependencies instead of failing")
        } catch {
            #expect(error.line == broken.line, "\(error.message)")
            if let says = broken.says { #expect(error.message.contains(says), "\(error.message)") }
        }
    }
}
