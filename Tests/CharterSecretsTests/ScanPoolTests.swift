import CharterCore
@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct ScanPoolTests {
    static func fragment(_ index: Int, secret: Bool) -> ScanFragment {
        let text = secret ? "key=\(FakeSecrets.token(seed: UInt64(500 + index)))\n" : "nothing here \(index)\n"
        return ScanFragment(path: "f\(index).env", bytes: Array(text.utf8))
    }

    /// Several producers submitting at once through a queue far smaller than what they submit:
    /// every fragment is scanned once and the findings come back in report order.
    @Test(arguments: [1, 2, 4])
    func everyBatchFromEveryProducerIsScannedOnce(workers: Int) throws {
        var options = SecretScanOptions()
        options.workers = workers
        let scanner = SecretScanner(engine: try SecretEngine(rules: [FakeSecrets.tokenRule]), key: FakeSecrets.key(), options: options)
        let pool = ScanPool(workers: workers, limitBytes: 64, makeScanner: scanner.engine.makeScanner) { fragment, engineScanner in
            try fragment.bytes.withUnsafeBytes {
                try scanner.findings(in: $0, path: fragment.path, commit: nil, lineNumbers: nil, scanner: engineScanner)
            }
        }
        DispatchQueue.concurrentPerform(iterations: 3) { producer in
            for batch in 0..<20 {
                let index = producer * 100 + batch
                try? pool.submit([Self.fragment(index, secret: index % 2 == 0), Self.fragment(index + 1000, secret: false)])
            }
        }
        let findings = try pool.finish()
        var expected: [String] = []
        for producer in 0..<3 {
            for batch in 0..<20 where (producer * 100 + batch) % 2 == 0 { expected.append("f\(producer * 100 + batch).env") }
        }
        expected.sort()
        #expect(findings.map(\.location.path) == expected)
        #expect(findings == findings.sorted(by: Finding.reportOrder))
    }

    @Test func aWorkerErrorReachesTheProducerAndFinish() throws {
        struct Broken: Error {}
        let engine = try SecretEngine(rules: [FakeSecrets.tokenRule])
        let pool = ScanPool(workers: 2, limitBytes: 1, makeScanner: engine.makeScanner) { fragment, _ in
            if fragment.path == "f3.env" { throw Broken() }
            return []
        }
        var submitFailed = false
        for index in 0..<200 {
            do {
                try pool.submit([Self.fragment(index, secret: false)])
            } catch is Broken {
                submitFailed = true
                break
            }
        }
        #expect(submitFailed, "once a worker fails, submitting stops instead of queueing work nobody scans")
        #expect(throws: Broken.self) { try pool.finish() }
    }
}
