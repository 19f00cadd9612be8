import CharterTestSupport
import Foundation
import Testing

@Suite struct SBOMCommandTests {
    /// Validates a document against an official schema; the CycloneDX schema's two `$ref`ed
    /// companions are registered under their own ids, so nothing is fetched.
    static let validate = """
        import json, sys, pathlib, jsonschema
        from referencing import Registry, Resource
        schema = json.load(open(sys.argv[1]))
        registry = Registry()
        for companion in pathlib.Path(sys.argv[1]).parent.glob("*.json"):
            contents = json.load(open(companion))
            if "$id" in contents:
                resource = Resource.from_contents(contents)
                registry = registry.with_resource(contents["$id"], resource).with_resource(companion.name, resource)
        cls = jsonschema.validators.validator_for(schema)
        errors = list(cls(schema, registry=registry).iter_errors(json.load(open(sys.argv[2]))))
        for error in errors[:10]: print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    static func project() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("sbom")
        let files = [
            "svc/requirements.txt": "Django==4.2.1\nrequests==2.31.0\n",
            "svc/worker/requirements.txt": "django==4.2.1\n",
            "web/package-lock.json": #"{"lockfileVersion": 3, "packages": {"": {}, "node_modules/@scope/pkg": {"version": "1.0.0"}}}"#,
            "tool/go.mod": "module example.com/tool\n\ngo 1.22.1\n\nrequire golang.org/x/text v0.14.0\n",
        ]
        for (relative, text) in files {
            let path = folder.file(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return folder
    }

    @Test(arguments: [("cyclonedx", "schemas/cyclonedx/bom-1.6.schema.json"), ("spdx", "schemas/spdx/spdx-schema.json")])
    func sbomsMatchTheOfficialSchemas(format: String, schema: String) throws {
        try #require(SharedCorpus.isAvailable || ProcessInfo.processInfo.environment["CI"] != "true", "../shared/corpora must be present under CI")
        let folder = try Self.project()
        defer { folder.remove() }
        let charter = CharterProcess(home: folder.file("home"))
        let output = folder.file("sbom.json")
        let run = try charter.run(["sbom", folder.path, "--format", format, "--output", output])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        let purls: [String]
        if format == "cyclonedx" {
            purls = (document?["components"] as? [[String: Any]] ?? []).compactMap { $0["purl"] as? String }
        } else {
            purls = (document?["packages"] as? [[String: Any]] ?? []).flatMap { ($0["externalRefs"] as? [[String: Any]] ?? []).compactMap { $0["referenceLocator"] as? String } }
        }
        #expect(purls == ["pkg:golang/golang.org/x/text@v0.14.0", "pkg:golang/stdlib@1.22.1", "pkg:npm/%40scope/pkg@1.0.0",
                          "pkg:pypi/django@4.2.1", "pkg:pypi/requests@2.31.0"], "Django pinned twice is one package")
        guard SharedCorpus.isAvailable else { return }
        let check = try ExternalCommand.run("python3", ["-c", Self.validate, SharedCorpus.url(schema).path, output])
        #expect(check.status == 0, "\(format) schema errors:\n\(check.output)")
    }

    @Test func anUnreadableLockfileIsNamedAndExits3() throws {
        let folder = try Self.project()
        defer { folder.remove() }
        try "{ truncated".write(toFile: folder.file("web/package-lock.json"), atomically: false, encoding: .utf8)
        let run = try CharterProcess(home: folder.file("home")).run(["sbom", folder.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("cannot read web/package-lock.json"))
        #expect(run.stdout.contains("pkg:pypi/django@4.2.1"), "what the other lockfiles hold is still written")
    }
}
