/// Where the memo readers report problems: errors to throw (located as `memo.md:7: …`) and
/// warnings to hand back (`line 7: …`; the caller names the memo when it prints them).
struct MemoDiagnostics {
    let source: String
    private(set) var warnings: [String] = []

    init(source: String) {
        self.source = source
    }

    mutating func warn(_ text: String, line: Int? = nil) {
        warnings.append(line.map { "line \($0): \(text)" } ?? text)
    }

    func error(_ reason: String, line: Int? = nil) -> DecisionMemoError {
        DecisionMemoError(source: source, line: line, reason: reason)
    }
}
