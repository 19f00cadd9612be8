/// Word splitting as Docker's parser does it before any expansion: quotes group blanks into one
/// word and stay in it, the escape character protects the next character and stays too. The
/// words are unquoted and expanded later by `VariableExpander`.
enum DockerfileWords {
    /// Space, tab, and the other ASCII blanks Go's `unicode.IsSpace` knows.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func split(_ text: Substring, escape: UInt8) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var quote: UInt8?
        var quoted = false
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if let open = quote {
                if byte == escape && open != UInt8(ascii: "'") {
                    guard let next = bytes.next() else { break }
                    word.append(byte)
                    word.append(next)
                    continue
                }
                word.append(byte)
                if byte == open { quote = nil }
                continue
            }
            if isSpace(byte) {
                if quoted || !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
                quoted = false
                continue
            }
            if byte == escape {
                guard let next = bytes.next() else { break }
                word.append(byte)
                word.append(next)
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                quoted = true
            }
            word.append(byte)
        }
        if quoted || !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Splits leading `--flag[=value]` words off `text` (quotes and backslash escapes in them
    /// removed, as BuildKit does); a lone `--` ends the flags. Returns the flag words and the rest.
    static func extractFlags(_ text: Substring) -> (flags: [String], rest: Substring) {
        var flags: [String] = []
        var index = text.utf8.startIndex
        let end = text.utf8.endIndex
        while true {
            while index < end, isSpace(text.utf8[index]) { index = text.utf8.index(after: index) }
            let next = text.utf8.index(index, offsetBy: 1, limitedBy: end) ?? end
            guard index < end, next < end, text.utf8[index] == UInt8(ascii: "-"), text.utf8[next] == UInt8(ascii: "-") else {
                return (flags, text[index...])
            }
            var word: [UInt8] = []
            var quote: UInt8?
            while index < end {
                let byte = text.utf8[index]
                if quote == nil && isSpace(byte) { break }
                index = text.utf8.index(after: index)
                if let open = quote, byte == open {
                    quote = nil
                } else if quote == nil && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")) {
                    quote = byte
                } else if byte == UInt8(ascii: "\\") {
                    if index < end {
                        word.append(text.utf8[index])
                        index = text.utf8.index(after: index)
                    }
                } else {
                    word.append(byte)
                }
            }
            if word == [UInt8(ascii: "-"), UInt8(ascii: "-")] { return (flags, text[index...]) }
            flags.append(String(decoding: word, as: UTF8.self))
        }
    }
}
