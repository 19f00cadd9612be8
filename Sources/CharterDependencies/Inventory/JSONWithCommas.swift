/// JSON as Bun writes its text lockfile (JSONC): `//` and `/* */` comments and trailing commas.
/// Each is blanked out to spaces, so the strict parser reads the rest and its error lines and
/// the lines searched for in the text stay those of the file.
enum JSONWithCommas {
    static func plainJSON(_ bytes: [UInt8]) -> [UInt8] {
        var output = bytes
        var index = 0
        var inString = false
        while index < output.count {
            let byte = output[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "/") where index + 1 < output.count && output[index + 1] == UInt8(ascii: "/"):
                while index < output.count, output[index] != 0x0A {
                    output[index] = 0x20
                    index += 1
                }
                continue
            case UInt8(ascii: "/") where index + 1 < output.count && output[index + 1] == UInt8(ascii: "*"):
                let start = index
                index += 2
                while index < output.count, !(output[index - 1] == UInt8(ascii: "*") && output[index] == UInt8(ascii: "/") && index - 1 > start + 1) {
                    index += 1
                }
                // An unclosed comment is left to the parser, which reports where it starts.
                guard index < output.count else { return output }
                for blank in start...index where output[blank] != 0x0A { output[blank] = 0x20 }
            case UInt8(ascii: ","):
                if let next = nextSignificant(in: output, after: index), output[next] == UInt8(ascii: "}") || output[next] == UInt8(ascii: "]") {
                    output[index] = 0x20
                }
            default:
                break
            }
            index += 1
        }
        return output
    }

    /// The next byte after `index` that is neither whitespace nor inside a comment.
    private static func nextSignificant(in bytes: [UInt8], after index: Int) -> Int? {
        var position = index + 1
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D:
                position += 1
            case UInt8(ascii: "/") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "/"):
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            case UInt8(ascii: "/") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "*"):
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) { position += 1 }
                position += 2
            default:
                return position
            }
        }
        return nil
    }
}
