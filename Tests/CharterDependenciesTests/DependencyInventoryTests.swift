import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct DependencyInventoryTests {
    /// A project tree written from relative paths; removed at the end of each test.
    struct Project {
        let folder: TemporaryDirectory

        init(_ files: [String: String]) throws {
            folder = try TemporaryDirectory("inventory")
            for (relative, text) in files {
                let path = folder.file(relative)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: false, encoding: .utf8)
            }
        }

        func scan() throws -> DependencyInventory.Result {
            try DependencyInventory(root: folder.path).scan()
        }
    }

    static func summary(_ dependencies: [Dependency]) -> [String] {
        dependencies.map { "\($0.ecosystem) \($0.name) \($0.version) \($0.path):\($0.line)\($0.direct.map { $0 ? " direct" : " indirect" } ?? "")" }.sorted()
    }

    @Test func requirementsFilesWithIncludesHashesAndMarkers() throws {
        let project = try Project([
            "requirements.txt": """
                # pinned for production
                Django==4.2.1  # the web framework
                requests[security]==2.31.0 ; python_version >= "3.8" \\
                    --hash=sha256:aaaa
                flask>=2.0
                -r requirements/base.txt
                urllib3===1.26.5
                -e git+https://example.com/x.git#egg=x

                """,
            "requirements/base.txt": "PyYAML==6.0\n-r ../requirements.txt\n",
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty)
        #expect(Self.summary(result.dependencies) == [
            "PyPI Django 4.2.1 requirements.txt:2", "PyPI PyYAML 6.0 requirements/base.txt:1",
            "PyPI requests 2.31.0 requirements.txt:3", "PyPI urllib3 1.26.5 requirements.txt:7",
        ].sorted())
        #expect(result.lockfiles == ["requirements.txt"], "base.txt is read through the -r line")
    }

    @Test func cargoPoetryAndUvLocks() throws {
        let project = try Project([
            "Cargo.lock": """
                version = 3

                [[package]]
                name = "my-app"
                version = "0.1.0"

                [[package]]
                name = "smallvec"
                version = "1.6.0"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                checksum = "abc"

                """,
            "py/poetry.lock": """
                [[package]]
                name = "jinja2"
                version = "2.11.2"
                description = "A very fast and expressive template engine."

                [package.dependencies]
                MarkupSafe = ">=0.23"

                [[package]]
                name = "markupsafe"
                version = "2.0.1"

                [metadata]
                lock-version = "2.0"

                """,
            "uv/uv.lock": """
                [[package]]
                name = "project"
                version = "0.1.0"
                source = { editable = "." }

                [[package]]
                name = "idna"
                version = "3.6"
                source = { registry = "https://pypi.org/simple" }

                """,
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty)
        #expect(Self.summary(result.dependencies) == [
            "PyPI idna 3.6 uv/uv.lock:6", "PyPI jinja2 2.11.2 py/poetry.lock:1", "PyPI markupsafe 2.0.1 py/poetry.lock:9",
            "crates.io smallvec 1.6.0 Cargo.lock:7",
        ].sorted())
    }

    @Test func goModulesWithReplacementsAndTheToolchain() throws {
        let project = try Project([
            "go.mod": """
                module example.com/app

                go 1.21

                toolchain go1.21.5

                require (
                    github.com/gin-gonic/gin v1.9.0
                    golang.org/x/net v0.7.0 // indirect
                    example.com/local v1.0.0
                )

                require github.com/old/name v1.2.3

                replace github.com/old/name => github.com/new/name v1.2.4
                replace example.com/local => ../local

                """,
        ])
        defer { project.folder.remove() }
        #expect(Self.summary(try project.scan().dependencies) == [
            "Go github.com/gin-gonic/gin v1.9.0 go.mod:8 direct", "Go golang.org/x/net v0.7.0 go.mod:9 indirect",
            "Go github.com/new/name v1.2.4 go.mod:13 direct", "Go stdlib 1.21.5 go.mod:5 direct",
        ].sorted())
    }

    @Test func npmLockfilesVersionOneToThree() throws {
        let project = try Project([
            "web/package-lock.json": """
                {
                  "name": "web",
                  "lockfileVersion": 3,
                  "packages": {
                    "": { "name": "web", "dependencies": { "lodash": "^4.17.0", "@scope/pkg": "1.0.0" } },
                    "node_modules/lodash": { "version": "4.17.20" },
                    "node_modules/@scope/pkg": { "version": "1.0.0" },
                    "node_modules/@scope/pkg/node_modules/minimist": { "version": "1.2.5" },
                    "node_modules/shared": { "resolved": "packages/shared", "link": true }
                  }
                }
                """,
            "legacy/package-lock.json": """
                {
                  "lockfileVersion": 1,
                  "dependencies": {
                    "express": {
                      "version": "4.17.1",
                      "dependencies": {
                        "qs": { "version": "6.7.0" }
                      }
                    },
                    "local": { "version": "file:../local" }
                  }
                }
                """,
            "web/node_modules/ignored/package-lock.json": "{ broken",
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty, "node_modules is not scanned")
        #expect(Self.summary(result.dependencies) == [
            "npm @scope/pkg 1.0.0 web/package-lock.json:7 direct", "npm express 4.17.1 legacy/package-lock.json:4 direct",
            "npm lodash 4.17.20 web/package-lock.json:6 direct", "npm minimist 1.2.5 web/package-lock.json:8 indirect",
            "npm qs 6.7.0 legacy/package-lock.json:7 indirect",
        ].sorted())
        #expect(result.dependencies.first { $0.name == "@scope/pkg" }?.purl == "pkg:npm/%40scope/pkg@1.0.0")
    }

    @Test func swiftPackageResolvedVersionsOneAndTwo() throws {
        let project = try Project([
            "Package.resolved": """
                {
                  "pins" : [
                    { "identity" : "swift-nio", "kind" : "remoteSourceControl", "location" : "https://github.com/apple/swift-nio.git",
                      "state" : { "revision" : "abc", "version" : "2.40.0" } },
                    { "identity" : "on-a-branch", "kind" : "remoteSourceControl", "location" : "https://github.com/x/y.git",
                      "state" : { "branch" : "main", "revision" : "def" } }
                  ],
                  "version" : 2
                }
                """,
            "old/Package.resolved": """
                { "object": { "pins": [ { "package": "Yams", "repositoryURL": "git@github.com:jpsim/Yams.git",
                  "state": { "branch": null, "revision": "1", "version": "4.0.0" } } ] }, "version": 1 }
                """,
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(Self.summary(result.dependencies) == [
            "SwiftURL github.com/apple/swift-nio 2.40.0 Package.resolved:3", "SwiftURL github.com/jpsim/Yams 4.0.0 old/Package.resolved:1",
        ])
    }

    @Test func aRequirementsFileFoundAndIncludedCountsOnce() throws {
        let project = try Project(["requirements.txt": "-r requirements-dev.txt\nsix==1.16.0\n", "requirements-dev.txt": "pytest==8.0.0\n"])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(Self.summary(result.dependencies) == ["PyPI pytest 8.0.0 requirements-dev.txt:1", "PyPI six 1.16.0 requirements.txt:2"])
    }

    @Test func yarnClassicAndBerryAndPnpmLocks() throws {
        let project = try Project([
            "classic/yarn.lock": """
                # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
                # yarn lockfile v1


                "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
                  version "7.12.13"
                  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"

                lodash@^4.17.20:
                  version "4.17.20"

                """,
            "berry/yarn.lock": """
                __metadata:
                  version: 6

                "lodash@npm:^4.17.20":
                  version: 4.17.21
                  resolution: "lodash@npm:4.17.21"

                "my-app@workspace:.":
                  version: 0.0.0-use.local
                  resolution: "my-app@workspace:."

                """,
            "pnpm/pnpm-lock.yaml": """
                lockfileVersion: '9.0'

                importers:
                  .:
                    dependencies:
                      react:
                        specifier: ^18.2.0
                        version: 18.2.0

                packages:

                  '@types/node@20.11.0':
                    resolution: {integrity: sha512-x}

                  react@18.2.0:
                    resolution: {integrity: sha512-y}

                snapshots:
                  react@18.2.0: {}

                """,
            "pnpm5/pnpm-lock.yaml": "lockfileVersion: 5.4\n\npackages:\n\n  /minimist/1.2.5:\n    resolution: {integrity: sha512-z}\n\n  /styled-jsx/5.0.0_react@18.2.0:\n    dev: false\n",
            "pipenv/Pipfile.lock": """
                {
                  "_meta": {"hash": {"sha256": "x"}},
                  "default": {
                    "django": {"hashes": [], "version": "==4.2.1"},
                    "local-pkg": {"editable": true, "path": "."}
                  },
                  "develop": {
                    "pytest": {"version": "==8.0.0"}
                  }
                }
                """,
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(Self.summary(result.dependencies) == [
            "PyPI django 4.2.1 pipenv/Pipfile.lock:4", "PyPI pytest 8.0.0 pipenv/Pipfile.lock:8",
            "npm @babel/code-frame 7.12.13 classic/yarn.lock:5", "npm @types/node 20.11.0 pnpm/pnpm-lock.yaml:12",
            "npm lodash 4.17.20 classic/yarn.lock:9", "npm lodash 4.17.21 berry/yarn.lock:4",
            "npm minimist 1.2.5 pnpm5/pnpm-lock.yaml:5", "npm react 18.2.0 pnpm/pnpm-lock.yaml:15",
            "npm styled-jsx 5.0.0 pnpm5/pnpm-lock.yaml:8",
        ].sorted())
    }

    /// A Windows checkout (core.autocrlf) writes CRLF line ends; every format must read the same.
    @Test func crlfLockfilesReadLikeLF() throws {
        let files = [
            "requirements.txt": "Django==3.2.0\nrequests==2.19.0\n",
            "go.mod": "module x\n\nrequire (\n\tgolang.org/x/text v0.3.5\n)\n",
            "yarn.lock": "# yarn lockfile v1\n\nlodash@^4.17.20:\n  version \"4.17.20\"\n",
            "Cargo.lock": "[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+x\"\n",
        ]
        let unix = try Project(files)
        let windows = try Project(files.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") })
        defer {
            unix.folder.remove()
            windows.folder.remove()
        }
        let expected = try unix.scan()
        #expect(expected.dependencies.count == 5, "two pins, one module (no go line, so no stdlib), one yarn entry, one crate: \(Self.summary(expected.dependencies))")
        #expect(Self.summary(try windows.scan().dependencies) == Self.summary(expected.dependencies))
    }

    @Test func yarnAliasesNameThePackageTheyInstall() {
        #expect(YarnLock.packageName(#""string-width-cjs@npm:string-width@^4.2.0""#) == "string-width")
        #expect(YarnLock.packageName(#""@isaacs/cliui@npm:@scoped/real@^8.0.2""#) == "@scoped/real")
        #expect(YarnLock.packageName(#""@babel/core@^7.0.0", "@babel/core@^7.1.0""#) == "@babel/core")
        #expect(YarnLock.packageName(#""lodash@npm:^4.17.20""#) == "lodash")
        #expect(YarnLock.packageName(#""app@workspace:.""#) == nil)
    }

    /// `replace MODULE VERSION => …` applies to that version only; Go would not apply it to another.
    @Test func aVersionedReplaceAppliesToThatVersionOnly() throws {
        let project = try Project(["go.mod": """
            module x

            require golang.org/x/net v0.0.1
            require golang.org/x/text v0.3.0

            replace golang.org/x/net v0.17.0 => golang.org/x/net v0.17.1
            replace golang.org/x/text v0.3.0 => golang.org/x/text v0.3.8

            """])
        defer { project.folder.remove() }
        #expect(Self.summary(try project.scan().dependencies) == [
            "Go golang.org/x/net v0.0.1 go.mod:3 direct", "Go golang.org/x/text v0.3.8 go.mod:4 direct",
        ])
    }

    /// An include that is not a regular file (a FIFO here) is refused, not read forever.
    @Test func anIncludeThatIsNotARegularFileIsRefused() throws {
        let project = try Project(["requirements.txt": "-r pipe.txt\nsix==1.16.0\n"])
        defer { project.folder.remove() }
        #expect(mkfifo(project.folder.file("pipe.txt"), 0o600) == 0)
        let result = try project.scan()
        #expect(result.problems.map(\.path) == ["requirements.txt"])
        #expect(result.problems.first?.message.contains("not a regular file") == true, "\(result.problems)")
    }

    /// A lockfile that cannot be read is reported with its line, and the others are still read.
    @Test func aBrokenLockfileIsReportedAndTheRestRead() throws {
        let project = try Project([
            "a/package-lock.json": "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n",
            "b/requirements.txt": "six==1.16.0\n",
            "c/go.mod": "module x\nrequire github.com/a/b\n",
            "d/Cargo.lock": "[[package]]\nname = \"x\"\nsource = \"registry+x\"\n",
        ])
        defer { project.folder.remove() }
        let result = try project.scan()
        #expect(Self.summary(result.dependencies) == ["PyPI six 1.16.0 b/requirements.txt:1"])
        #expect(result.problems.map(\.path) == ["a/package-lock.json", "c/go.mod", "d/Cargo.lock"])
        #expect(result.problems.map(\.line) == [4, 2, 1])
        #expect(result.problems[1].message.contains("require MODULE VERSION"))
    }

    @Test(arguments: [("django", "django"), ("Zope.Interface", "zope-interface"), ("typing__extensions", "typing-extensions")])
    func pypiNamesNormaliseAsPEP503Says(name: String, normalized: String) {
        #expect(Ecosystem.pypi.normalizedName(name) == normalized)
    }
}
