import CharterDependencies
import CharterStore

extension AdvisoryPackage {
    /// The database key for a package: its ecosystem's name for it normalised (PEP 503 for
    /// PyPI), so an advisory's spelling and a lockfile's meet; exact for unknown ecosystems.
    init(lookup ecosystem: String, name: String) {
        guard let known = Ecosystem(osvName: ecosystem) else {
            self.init(ecosystem: ecosystem, name: name)
            return
        }
        self.init(ecosystem: known.rawValue, name: known.normalizedName(name))
    }
}
