import CharterCore
import CharterLedger
import CharterStore
import CharterStoreSQLite
import CharterTestSupport
import Foundation

/// Ledger benchmark (issue 2): appends, verify, proofs and storage at scale.
enum LedgerBench {
    static func run(_ arguments: BenchArguments) throws {
        let directory = arguments.directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("charter-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        print("charter-bench: ledger on SQLite (WAL, synchronous=NORMAL)")
        print("entries: \(arguments.entries); timed phases report the median of \(arguments.rounds) rounds (range in brackets)")
        print("")

        let signer = try NoteSigner.generate(name: "bench.charter/ledger")
        var report = BenchReport()

        // Single-entry appends, each its own transaction.
        if arguments.runs("single") {
            let count = 5000
            let rates = try (0..<arguments.rounds).map { round in
                let ledger = Ledger(store: try SQLiteStore.create(path: directory + "/single-\(round).db"))
                let drafts = try (0..<count).map { try BenchEntries.draft($0) }
                return Double(count) / (try measure { for draft in drafts { try ledger.append([draft]) } })
            }
            report.add("single appends (1 entry per transaction)", samples: rates, unit: "entries/s", target: "≥ 5,000/s") { $0 >= 5000 }
        }

        // Batched appends up to the full size, into a fresh store each round; the last one is kept. One
        // prepared batch of drafts is appended again and again (entries still differ by index and time),
        // so nothing but the append is measured or profiled.
        let batch = try (0..<10_000).map { try BenchEntries.draft($0) }
        var store = try SQLiteStore.create(path: directory + "/batched-0.db")
        var ledger = Ledger(store: store)
        do {
            var rates: [Double] = []
            for round in 0..<arguments.rounds {
                if round > 0 {
                    store = try SQLiteStore.create(path: directory + "/batched-\(round).db")
                    ledger = Ledger(store: store)
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory + "/batched-\(round - 1).db" + suffix) }
                }
                var appended = 0
                var elapsed = 0.0
                while appended < arguments.entries {
                    let count = min(batch.count, arguments.entries - appended)
                    elapsed += try measure { try ledger.append(Array(batch.prefix(count))) }
                    appended += count
                }
                rates.append(Double(arguments.entries) / elapsed)
                if !arguments.runs("batched") { break }
            }
            if arguments.runs("batched") {
                report.add("batched appends (10,000 per transaction)", samples: rates, unit: "entries/s", target: "≥ 100,000/s") { $0 >= 100_000 }
            }
        }
        _ = try ledger.checkpoint(signer: signer)

        // Proofs at full size, each in its own read transaction, as the CLI and server serve them.
        if arguments.runs("proofs") {
            let size = UInt64(arguments.entries)
            var generator = SplitMix64(seed: 42)
            let rounds = 2000
            let inclusion = try measure {
                for _ in 0..<rounds { _ = try ledger.inclusionProof(index: generator.next() % size, size: size) }
            } / Double(rounds)
            report.add("inclusion proof at \(size) entries", samples: [inclusion * 1000], unit: "ms", target: "≤ 1 ms") { $0 <= 1 }
            let consistency = try measure {
                for _ in 0..<rounds { _ = try ledger.consistencyProof(from: 1 + generator.next() % (size - 1), to: size) }
            } / Double(rounds)
            report.add("consistency proof to \(size) entries", samples: [consistency * 1000], unit: "ms", target: "≤ 1 ms") { $0 <= 1 }
        }

        // Full verification.
        if arguments.runs("verify") {
            let seconds = try (0..<arguments.rounds).map { _ in
                var result: LedgerVerificationReport?
                let elapsed = try measure { result = try LedgerVerifier(store: store, verifiers: [signer.verifier]).verify() }
                guard result?.ok == true else {
                    print("charter-bench: the benchmark ledger did not verify: \(result?.problems ?? [])")
                    exit(1)
                }
                return elapsed
            }
            report.add("ledger verify of \(arguments.entries) entries", samples: seconds, unit: "s", target: "≤ 3 s") { $0 <= 3 }
        }

        // Storage.
        do {
            let files = ["", "-wal", "-shm"].map { store.path + $0 }
            let bytes = files.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? UInt64 }.reduce(0, +)
            report.add("database bytes per entry", samples: [Double(bytes) / Double(arguments.entries)], unit: "bytes")
            var usage = rusage()
            #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            #else
            getrusage(RUSAGE_SELF, &usage)
            #endif
            report.add("peak RSS", samples: [Double(usage.ru_maxrss) / 1024], unit: "MiB")
        }
        report.print()
    }
}
