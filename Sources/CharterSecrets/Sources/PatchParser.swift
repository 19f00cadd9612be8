import CharterCore

/// Reads `git log -p -U0` / `git diff -U0` output line by line and keeps only what was added:
/// one fragment per commit and file, holding the added lines and their line numbers in the new file.
/// Hunk headers' counts decide which lines are content, so an added line that itself starts
/// with `+++` is never mistaken for a file header.
struct PatchParser {
    /// Starts each commit's header line in our `--format`: commit id, author, date, separated by 0x1F.
    static let commitMarker: UInt8 = 0x1E

    private(set) var commits = 0
    private var commit: CommitInfo?
    private var path: String?
    private var added: [UInt8] = []
    private var lineNumbers: [Int] = []
    private var addedRemaining = 0
    private var removedRemaining = 0
    private var nextLine = 0
    private(set) var fragments: [ScanFragment] = []
    private(set) var patchBytes = 0
    /// Bytes held in `fragments`, so a caller can hand them over in bounded batches.
    private(set) var fragmentBytes = 0

    private static let diffHeader = Array("diff --git ".utf8)
    private static let combinedDiffHeader = Array("diff --cc ".utf8)
    private static let newFileHeader = Array("+++ ".utf8)
    private static let hunkHeader = Array("@@ ".utf8)
    private static let combinedHunkHeader = Array("@@@".utf8)

    /// In a merge's combined diff (`--cc`): one prefix column per parent, and the lines of the
    /// merge's result still to come in the current hunk.
    private var parents = 0
    private var resultRemaining = 0

    mutating func feed(line: ArraySlice<UInt8>) {
        line.withUnsafeBytes { feed(line: $0) }
    }

    /// Takes one line of output without its newline.
    mutating func feed(line: UnsafeRawBufferPointer) {
        patchBytes += line.count + 1
        guard let first = line.first else { return }
        if addedRemaining > 0 || removedRemaining > 0 {
            if first == UInt8(ascii: "+"), addedRemaining > 0 {
                added.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[1...]).assumingMemoryBound(to: UInt8.self))
                added.append(0x0A)
                lineNumbers.append(nextLine)
                nextLine += 1
                addedRemaining -= 1
                return
            }
            if first == UInt8(ascii: "-"), removedRemaining > 0 {
                removedRemaining -= 1
                return
            }
            if first == UInt8(ascii: "\\") { return }
        }
        if resultRemaining > 0, first == UInt8(ascii: " ") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            feedCombined(line)
            return
        }
        if first == Self.commitMarker {
            flushFile()
            commit = Self.commit(fromHeader: line)
            commits += 1
        } else if line.starts(with: Self.diffHeader) || line.starts(with: Self.combinedDiffHeader) {
            flushFile()
            path = nil
        } else if line.starts(with: Self.newFileHeader) {
            path = Self.path(from: ArraySlice(line.dropFirst(4)))
        } else if line.starts(with: Self.hunkHeader) {
            startHunk(ArraySlice(line))
        } else if line.starts(with: Self.combinedHunkHeader) {
            startCombinedHunk(line)
        }
    }

    /// A line of a combined hunk: gone from the result when any column is `-`; added by the merge
    /// itself (in no parent) only when every column is `+`.
    private mutating func feedCombined(_ line: UnsafeRawBufferPointer) {
        let columns = min(parents, line.count)
        let prefix = UnsafeRawBufferPointer(rebasing: line[..<columns])
        guard !prefix.contains(UInt8(ascii: "-")) else { return }
        if prefix.allSatisfy({ $0 == UInt8(ascii: "+") }) {
            added.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[columns...]).assumingMemoryBound(to: UInt8.self))
            added.append(0x0A)
            lineNumbers.append(nextLine)
        }
        nextLine += 1
        resultRemaining -= 1
    }

    /// `@@@ -a,b -c,d +e,f @@@`: one `@` more than there are parents, the result's range last.
    private mutating func startCombinedHunk(_ line: UnsafeRawBufferPointer) {
        parents = line.prefix { $0 == UInt8(ascii: "@") }.count - 1
        let text = String(decoding: line, as: UTF8.self)
        guard parents >= 2, let result = text.split(separator: " ").first(where: { $0.hasPrefix("+") }) else {
            resultRemaining = 0
            return
        }
        resultRemaining = Self.count(result)
        nextLine = Int(result.dropFirst().split(separator: ",").first ?? "") ?? 1
    }

    /// The commit named by a header line in our `--format` (marker, id, author, date).
    static func commit(fromHeader line: UnsafeRawBufferPointer) -> CommitInfo {
        let fields = line.dropFirst().split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        return CommitInfo(id: fields.first ?? "", author: fields.count > 1 ? fields[1] : "", date: fields.count > 2 ? fields[2] : "")
    }

    /// The `--format` that starts each commit with a header `commit(fromHeader:)` reads.
    static let headerFormat = "--format=\u{1E}%H\u{1F}%an <%ae>\u{1F}%aI"

    /// Ends the input: the last file's fragment is kept.
    mutating func finish() {
        flushFile()
    }

    /// Hands over the fragments parsed so far.
    mutating func takeFragments() -> [ScanFragment] {
        defer {
            fragments = []
            fragmentBytes = 0
        }
        return fragments
    }

    private mutating func startHunk(_ line: ArraySlice<UInt8>) {
        // @@ -a[,b] +c[,d] @@
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count >= 3 else { return }
        removedRemaining = Self.count(parts[1])
        addedRemaining = Self.count(parts[2])
        nextLine = Int(parts[2].dropFirst().split(separator: ",").first ?? "") ?? 1
    }

    private static func count(_ range: Substring) -> Int {
        let pieces = range.dropFirst().split(separator: ",")
        return pieces.count > 1 ? Int(pieces[1]) ?? 0 : 1
    }

    private mutating func flushFile() {
        if let path, !added.isEmpty {
            fragments.append(ScanFragment(path: path, bytes: added, commit: commit, lineNumbers: lineNumbers))
            fragmentBytes += added.count
        }
        added = []
        lineNumbers = []
        addedRemaining = 0
        removedRemaining = 0
        resultRemaining = 0
    }

    /// Undoes git's C-style quoting: `\t`, `\n`, `\"`, `\\` and octal bytes such as `\303\251`.
    static func unquote(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            switch next {
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "a"): output.append(0x07)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "v"): output.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = 0
                var digits = 0
                while digits < 3, index + 1 + digits < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index + 1 + digits]) {
                    value = value * 8 + Int(bytes[index + 1 + digits] - UInt8(ascii: "0"))
                    digits += 1
                }
                output.append(UInt8(truncatingIfNeeded: value))
                index += 1 + digits
                continue
            default: output.append(next)
            }
            index += 2
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `b/dir/file` → `dir/file`; `/dev/null` (a deleted file) → nil; git's quoted form unquoted.
    static func path(from field: ArraySlice<UInt8>) -> String? {
        var text = String(decoding: field, as: UTF8.self)
        if text.hasSuffix("\t") { text.removeLast() }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = unquote(Array(text.utf8.dropFirst().dropLast()))
        }
        guard text != "/dev/null" else { return nil }
        return text.hasPrefix("b/") ? String(text.dropFirst(2)) : text
    }
}
