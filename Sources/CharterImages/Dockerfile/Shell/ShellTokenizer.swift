/// Splits shell text into pipelines of commands in one pass over its bytes: quotes, backslashes,
/// `$(…)`, backticks, `${…}`, process substitution, comments, operators and heredoc bodies.
/// Substitutions are parsed recursively up to `maximumDepth`, so hostile nesting cannot exhaust
/// the stack; deeper ones stay as text.
struct ShellTokenizer {
    static let maximumDepth = 8

    private let bytes: [UInt8]
    private let depth: Int
    private var position = 0
    private var pipelines: [[ShellCommand]] = []
    private var pipeline: [ShellCommand] = []
    private var words: [String] = []
    private var word: [UInt8] = []
    private var wordStarted = false
    private var substitutions: [ShellScript] = []
    /// Heredocs announced on the current line: (delimiter, strips tabs).
    private var pendingHeredocs: [(String, Bool)] = []
    private var expectingDelimiter: Bool?

    init(_ bytes: [UInt8], depth: Int) {
        self.bytes = bytes
        self.depth = depth
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }
    private var next: UInt8? { position + 1 < bytes.count ? bytes[position + 1] : nil }

    mutating func run() -> ShellScript {
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                finishWord()
            case UInt8(ascii: "\n"):
                finishPipeline()
                skipHeredocBodies()
            case UInt8(ascii: "#") where !wordStarted:
                while let inner = current, inner != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "'"):
                wordStarted = true
                while let inner = current, inner != UInt8(ascii: "'") {
                    word.append(inner)
                    position += 1
                }
                position += 1
            case UInt8(ascii: "\""):
                wordStarted = true
                readDoubleQuoted()
            case UInt8(ascii: "\\"):
                guard let escaped = current else { break }
                position += 1
                if escaped != UInt8(ascii: "\n") {
                    wordStarted = true
                    word.append(escaped)
                }
            case UInt8(ascii: "$"):
                wordStarted = true
                readDollar()
            case UInt8(ascii: "`"):
                wordStarted = true
                readBackticks()
            case UInt8(ascii: "<") where current == UInt8(ascii: "("), UInt8(ascii: ">") where current == UInt8(ascii: "("):
                wordStarted = true
                position += 1
                readSubstitution(opening: [byte, UInt8(ascii: "(")])
            case UInt8(ascii: "|"):
                finishWord()
                if current == UInt8(ascii: "|") {
                    position += 1
                    finishPipeline()
                } else {
                    if current == UInt8(ascii: "&") { position += 1 }
                    finishCommand()
                }
            case UInt8(ascii: "&") where current == UInt8(ascii: ">") || word.last == UInt8(ascii: ">") || word.last == UInt8(ascii: "<"):
                wordStarted = true
                word.append(byte)
            case UInt8(ascii: "&"):
                if current == UInt8(ascii: "&") { position += 1 }
                finishPipeline()
            case UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"):
                finishPipeline()
            default:
                wordStarted = true
                word.append(byte)
            }
        }
        finishPipeline()
        return ShellScript(pipelines: pipelines, substitutions: substitutions)
    }

    private mutating func readDoubleQuoted() {
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return }
                position += 1
                if escaped == UInt8(ascii: "\n") { continue }
                if ![UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\")].contains(escaped) { word.append(byte) }
                word.append(escaped)
            case UInt8(ascii: "$"):
                readDollar()
            case UInt8(ascii: "`"):
                readBackticks()
            default:
                word.append(byte)
            }
        }
    }

    /// After `$`: `$(…)` is a substitution, `${…}` is copied through its brace, anything else is literal.
    private mutating func readDollar() {
        word.append(UInt8(ascii: "$"))
        if current == UInt8(ascii: "(") {
            position += 1
            readSubstitution(opening: [UInt8(ascii: "$"), UInt8(ascii: "(")], alreadyWritten: 1)
        } else if current == UInt8(ascii: "{") {
            while let byte = current {
                word.append(byte)
                position += 1
                if byte == UInt8(ascii: "}") { return }
            }
        }
    }

    /// Copies a parenthesised substitution into the word and parses its body as a script of its own.
    private mutating func readSubstitution(opening: [UInt8], alreadyWritten: Int = 0) {
        word += opening.dropFirst(alreadyWritten)
        let start = position
        var open = 1
        var quote: UInt8?
        while let byte = current {
            position += 1
            if let active = quote {
                if byte == UInt8(ascii: "\\") && active == UInt8(ascii: "\"") { position += 1 } else if byte == active { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "\\") {
                position += 1
            } else if byte == UInt8(ascii: "(") {
                open += 1
            } else if byte == UInt8(ascii: ")") {
                open -= 1
                if open == 0 { break }
            }
        }
        let end = open == 0 ? position - 1 : min(position, bytes.count)
        let body = Array(bytes[start..<max(start, end)])
        word += body
        if open == 0 { word.append(UInt8(ascii: ")")) }
        addSubstitution(body)
    }

    private mutating func readBackticks() {
        word.append(UInt8(ascii: "`"))
        let start = position
        while let byte = current, byte != UInt8(ascii: "`") {
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        let end = min(position, bytes.count)
        let body = Array(bytes[start..<end])
        word += body
        word.append(UInt8(ascii: "`"))
        position += 1
        addSubstitution(body)
    }

    private mutating func addSubstitution(_ body: [UInt8]) {
        guard depth < Self.maximumDepth, !body.isEmpty else { return }
        var nested = ShellTokenizer(body, depth: depth + 1)
        substitutions.append(nested.run())
    }

    private mutating func finishWord() {
        guard wordStarted else { return }
        let text = String(decoding: word, as: UTF8.self)
        word.removeAll(keepingCapacity: true)
        wordStarted = false
        if let stripsTabs = expectingDelimiter {
            pendingHeredocs.append((text, stripsTabs))
            expectingDelimiter = nil
        } else if text.hasPrefix("<<") && !text.hasPrefix("<<<") {
            let stripsTabs = text.hasPrefix("<<-")
            let delimiter = String(text.dropFirst(stripsTabs ? 3 : 2))
            if delimiter.isEmpty { expectingDelimiter = stripsTabs } else { pendingHeredocs.append((delimiter, stripsTabs)) }
        }
        words.append(text)
    }

    private mutating func finishCommand() {
        finishWord()
        if !words.isEmpty {
            pipeline.append(ShellCommand(words: words))
            words.removeAll(keepingCapacity: true)
        }
    }

    private mutating func finishPipeline() {
        finishCommand()
        if !pipeline.isEmpty {
            pipelines.append(pipeline)
            pipeline.removeAll(keepingCapacity: true)
        }
    }

    /// At the end of a line that announced heredocs: skips each body and its delimiter line.
    private mutating func skipHeredocBodies() {
        for (delimiter, stripsTabs) in pendingHeredocs {
            while position < bytes.count {
                let lineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var line = bytes[position..<lineEnd]
                if stripsTabs { line = line.drop { $0 == UInt8(ascii: "\t") } }
                position = lineEnd + 1
                if line.elementsEqual(delimiter.utf8) { break }
            }
        }
        pendingHeredocs.removeAll()
        expectingDelimiter = nil
    }
}
