import CharterCore
import Foundation

struct BenchArguments {
    /// `ledger`, `secrets`, `deps`, or all when none is named.
    var suites: Set<String> = []
    var entries = 1_000_000
    var directory: String?
    /// Run one phase only (single, batched, proofs, verify), for profiling.
    var only: String?
    var rounds = 3
    /// The secrets corpus: where it is kept between runs, its size, and the real source it copies.
    var corpus: String?
    var corpusMegabytes = 300
    var historyMegabytes = 120
    var source = "/opt/swift-packages"
    var peers = true

    func runsSuite(_ name: String) -> Bool { suites.isEmpty || suites.contains(name) }

    func runs(_ phase: String) -> Bool { only == nil || only == phase }

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--entries": entries = iterator.next().flatMap(Int.init) ?? entries
            case "--dir": directory = iterator.next()
            case "--only": only = iterator.next()
            case "--rounds": rounds = max(1, iterator.next().flatMap(Int.init) ?? rounds)
            case "--corpus": corpus = iterator.next()
            case "--corpus-mb": corpusMegabytes = iterator.next().flatMap(Int.init) ?? corpusMegabytes
            case "--history-mb": historyMegabytes = iterator.next().flatMap(Int.init) ?? historyMegabytes
            case "--source": source = iterator.next() ?? source
            case "--no-peers": peers = false
            case "ledger", "secrets", "deps", "images": suites.insert(argument)
            default: print("charter-bench: ignoring unknown argument \(argument)")
            }
        }
    }
}

/// Entries shaped like real gate verdicts: a kind, an actor, a subject and a ~150-byte payload.
enum BenchEntries {
    static let kind = EntryKind(rawValue: "gate.verdict")!

    static func draft(_ number: Int) throws -> EntryDraft {
        let commit = String(repeating: "0", count: 24) + String(UInt64(number) &* 0x9E37_79B9_7F4A_7C15, radix: 16).suffix(16)
        let payload = "{\"commit\":\"\(commit)\",\"counts\":{\"critical\":0,\"high\":\(number % 4)},\"gate\":\"secrets\",\"verdict\":\"pass\"}"
        return try EntryDraft(kind: kind, actor: "ci@example.com", subject: "repo/service-\(number % 50)", reason: nil, canonicalPayload: payload)
    }
}

struct BenchReport {
    private var rows: [(String, String, String, String)] = []

    /// Adds a figure: the median of `samples`, with their range when there are several, and
    /// whether the median meets the target.
    mutating func add(_ name: String, samples: [Double], unit: String, target: String? = nil, meets: ((Double) -> Bool)? = nil) {
        let sorted = samples.sorted()
        let median = Self.median(sorted)
        var value = "\(Self.format(median)) \(unit)"
        if sorted.count > 1 { value += " [\(Self.format(sorted[0]))–\(Self.format(sorted[sorted.count - 1]))]" }
        rows.append((name, value, target ?? "", meets.map { $0(median) ? "met" : "NOT MET" } ?? ""))
    }

    /// The middle of `sorted`, or the mean of the two middle values when the count is even.
    static func median(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }

    func print() {
        let widths = [rows.map(\.0.count).max() ?? 0, rows.map(\.1.count).max() ?? 0, rows.map(\.2.count).max() ?? 0]
        for row in rows {
            Swift.print("\(row.0.padding(toLength: widths[0], withPad: " ", startingAt: 0))  \(row.1.padding(toLength: widths[1], withPad: " ", startingAt: 0))  \(row.2.padding(toLength: widths[2], withPad: " ", startingAt: 0))  \(row.3)")
        }
    }
}

func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
