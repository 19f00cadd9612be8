/// Where the memo readers report problems: errors to throw (located as `memo.md:7: …`) and
/// warnings to hand back (`line 7: …`; the caller names the memo when it prints them).
struct MemoDiagnostics {
    let source: String
    private var notes: [(line: Int?, text: String)] = []

    init(source: String) {
        self.source = source
    }

    /// The warnings in the order of the lines they are about; those about no one line come last.
    var warnings: [String] {
        let located = notes.filter { $0.line != nil }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        let general = notes.filter { $0.line == nil }
        return (located + general).map { note in note.line.map { "line \($0): \(note.text)" } ?? note.text }
    }

    mutating func warn(_ text: String, line: Int? = nil) {
        notes.append((line, text))
    }

    func error(_ reason: String, line: Int? = nil) -> DecisionMemoError {
        DecisionMemoError(source: source, line: line, reason: reason)
    }
}
