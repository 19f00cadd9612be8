/// The records of a system package database: `Field: value` lines (dpkg's deb822, with
/// continuation lines indented) or `X:value` lines (apk), one record per blank-line-separated
/// stanza, each with the line it starts on.
struct PackageDatabaseStanzas {
    struct Stanza {
        let line: Int
        var fields: [String: String] = [:]
        var lines: [String: Int] = [:]

        /// The line `field` is on, else the stanza's first.
        func line(of field: String) -> Int { lines[field] ?? line }
    }

    let stanzas: [Stanza]

    /// `format` names the file in errors (`a dpkg status file`).
    init(_ bytes: [UInt8], allowsContinuations: Bool, format: String) throws(LockfileError) {
        var stanzas: [Stanza] = []
        var current: Stanza?
        for (index, line) in LockfileText(bytes).lines.enumerated() {
            if line.trimmedSpaces.isEmpty {
                if let finished = current { stanzas.append(finished) }
                current = nil
                continue
            }
            if line.first == " " || line.first == "\t" {
                guard allowsContinuations, current != nil else {
                    throw LockfileError(line: index + 1, "an indented line outside a field; is this \(format)?")
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw LockfileError(line: index + 1, "a line that is not `Field: value`; is this \(format), or is it damaged?")
            }
            if current == nil { current = Stanza(line: index + 1) }
            let field = String(line[..<colon])
            // The first value wins: a field is never repeated in a well-formed record.
            if current?.fields[field] == nil {
                current?.fields[field] = line[line.index(after: colon)...].trimmedSpaces
                current?.lines[field] = index + 1
            }
        }
        if let finished = current { stanzas.append(finished) }
        self.stanzas = stanzas
    }
}
