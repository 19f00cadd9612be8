/// Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:?error}`,
/// `${VAR:+replacement}`, `$$`) as it comes out with no environment: every variable is unset,
/// so a value is known only where the file writes a default. The `.env` file and the shell
/// that would run Compose are not read, because they are not what the repository commits to.
enum ComposeInterpolation {
    enum Outcome: Equatable {
        case text(String)
        /// Why there is no value: a variable without a default, or a malformed expression.
        case unknown(String)
    }

    static func interpolate(_ text: String) -> Outcome {
        interpolate(text[...])
    }

    private static func interpolate(_ text: Substring) -> Outcome {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "$" else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            let next = text.index(after: index)
            guard next < text.endIndex else { return .unknown("a `$` ends the value; write `$$` for a literal dollar sign") }
            switch text[next] {
            case "$":
                result.append("$")
                index = text.index(after: next)
            case "{":
                guard let close = closingBrace(in: text, after: next) else { return .unknown("`${` is not closed by `}`") }
                switch expression(text[text.index(after: next)..<close]) {
                case .text(let value): result += value
                case .unknown(let reason): return .unknown(reason)
                }
                index = text.index(after: close)
            case let character where isNameStart(character):
                let name = text[next...].prefix(while: isNameCharacter)
                return .unknown("`$\(name)` has no default, so its value comes from the environment Compose runs in")
            default:
                return .unknown("`$` is followed by `\(text[next])`, not a variable name; write `$$` for a literal dollar sign")
            }
        }
        return .text(result)
    }

    /// The inside of `${…}`: a name, then nothing or an operator and its argument.
    private static func expression(_ body: Substring) -> Outcome {
        let name = body.prefix(while: isNameCharacter)
        guard let first = name.first, isNameStart(first) else { return .unknown("`${\(body)}` does not start with a variable name") }
        var rest = body.dropFirst(name.count)
        guard !rest.isEmpty else {
            return .unknown("`${\(name)}` has no default, so its value comes from the environment Compose runs in")
        }
        if rest.first == ":" { rest = rest.dropFirst() }
        let argument = rest.dropFirst()
        switch rest.first {
        case "-":
            return interpolate(argument)
        case "?":
            let says = argument.isEmpty ? "" : " (\(argument))"
            return .unknown("`${\(body)}` requires \(name) to be set\(says), so its value comes from the environment Compose runs in")
        case "+":
            // The replacement applies only when the variable is set, and here none is.
            return .text("")
        default:
            return .unknown("`${\(body)}` is not a Compose interpolation; use `${\(name):-default}`")
        }
    }

    /// The `}` that closes the `{` at `open`, counting nested `${…}` in defaults.
    private static func closingBrace(in text: Substring, after open: Substring.Index) -> Substring.Index? {
        var depth = 0
        for index in text[open...].indices {
            switch text[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    private static func isNameStart(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && character.isLetter)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }
}
