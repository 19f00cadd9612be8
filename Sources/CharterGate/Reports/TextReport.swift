import CharterCore
import Foundation

/// The human report: findings grouped by file, then one verdict line with its reasons.
/// Colour only when asked (the caller decides: a TTY, and `NO_COLOR` unset).
package struct TextReport {
    package let color: Bool

    package init(color: Bool) {
        self.color = color
    }

    package func render(_ results: [GateResult], summary: ScanSummary?) -> String {
        var lines: [String] = []
        for result in results {
            let shown = result.findings.filter { $0.status != .baselined }
            let byPath = Dictionary(grouping: shown) { $0.finding.location.path }
            for path in byPath.keys.sorted() {
                lines.append(paint(path, .bold))
                for judged in byPath[path] ?? [] {
                    lines.append("  " + describe(judged))
                }
                lines.append("")
            }
        }
        if let summary {
            var text = "scanned \(summary.files) files, \(ByteCount.human(summary.bytes))"
            if let commits = summary.commits { text += " in \(commits) commits" }
            text += String(format: " in %.2f s (%.1f MB/s)", summary.seconds, summary.megabytesPerSecond)
            let skipped = summary.skippedIgnored + summary.skippedLarge + summary.skippedBinary + summary.skippedSymlinks
            if skipped > 0 {
                text += "; skipped \(summary.skippedIgnored) ignored, \(summary.skippedBinary) binary, \(summary.skippedLarge) too large, \(summary.skippedSymlinks) symlinks"
            }
            lines.append(paint(text, .dim))
        }
        for result in results {
            let counts = result.counts
            var parts = ["\(counts.failing) failing"]
            if counts.belowThreshold > 0 { parts.append("\(counts.belowThreshold) below threshold") }
            if counts.waived > 0 { parts.append("\(counts.waived) waived") }
            if counts.baselined > 0 { parts.append("\(counts.baselined) in baseline") }
            let verdict = result.passed ? paint("PASS", .green) : paint("FAIL", .red)
            lines.append("\(verdict) \(result.gate): " + parts.joined(separator: ", "))
            for reason in result.reasons { lines.append("  - " + reason) }
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ judged: JudgedFinding) -> String {
        let finding = judged.finding
        let location = "\(finding.location.line):\(finding.location.column)"
        let level: String
        switch judged.status {
        case .failing: level = paint(finding.level.rawValue.uppercased(), finding.level >= .high ? .red : .yellow)
        case .waived: level = paint("WAIVED", .green)
        case .belowThreshold: level = paint(finding.level.rawValue, .dim)
        case .baselined: level = "baseline"
        }
        var text = "\(location)  \(level)  \(finding.ruleID)  \(finding.preview)"
        if let commit = finding.location.commit {
            text += "  commit \(commit.id.prefix(12)) by \(commit.author) on \(commit.date.prefix(10))"
        }
        var notes = finding.notes
        if let note = judged.note { notes.append(note) }
        if !notes.isEmpty { text += "  (" + notes.joined(separator: "; ") + ")" }
        text += "\n      " + paint(finding.fingerprint, .dim)
        return text
    }

    private enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

enum ByteCount {
    static func human(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
