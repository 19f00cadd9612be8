import Foundation

/// Finds every lockfile, manifest, system package database and SBOM under a folder and reads
/// it: the dependencies found, and the files that could not be read (each named with its line;
/// the others are still read).
/// Installed and generated trees (`node_modules`, `vendor`, build output, virtualenvs) are skipped.
package struct DependencyInventory {
    package struct Result: Sendable {
        package var dependencies: [Dependency] = []
        package var problems: [LockfileProblem] = []
        /// Lockfiles read, relative to the root.
        package var lockfiles: [String] = []
        /// Packages a lockfile lists that no ecosystem Charter knows covers (an SBOM's
        /// `pkg:docker/…`): not judged, and said so rather than dropped without a word.
        package var unsupported: [UnsupportedPackages] = []

        package init(dependencies: [Dependency] = [], problems: [LockfileProblem] = [], lockfiles: [String] = [], unsupported: [UnsupportedPackages] = []) {
            self.dependencies = dependencies
            self.problems = problems
            self.lockfiles = lockfiles
            self.unsupported = unsupported
        }
    }

    static let extractors: [any LockfileExtractor] = [
        RequirementsTxt(), PythonTOMLLock(), PipfileLock(), CargoLock(), GoMod(), PackageLockJSON(), YarnLock(), PnpmLock(), PackageResolved(),
        BunLock(), GemfileLock(), ComposerLock(), PubspecLock(), MixLock(), NuGetLock(), GradleLockfile(), MavenPOM(), RenvLock(), ConanLock(),
        DpkgStatus(), ApkInstalled(), SBOMInput(),
    ]
    static let skippedFolders: Set<String> = [
        ".git", "node_modules", "vendor", ".build", "build", "dist", "target", "__pycache__", ".venv", "venv", ".tox", ".charter",
    ]
    /// Larger "lockfiles" are not lockfiles; reading them whole would only cost memory.
    package static let largestLockfile = 64 << 20

    package let root: String

    package init(root: String) {
        self.root = root
    }

    package func scan() throws(DependenciesError) -> Result {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw DependenciesError(.inputUnreadable, "\(root): no such file or folder")
        }
        var result = Result()
        if !isFolder.boolValue {
            let name = (root as NSString).lastPathComponent
            if Self.extractor(for: name) != nil {
                read(name, base: (root as NSString).deletingLastPathComponent, into: &result)
            } else {
                // A package database (`…/var/lib/dpkg/status`) is known by its whole path, and
                // finds its system's os-release beside it.
                read(URL(fileURLWithPath: root).standardizedFileURL.path, base: "", into: &result)
            }
            return result
        }
        // Each lockfile on its own core, merged in path order.
        let inventory = self
        for partial in lockfiles().concurrentMap(grain: 1, { relative in
            var partial = Result()
            inventory.read(relative, base: inventory.root, into: &partial)
            return partial
        }) {
            result.dependencies += partial.dependencies
            result.lockfiles += partial.lockfiles
            result.unsupported += partial.unsupported
            result.problems += partial.problems
        }
        // A requirements file both found and included by another is read twice.
        var seen = Set<Dependency>()
        result.dependencies = result.dependencies.filter { seen.insert($0).inserted }
        return result
    }

    /// Paths (relative to the root, sorted) of the files some extractor handles.
    private func lockfiles() -> [String] {
        var found: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if !Self.skippedFolders.contains(name) { pending.append(relative) }
                } else if info.st_mode & S_IFMT == S_IFREG, Self.extractor(for: relative) != nil {
                    found.append(relative)
                }
            }
        }
        return found.sorted()
    }

    static func extractor(for path: String) -> (any LockfileExtractor)? {
        extractors.first { $0.handles(path: path) }
    }

    private func read(_ relative: String, base: String, into result: inout Result) {
        guard let extractor = Self.extractor(for: relative) else { return }
        let load = { (path: String) throws -> [UInt8] in
            try Self.readRegularFile(base.isEmpty ? path : base + "/" + path)
        }
        do {
            let bytes = try load(relative)
            guard extractor.recognizes(bytes, path: relative) else { return }
            let extraction = try extractor.extraction(bytes, path: relative, read: load)
            result.dependencies += extraction.dependencies
            result.lockfiles.append(relative)
            for (kind, count) in extraction.unsupported.sorted(by: { $0.key < $1.key }) {
                result.unsupported.append(UnsupportedPackages(path: relative, kind: kind, count: count))
            }
        } catch let error as LockfileError {
            result.problems.append(LockfileProblem(path: relative, line: error.line, message: error.message))
        } catch {
            result.problems.append(LockfileProblem(path: relative, line: nil, message: "\(error)"))
        }
    }

    /// The bytes of a regular file of at most `largestLockfile` bytes. The checks are made on the
    /// opened file, so a `-r` include that is a symlink to a FIFO or a device cannot hang the
    /// scan or fill memory.
    static func readRegularFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw LockfileError("cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw LockfileError("is not a regular file") }
        guard Int(info.st_size) <= largestLockfile else { throw LockfileError("larger than \(largestLockfile >> 20) MiB; not a lockfile") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return Array(bytes[0..<filled])
    }
}
