/// Which image to read from an archive that offers several: by platform (linux/amd64 unless
/// another is asked for) and by name.
package struct ImageSelection: Sendable, Equatable {
    /// Required when set; when nil, linux/amd64 is preferred and any single image is taken.
    package var platform: ImagePlatform?
    /// A tag or name (`alpine:3.19`, `docker.io/library/alpine:3.19`) for archives holding several images.
    package var reference: String?

    package init(platform: ImagePlatform? = nil, reference: String? = nil) {
        self.platform = platform
        self.reference = reference
    }

    /// The one candidate this selection picks, or an error listing what the archive offers.
    func choose(from candidates: [ImageCandidate], archive: String) throws(ImageArchiveError) -> ImageCandidate {
        var pool = candidates
        if let reference {
            pool = pool.filter { $0.isNamed(reference) }
            guard !pool.isEmpty else {
                throw ImageArchiveError(.selection, "\(archive): no image named \(reference); it holds \(Self.list(candidates))")
            }
        }
        let present = pool.filter(\.isPresent)
        let matching: [ImageCandidate]
        if let platform {
            // A candidate whose index gives no platform is checked against its config once read.
            matching = present.filter { $0.platform?.serves(platform) ?? true }
        } else {
            let preferred = present.filter { $0.platform?.serves(.linuxAMD64) == true }
            matching = preferred.isEmpty ? present : preferred
        }
        var distinct: [ImageCandidate] = []
        for candidate in matching where !distinct.contains(where: { $0.identity == candidate.identity }) {
            distinct.append(candidate)
        }
        guard let chosen = distinct.first else {
            let wanted = platform.map { "for \($0)" } ?? "whose blobs are present"
            throw ImageArchiveError(.selection, "\(archive): no image \(wanted); it holds \(Self.list(pool))")
        }
        guard distinct.count == 1 else {
            throw ImageArchiveError(
                .selection,
                "\(archive): holds \(distinct.count) images that fit (\(Self.list(distinct))); choose one by name or by platform")
        }
        return chosen
    }

    private static func list(_ candidates: [ImageCandidate]) -> String {
        candidates.isEmpty ? "no images" : candidates.map(\.description).joined(separator: "; ")
    }
}
