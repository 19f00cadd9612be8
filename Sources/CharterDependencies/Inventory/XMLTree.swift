import Foundation

/// A small non-validating XML reader for manifests such as `pom.xml`: elements with the line
/// each starts on and their own text. Comments, processing instructions and the DOCTYPE are
/// skipped, CDATA is text, and the predefined entities and character references are decoded.
/// No DTD is read and no entity defined in one is expanded (it stays as written), nothing is
/// fetched, and nesting is bounded, so a hostile file cannot make it fetch, balloon or recurse.
/// Foundation's XMLParser would bring libxml2 and its entity handling; this reads what a
/// manifest needs and nothing more.
struct XMLTree {
    struct Element {
        /// The local name, without a namespace prefix.
        let name: String
        let line: Int
        var children: [Element] = []
        /// The element's own text, without its children's; surrounding whitespace trimmed.
        var text: String { String(decoding: rawText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        fileprivate var rawText: [UInt8] = []

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
    }

    static let maximumDepth = 256

    /// The root element of `bytes`.
    static func parse(_ bytes: [UInt8]) throws(LockfileError) -> Element {
        var reader = Reader(bytes: bytes)
        return try reader.document()
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var open: [Element] = []
        var root: Element?

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func document() throws(LockfileError) -> Element {
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "<") {
                    try markup()
                } else {
                    text()
                }
            }
            if let unclosed = open.last {
                throw LockfileError(line: unclosed.line, "<\(unclosed.name)> is not closed; the file looks truncated")
            }
            guard let root else { throw LockfileError(line: 1, "no XML element here; is this an XML file?") }
            return root
        }

        private mutating func markup() throws(LockfileError) {
            let start = line
            if starts(with: "<?") {
                try skip(past: "?>", what: "processing instruction", from: start)
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "comment", from: start)
            } else if starts(with: "<![CDATA[") {
                position += 9
                let from = position
                try skip(past: "]]>", what: "CDATA section", from: start)
                if !open.isEmpty { open[open.count - 1].rawText += bytes[from..<(position - 3)] }
            } else if starts(with: "<!") {
                try skipDeclaration(from: start)
            } else if starts(with: "</") {
                position += 2
                let name = self.name()
                try skip(past: ">", what: "closing tag", from: start)
                guard let element = open.popLast() else {
                    throw LockfileError(line: start, "</\(name)> closes an element that was never opened")
                }
                guard element.name == name else {
                    throw LockfileError(line: start, "</\(name)> closes <\(element.name)> opened on line \(element.line)")
                }
                attach(element)
            } else {
                position += 1
                let name = self.name()
                guard !name.isEmpty else { throw LockfileError(line: start, "a `<` that starts no element; write it as &lt; in text") }
                let selfClosing = try skipAttributes(from: start)
                let element = Element(name: name, line: start)
                if selfClosing {
                    attach(element)
                } else {
                    guard open.count < XMLTree.maximumDepth else {
                        throw LockfileError(line: start, "elements nest deeper than \(XMLTree.maximumDepth); this is not a manifest")
                    }
                    open.append(element)
                }
            }
        }

        private mutating func attach(_ element: Element) {
            if open.isEmpty {
                if root == nil { root = element }
            } else {
                open[open.count - 1].children.append(element)
            }
        }

        private mutating func text() {
            let from = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            guard !open.isEmpty else { return }
            open[open.count - 1].rawText += Self.decodingReferences(bytes[from..<position])
        }

        /// The local name at the position (`project` of `pom:project`).
        private mutating func name() -> String {
            let from = position
            while position < bytes.count, !Self.endsName(bytes[position]) { position += 1 }
            let qualified = bytes[from..<position]
            let local = qualified.lastIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified
            return String(decoding: local, as: UTF8.self)
        }

        private static func endsName(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
        }

        /// Past the attributes to the tag's `>`; whether it was `/>`. Quoted values may hold `>`.
        private mutating func skipAttributes(from start: Int) throws(LockfileError) -> Bool {
            var quote: UInt8?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x0A { line += 1 }
                position += 1
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return position >= 2 && bytes[position - 2] == UInt8(ascii: "/")
                }
            }
            throw LockfileError(line: start, "a tag is not closed with `>`; the file looks truncated")
        }

        /// `<!DOCTYPE …>` and other declarations, with an internal subset in brackets.
        private mutating func skipDeclaration(from start: Int) throws(LockfileError) {
            var depth = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x0A { line += 1 }
                position += 1
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") { depth -= 1 }
                if byte == UInt8(ascii: ">"), depth <= 0 { return }
            }
            throw LockfileError(line: start, "a <!…> declaration is not closed; the file looks truncated")
        }

        private func starts(with prefix: String) -> Bool {
            var index = position
            for byte in prefix.utf8 {
                guard index < bytes.count, bytes[index] == byte else { return false }
                index += 1
            }
            return true
        }

        private mutating func skip(past terminator: String, what: String, from start: Int) throws(LockfileError) {
            while position < bytes.count {
                if starts(with: terminator) {
                    position += terminator.utf8.count
                    return
                }
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
            throw LockfileError(line: start, "a \(what) is not closed; the file looks truncated")
        }

        /// Text with `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and `&#…;` decoded; any other
        /// reference stays as written.
        static func decodingReferences(_ text: ArraySlice<UInt8>) -> [UInt8] {
            guard text.contains(UInt8(ascii: "&")) else { return Array(text) }
            var output: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                guard text[index] == UInt8(ascii: "&"),
                      let semicolon = text[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
                      let decoded = reference(String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)) else {
                    output.append(text[index])
                    index += 1
                    continue
                }
                output += decoded
                index = semicolon + 1
            }
            return output
        }

        private static func reference(_ name: String) -> [UInt8]? {
            switch name {
            case "lt": return Array("<".utf8)
            case "gt": return Array(">".utf8)
            case "amp": return Array("&".utf8)
            case "quot": return Array("\"".utf8)
            case "apos": return Array("'".utf8)
            default:
                guard name.hasPrefix("#") else { return nil }
                let digits = name.dropFirst()
                let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                return value.flatMap(Unicode.Scalar.init).map { Array(String($0).utf8) }
            }
        }
    }
}
