import CharterTestSupport
import Foundation
import Testing

/// Plants a secret for every built-in rule, then runs every output format, the verdict and
/// waiver ledger entries, baselines and the logs, and fails if any planted secret (or more of it
/// than its redacted preview) appears anywhere Charter writes.
@Suite struct NoLeakageTests {
    @Test func noOutputLedgerOrLogHoldsAPlantedSecret() throws {
        let planted = try PlantedSecrets()
        #expect(planted.secrets.count >= 100, "expected a planted secret per rule, got \(planted.secrets.count)")
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.directory.file("planted"), withIntermediateDirectories: true)
        for (name, text) in planted.files { fixture.write(name, text) }

        var written: [String] = []
        for format in ["text", "json", "sarif", "junit"] {
            let result = try fixture.run("scan", "secrets", ".", "--format", format)
            #expect(result.status == 1, "the planted secrets must fail the scan (\(format)): \(result.stderr)")
            written += [result.stdout, result.stderr]
        }
        let baseline = try fixture.run("scan", "secrets", ".", "--baseline-write", "baseline.json", "--format", "json")
        written += [baseline.stdout, baseline.stderr]
        let sarifFile = try fixture.run("check", ".", "--format", "sarif", "--output", "report.sarif")
        #expect(sarifFile.status == 1)
        written += [sarifFile.stdout, sarifFile.stderr]
        let scanned = try #require(try JSONSerialization.jsonObject(with: Data(try fixture.run("scan", "secrets", ".", "--json").stdout.utf8)) as? [String: Any])
        let gates = try #require(scanned["gates"] as? [[String: Any]])
        let findings = try #require(gates.first?["findings"] as? [[String: Any]])
        let fingerprint = try #require((findings.first?["finding"] as? [String: Any])?["fingerprint"] as? String)
        let waiver = try fixture.run("waiver", "add", "--fingerprint", fingerprint, "--reason", "test fixture", "--approver", "reviewer", "--expires", "7d")
        #expect(waiver.status == 0, "\(waiver.stderr)")
        written += [waiver.stdout, waiver.stderr]
        let check = try fixture.run("check", ".", "--format", "junit")
        written += [check.stdout, check.stderr]
        let ledger = try fixture.run("ledger", "list", "--json")
        written += [ledger.stdout]

        for text in written {
            #expect(planted.leaks(in: text).isEmpty, "leaked: \(planted.leaks(in: text))")
        }
        // Every file Charter wrote: the store (raw bytes, WAL included), reports, baseline, policy.
        for path in try Self.files(under: fixture.home) + ["baseline.json", "report.sarif", "charter.yml"].map(fixture.directory.file) {
            let bytes = try #require(FileManager.default.contents(atPath: path), "\(path) should exist")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(planted.leaks(in: text).isEmpty, "\(path) leaked: \(planted.leaks(in: text))")
        }
    }

    static func files(under folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
        }
        return files
    }
}
