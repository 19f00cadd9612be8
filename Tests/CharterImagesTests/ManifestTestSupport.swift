@testable import CharterImages

/// Short, comparable forms of what a manifest scan found.
enum ManifestSummary {
    /// `line:column reference field (context)` for each image, in file order.
    static func images(_ scan: ManifestScan) -> [String] {
        scan.images.map { "\($0.line):\($0.column) \($0.reference) \($0.field) (\($0.context.summary))" }
    }

    /// `kind line:column field` for each problem.
    static func problems(_ scan: ManifestScan) -> [String] {
        scan.problems.map { "\($0.kind.rawValue) \($0.line.map(String.init) ?? "-"):\($0.column.map(String.init) ?? "-") \($0.field ?? "-")" }
    }
}
