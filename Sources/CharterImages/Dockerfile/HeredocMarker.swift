/// A `<<NAME` on an instruction line, announcing a heredoc whose body follows the line.
///
/// As in BuildKit, the line is split into words (quotes kept, backslash escapes) and a word is a
/// marker when it is `[digits]<<[-]NAME` with no further `<`: `<<EOF`, `<<-EOF`, `<<"EOF"`,
/// `<<'EOF'`, `3<<EOF`. A quoted word (`"<<EOF"`) or a glued one (`cat<<EOF`) is not a marker.
/// Several markers on one line are read in order.
struct HeredocMarker: Equatable {
    let name: String
    let stripsTabs: Bool
    let expandsVariables: Bool

    static func markers(in line: String) -> [HeredocMarker] {
        guard DockerBytes.contains(line, "<<") else { return [] }
        return DockerfileWords.split(Substring(line), escape: UInt8(ascii: "\\")).compactMap(marker)
    }

    static func marker(_ word: String) -> HeredocMarker? {
        var rest = Substring(word).drop(while: { $0.isASCII && $0.isNumber })
        guard rest.hasPrefix("<<") else { return nil }
        rest = rest.dropFirst(2)
        let stripsTabs = rest.hasPrefix("-")
        if stripsTabs { rest = rest.dropFirst() }
        guard !rest.utf8.contains(UInt8(ascii: "<")) else { return nil }
        let name = VariableExpander.unquote(rest, escape: UInt8(ascii: "\\"))
        guard !name.isEmpty else { return nil }
        return HeredocMarker(name: name, stripsTabs: stripsTabs, expandsVariables: name == rest)
    }
}
