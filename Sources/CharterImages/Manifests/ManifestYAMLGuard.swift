/// Cheap checks on a document's text before Yams composes it, against the shapes that make
/// composing explode. Yams hashes every mapping key to find duplicates, and a key reached through
/// aliases (`? *a`) is hashed as its whole expansion: a kilobyte of nested aliases takes minutes.
/// Yams composes by recursion and Swift releases the tree by recursion, so nesting thousands deep,
/// in the text or through chains of aliases, overflows the stack. Manifests need none of this, so
/// a document with a non-text key and an alias, or nested deeper than `deepestNesting` with or
/// without its aliases expanded, is refused. The depth is estimated by a light scan of the text
/// that errs high (an unbalanced `[` starting a line of a multi-line plain scalar counts), never low.
enum ManifestYAMLGuard {
    static let deepestNesting = 256

    struct Refusal {
        /// 1-based, within the document's text.
        let line: Int
        let message: String
    }

    static func refusal(of text: Substring) -> Refusal? {
        var scan = Scan()
        for (number, line) in ManifestLines(text) {
            scan.read(Array(line.utf8), number: number)
            if scan.deepest > deepestNesting {
                return Refusal(line: number, message: "nests deeper than \(deepestNesting) levels; no manifest needs that, so this document is not read")
            }
            if scan.deepest + scan.aliasDepth.deepest > deepestNesting {
                return Refusal(line: number, message: "nests deeper than \(deepestNesting) levels once its aliases are expanded (anchors that wrap one another); "
                    + "no manifest needs that, so this document is not read")
            }
        }
        if scan.hasAlias, let line = scan.complexKeyLine {
            return Refusal(line: line, message: "a list, mapping or alias is used as a mapping key in a document that has aliases; "
                + "such keys can expand exponentially and manifests never need them, so this document is not read; write the key as text")
        }
        return nil
    }

    /// The scanner's state across the lines of one document.
    private struct Scan {
        var deepest = 0
        var hasAlias = false
        var complexKeyLine: Int?
        var aliasDepth = YAMLAliasDepth()
        private var indents: [Int] = []
        private var flowDepth = 0
        private var openQuote: UInt8?
        private var blockScalar: BlockScalar?

        private enum BlockScalar {
            /// After `key: |`: content is whatever is indented past the header line.
            case header(lineIndent: Int)
            case content(indent: Int)
        }

        private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

        mutating func read(_ bytes: [UInt8], number: Int) {
            var index = 0
            if let quote = openQuote {
                guard let end = Self.endOfQuoted(bytes, from: 0, quote: quote) else { return }
                openQuote = nil
                index = end
            } else {
                let indent = bytes.prefix { $0 == Self.space }.count
                let first = bytes.dropFirst(indent).first { !Self.isBlank($0) }
                guard let first, first != UInt8(ascii: "#"), bytes.first != UInt8(ascii: "%") else { return }
                if skipsAsBlockScalar(indent: indent) { return }
                if flowDepth == 0 {
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                }
                index = bytes.starts(with: "---".utf8) || bytes.starts(with: "...".utf8) ? 3 : indent
            }
            readTokens(bytes, from: index, number: number)
        }

        /// Whether the line is the content of a block scalar (`|`, `>`), which is text, not structure.
        private mutating func skipsAsBlockScalar(indent: Int) -> Bool {
            switch blockScalar {
            case .header(let lineIndent) where indent > lineIndent:
                blockScalar = .content(indent: indent)
                return true
            case .content(let contentIndent) where indent >= contentIndent:
                return true
            default:
                blockScalar = nil
                return false
            }
        }

        private mutating func readTokens(_ bytes: [UInt8], from start: Int, number: Int) {
            let lineIndent = bytes.prefix { $0 == Self.space }.count
            var index = start
            var atValue = true
            var compact = 0
            // Measured at every level opened, since a line can close what it opened.
            func measure() { deepest = max(deepest, indents.count + compact + flowDepth) }
            measure()
            while index < bytes.count {
                let byte = bytes[index]
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                let nextIsBlank = next.map(Self.isBlank) ?? true
                if Self.isBlank(byte) {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "#"), index == 0 || Self.isBlank(bytes[index - 1]) { return }
                index += 1
                switch byte {
                case UInt8(ascii: "-") where atValue && nextIsBlank && flowDepth == 0:
                    compact += 1
                    measure()
                case UInt8(ascii: "?") where atValue && nextIsBlank:
                    complexKeyLine = complexKeyLine ?? number
                    compact += 1
                    measure()
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    guard atValue || flowDepth > 0 else { atValue = false; continue }
                    flowDepth += 1
                    atValue = true
                    measure()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    atValue = false
                    guard flowDepth > 0 else { continue }
                    flowDepth -= 1
                    if Self.keySeparatorFollows(bytes, from: index, inFlow: flowDepth > 0) { complexKeyLine = complexKeyLine ?? number }
                case UInt8(ascii: ",") where flowDepth > 0:
                    atValue = true
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    guard atValue else { continue }
                    atValue = false
                    guard let end = Self.endOfQuoted(bytes, from: index, quote: byte) else {
                        openQuote = byte
                        return
                    }
                    index = end
                case UInt8(ascii: "*"):
                    guard atValue else { continue }
                    let name = bytes[index...].prefix(while: Self.isAnchorCharacter)
                    hasAlias = hasAlias || !name.isEmpty
                    aliasDepth.alias(Self.name(name), nesting: indents.count + compact + flowDepth)
                    index += name.count
                    atValue = false
                    if Self.keySeparatorFollows(bytes, from: index, inFlow: flowDepth > 0) { complexKeyLine = complexKeyLine ?? number }
                case UInt8(ascii: "&"), UInt8(ascii: "!"):
                    // An anchor or a tag comes before the value it names.
                    guard atValue else { continue }
                    if byte == UInt8(ascii: "&") { aliasDepth.anchor(Self.name(bytes[index...].prefix(while: Self.isAnchorCharacter))) }
                    while index < bytes.count, !Self.isBlank(bytes[index]) { index += 1 }
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    guard atValue, flowDepth == 0 else { atValue = false; continue }
                    blockScalar = .header(lineIndent: lineIndent)
                    return
                case UInt8(ascii: ":") where nextIsBlank || (flowDepth > 0 && next.map(Self.isFlowIndicator) == true):
                    atValue = true
                default:
                    atValue = false
                }
            }
        }

        private static func isBlank(_ byte: UInt8) -> Bool {
            byte == space || byte == tab || byte == UInt8(ascii: "\r")
        }

        /// The index just past the closing quote, or nil when the scalar goes on to the next line.
        private static func endOfQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8) -> Int? {
            var index = start
            while index < bytes.count {
                if quote == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                } else if bytes[index] == quote {
                    // In a single-quoted scalar `''` is a quote, not the end.
                    guard quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote else { return index + 1 }
                    index += 2
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// Whether `:` (after optional spaces) makes what came before a mapping key.
        private static func keySeparatorFollows(_ bytes: [UInt8], from start: Int, inFlow: Bool) -> Bool {
            var index = start
            while index < bytes.count, isBlank(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            guard index + 1 < bytes.count else { return true }
            let after = bytes[index + 1]
            return isBlank(after) || (inFlow && isFlowIndicator(after))
        }

        private static func isFlowIndicator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }

        private static func name(_ bytes: ArraySlice<UInt8>) -> String {
            String(decoding: bytes, as: UTF8.self)
        }

        /// libyaml's anchor names: letters, digits, `_` and `-`.
        private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }
}
