import CharterCore
import Foundation

/// The files commits added, read whole from the object store. An added file's patch is its whole
/// content, and `git cat-file --batch` hands the same bytes over without the diff machinery
/// writing them out line by line with a `+` each, which is most of git's work in a history scan.
struct AddedFiles {
    struct File {
        let commit: CommitInfo
        let path: String
        let blob: String
    }

    /// git's own `core.bigFileThreshold` default: `git log -p` shows larger files as binary.
    static let largestText = 512 << 20

    let git: GitCommand

    /// The files that `commits` (ids, one per line) added, submodules left out.
    func list(commits: [UInt8]) throws -> [File] {
        var files: [File] = []
        var commit: CommitInfo?
        let arguments = ["-c", "core.quotePath=false", "log", "--no-walk=unsorted", "--stdin", "--raw", "--no-abbrev",
                         "--diff-filter=A", PatchParser.headerFormat]
        try git.stream(arguments, input: commits) { line in
            guard let first = line.first else { return }
            if first == PatchParser.commitMarker {
                commit = PatchParser.commit(fromHeader: line)
            } else if first == UInt8(ascii: ":"), let commit, let file = Self.file(fromRaw: line, commit: commit) {
                files.append(file)
            }
        }
        return files
    }

    /// Reads `files` in order and hands each text file over as a fragment; returns the bytes read.
    func read(_ files: [File], onFragment: (ScanFragment) throws -> Void) throws -> Int {
        guard !files.isEmpty else { return 0 }
        var parser = CatFileBatchParser(largest: Self.largestText)
        var index = 0
        var bytes = 0
        let input = Array(files.map { $0.blob + "\n" }.joined().utf8)
        try git.chunks(["cat-file", "--batch"], input: input) { chunk in
            try parser.feed(chunk) { object in
                guard index < files.count else { return }
                let file = files[index]
                index += 1
                switch object {
                case .missing:
                    throw SecretsError(.inputUnreadable, "\(git.repository): \(file.path) as added by commit \(file.commit.id) (blob \(file.blob)) is missing from the repository; fetch the full history and scan again")
                case .object(let size, let content):
                    bytes += size
                    guard let content, !content.isEmpty, !content.withUnsafeBytes(BinaryFiles.looksBinary) else { return }
                    try onFragment(ScanFragment(path: file.path, bytes: content, commit: file.commit))
                }
            }
        }
        return bytes
    }

    /// `:000000 100644 <zeros> <blob> A<TAB>path` → the file, or nil for a submodule (mode 160000).
    static func file(fromRaw line: UnsafeRawBufferPointer, commit: CommitInfo) -> File? {
        guard let tab = line.firstIndex(of: 0x09) else { return nil }
        let fields = line[..<tab].split(separator: 0x20)
        guard fields.count >= 5, String(decoding: fields[1], as: UTF8.self) != "160000" else { return nil }
        let blob = String(decoding: fields[3], as: UTF8.self)
        var path = Array(line[(tab + 1)...])
        if path.count >= 2, path.first == UInt8(ascii: "\""), path.last == UInt8(ascii: "\"") {
            path = Array(PatchParser.unquote(Array(path.dropFirst().dropLast())).utf8)
        }
        return File(commit: commit, path: String(decoding: path, as: UTF8.self), blob: blob)
    }
}
