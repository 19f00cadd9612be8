import Foundation

// Benchmarks in a release build: `charter-bench [ledger] [secrets] [deps] [images] [options]` (all by default).
// Ledger (issue 2): --entries N --rounds R --only single|batched|proofs|verify --dir DIR.
// Secrets (issue 3): --corpus DIR --corpus-mb N --history-mb N --source DIR --no-peers.
// Deps (issue 4): the corpus advisories and a generated 50-lockfile monorepo; --rounds R --no-peers --dir DIR (kept).

let arguments = BenchArguments(CommandLine.arguments.dropFirst())
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)")
if arguments.runsSuite("ledger") { try LedgerBench.run(arguments) }
if arguments.runsSuite("secrets") { try SecretsBench.run(arguments) }
if arguments.runsSuite("deps") { try DepsBench.run(arguments) }
if arguments.runsSuite("images") { try ImagesBench.run(arguments) }
