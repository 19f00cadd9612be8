/// Bounds on the work a hostile image can cause. Each one exceeded stops the extraction with an
/// error that names it; the defaults fit real images (a CUDA base image is ~10 GB and ~100k
/// files) with room to spare.
package struct ExtractionLimits: Sendable, Equatable {
    /// The most file bytes written for all layers together.
    package var largestTotal: Int
    /// The most one file may hold.
    package var largestFile: Int
    /// The most tar entries read, all layers together (and members of an image tarball).
    package var mostEntries: Int
    /// The most bytes one compressed byte may inflate to, checked once a layer has inflated past
    /// `ratioFloor` (a small layer of zeros may compress a thousandfold without being a threat).
    package var highestRatio: Int
    package var ratioFloor: Int
    /// The most bytes a pax header or GNU long name may hold.
    package var largestRecord: Int
    /// The most bytes an index, manifest or config may hold.
    package var largestMetadata: Int
    /// The most layers an image may have (Docker's own limit is 127).
    package var mostLayers: Int

    package init(
        largestTotal: Int = 16 << 30, largestFile: Int = 4 << 30, mostEntries: Int = 2_000_000,
        highestRatio: Int = 250, ratioFloor: Int = 128 << 20, largestRecord: Int = 1 << 20,
        largestMetadata: Int = 16 << 20, mostLayers: Int = 500
    ) {
        self.largestTotal = largestTotal
        self.largestFile = largestFile
        self.mostEntries = mostEntries
        self.highestRatio = highestRatio
        self.ratioFloor = ratioFloor
        self.largestRecord = largestRecord
        self.largestMetadata = largestMetadata
        self.mostLayers = mostLayers
    }

    package static let standard = ExtractionLimits()
}
