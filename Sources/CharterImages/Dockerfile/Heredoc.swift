/// An inline document an instruction reads from the lines after it (`RUN <<EOF`, `COPY <<EOF /path`).
package struct Heredoc: Sendable, Equatable {
    /// The terminator, quotes removed.
    package let name: String
    /// The lines between the instruction and the terminator, each ending in a newline; with
    /// `<<-` their leading tabs are already removed.
    package let content: String
    /// `<<-NAME`: leading tabs are stripped from the content and the terminator line.
    package let stripsTabs: Bool
    /// False when the name was quoted (`<<"EOF"`, `<<'EOF'`): variables in the content stay literal.
    package let expandsVariables: Bool
    /// The line holding the first content line (or the terminator when empty).
    package let firstLine: Int

    package init(name: String, content: String, stripsTabs: Bool, expandsVariables: Bool, firstLine: Int) {
        self.name = name
        self.content = content
        self.stripsTabs = stripsTabs
        self.expandsVariables = expandsVariables
        self.firstLine = firstLine
    }
}
