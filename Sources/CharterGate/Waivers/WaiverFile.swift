import CharterCore
import Foundation

/// Adds and removes waivers in `charter.yml` by editing its text, so the team's comments and
/// layout survive. Every edit is parsed back as a policy before it is written, and written by
/// atomic rename, so a failed edit leaves the file as it was.
package struct WaiverFile {
    package let path: String
    package private(set) var text: String

    package init(path: String) throws {
        self.path = path
        if let data = FileManager.default.contents(atPath: path) {
            text = String(decoding: data, as: UTF8.self)
        } else if FileManager.default.fileExists(atPath: path) {
            throw GateError(.inputUnreadable, "\(path): cannot be read; check its permissions")
        } else {
            text = "# Charter policy: gates and waivers (docs/policy.md).\nversion: 1\n"
        }
    }

    /// Puts back earlier text (to undo an edit whose ledger entry could not be written).
    package mutating func replaceText(_ original: String) {
        text = original
    }

    /// The next free id: `W-001`, `W-002`, …
    package func nextID(existing: [Waiver]) -> String {
        let numbers = existing.compactMap { $0.id.hasPrefix("W-") ? Int($0.id.dropFirst(2)) : nil }
        return String(format: "W-%03d", (numbers.max() ?? 0) + 1)
    }

    package mutating func add(_ waiver: Waiver) {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let header = lines.firstIndex(where: Self.isWaiversKey) {
            if lines[header].contains("[]") { lines[header] = "waivers:" }
            let end = Self.contentEnd(lines, header: header)
            let indent = (header + 1..<end).first { Self.isItemStart(lines[$0]) }.map { String(lines[$0].prefix { $0 == " " }) } ?? "  "
            lines.insert(contentsOf: Self.render(waiver, indent: indent), at: end)
        } else {
            lines.append("waivers:")
            lines += Self.render(waiver, indent: "  ")
        }
        text = lines.joined(separator: "\n") + "\n"
    }

    /// Removes the waiver; false when no waiver has that id. When it was the last one, the key
    /// stays as an empty list.
    package mutating func remove(id: String) -> Bool {
        var lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: Self.isWaiversKey) else { return false }
        let end = Self.contentEnd(lines, header: header)
        let items = (header + 1..<end).filter { Self.isItemStart(lines[$0]) }
        for (position, start) in items.enumerated() {
            let stop = position + 1 < items.count ? items[position + 1] : end
            guard lines[start..<stop].contains(where: { Self.declaresID($0, id) }) else { continue }
            lines.removeSubrange(start..<stop)
            if items.count == 1 { lines[header] = "waivers: []" }
            text = lines.joined(separator: "\n")
            return true
        }
        return false
    }

    /// Where the waivers block's own lines end: before the next top-level key, and before the
    /// blank lines and unindented comments that introduce that key.
    private static func contentEnd(_ lines: [String], header: Int) -> Int {
        var end = header + 1
        while end < lines.count, !isTopLevelKey(lines[end]) { end += 1 }
        while end > header + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
        return end
    }

    /// Checks the edited text is a valid policy, then replaces the file atomically.
    package func write(today: Date = Date()) throws -> GatePolicy {
        let policy = try PolicyLoader.parse(Data(text.utf8), file: path, today: today)
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw GateError(.storage, error.description + "; check the folder's permissions")
        }
        return policy
    }

    /// The waiver as list-item lines, the dash at `indent` as the file's other items have it.
    static func render(_ waiver: Waiver, indent: String) -> [String] {
        var lines = ["- id: \(waiver.id)"]
        switch waiver.scope {
        case .fingerprint(let fingerprint):
            lines.append("  fingerprint: \(fingerprint)")
        case .rule(let rule, let path):
            lines.append("  rule: \(quote(rule))")
            lines.append("  path: \(quote(path))")
        }
        lines.append("  reason: \(quote(waiver.reason))")
        lines.append("  approver: \(quote(waiver.approver))")
        if let created = waiver.created { lines.append("  created: \(WaiverDate.format(created))") }
        lines.append("  expires: \(waiver.expiresDay)")
        return lines.map { indent + $0 }
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            // YAML reads these as line breaks even inside quotes.
            case "\u{85}": output += "\\N"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            default:
                // Outside YAML's printable set: C0 controls, DEL and the C1 controls.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { output += String(format: "\\x%02X", scalar.value) } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output + "\""
    }

    private static func isWaiversKey(_ line: String) -> Bool {
        line.hasPrefix("waivers:")
    }

    private static func isTopLevelKey(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return first != " " && first != "\t" && first != "#" && first != "-"
    }

    private static func isItemStart(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).hasPrefix("- ")
    }

    private static func declaresID(_ line: String, _ id: String) -> Bool {
        var trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("- ") { trimmed = String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        guard trimmed.hasPrefix("id:") else { return false }
        let value = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return value == id
    }
}
