import Foundation

/// The body of a C2SP tlog-checkpoint: origin, tree size, root hash, optional extension lines.
package struct Checkpoint: Sendable, Equatable {
    package let origin: String
    package let size: UInt64
    package let root: [UInt8]
    package let extensions: [String]

    package init(origin: String, size: UInt64, root: [UInt8], extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    package var text: String {
        ([origin, String(size), Data(root).base64EncodedString()] + extensions).map { $0 + "\n" }.joined()
    }

    package init(text: String, source: String = "checkpoint") throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard text.hasSuffix("\n"), lines.count >= 3, lines.allSatisfy({ !$0.isEmpty }) else {
            throw LedgerError(.noteMalformed, "\(source): a checkpoint has at least three non-empty lines: origin, tree size, root hash")
        }
        let sizeText = lines[lines.startIndex + 1]
        guard let size = UInt64(sizeText), String(size) == sizeText else {
            throw LedgerError(.noteMalformed, "\(source): line 2 must be the tree size in decimal without leading zeros, got \"\(sizeText)\"")
        }
        guard let root = Data(base64Encoded: String(lines[lines.startIndex + 2])), root.count == 32 else {
            throw LedgerError(.noteMalformed, "\(source): line 3 must be the base64 of a 32-byte root hash")
        }
        self.init(origin: String(lines[lines.startIndex]), size: size, root: Array(root), extensions: lines.dropFirst(3).map(String.init))
    }
}
