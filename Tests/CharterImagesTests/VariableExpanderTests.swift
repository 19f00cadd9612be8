@testable import CharterImages
import Testing

/// Docker's variable substitution forms, quoting and escapes.
@Suite struct VariableExpanderTests {
    static let values: [String: String] = ["SET": "value", "EMPTY": "", "TAG": "12"]

    static func expand(_ text: String, escape: UInt8 = UInt8(ascii: "\\")) -> VariableExpander.Expansion {
        VariableExpander.expand(text, escape: escape) { values[$0] }
    }

    @Test(arguments: [
        ("$SET", "value"), ("${SET}", "value"), ("pre-${SET}-post", "pre-value-post"), ("$SET.x", "value.x"),
        ("${SET:-d}", "value"), ("${EMPTY:-d}", "d"), ("${EMPTY-d}", ""), ("${UNSET-d}", "d"), ("${UNSET:-d}", "d"),
        ("${SET:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${EMPTY+alt}", "alt"), ("${UNSET+alt}", ""),
        ("${UNSET:-${SET}}", "value"), ("${UNSET:-\"two words\"}", "two words"), ("debian:${TAG}-slim", "debian:12-slim"),
        ("'$SET'", "$SET"), ("\"$SET\"", "value"), ("\\$SET", "$SET"), ("\"\\$SET\"", "$SET"), ("a\\ b", "a b"),
        ("$", "$"), ("a$", "a$"), ("$-", "$-"), ("100%", "100%"),
    ])
    func expands(text: String, expected: String) {
        let expansion = Self.expand(text)
        #expect(expansion.value == expected)
        #expect(expansion.unresolved.isEmpty)
    }

    @Test func unsetVariablesWithoutDefaultsAreUnresolved() {
        #expect(Self.expand("$UNSET/app").unresolved == ["UNSET"])
        #expect(Self.expand("${UNSET}").value == "")
        #expect(Self.expand("${UNSET:?needs a value}").unresolved == ["UNSET"])
        #expect(Self.expand("${SET#va}").unresolved == ["SET"], "pattern operations are not evaluated")
        #expect(Self.expand("${SET:-x}${TAG}").variables == ["SET", "TAG"])
    }

    @Test func backtickEscape() {
        let expansion = Self.expand("C:`\\app `$SET", escape: UInt8(ascii: "`"))
        #expect(expansion.value == "C:\\app $SET")
    }

    @Test func unquotingKeepsVariablesAsWritten() {
        #expect(VariableExpander.unquote("\"$HOME/${DIR:-x}\" 'a b'", escape: UInt8(ascii: "\\")) == "$HOME/${DIR:-x} a b")
    }

    @Test func deepNestingStaysBounded() {
        let deep = String(repeating: "${A:-", count: 5_000) + "x" + String(repeating: "}", count: 5_000)
        let expansion = Self.expand(deep)
        #expect(expansion.value.count < deep.count)
    }
}
