import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("The folder holding charter.db and keys/ (default: $CHARTER_HOME, else ./.charter).", valueName: "dir"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("Who is acting, recorded on every entry (default: $CHARTER_ACTOR, else the login name).", valueName: "name"))
    var actor: String?
}
