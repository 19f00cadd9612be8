/// A signed checkpoint as the store keeps it: the signed note text is the evidence;
/// size and root are kept beside it so verification can find them without parsing.
package struct StoredCheckpoint: Sendable, Equatable {
    /// Assigned by the store, increasing in the order checkpoints were taken.
    package var sequence: Int64
    package var size: UInt64
    package var root: [UInt8]
    /// The C2SP signed note (checkpoint body plus signature lines).
    package var note: String
    package var createdAt: String

    package init(sequence: Int64 = 0, size: UInt64, root: [UInt8], note: String, createdAt: String) {
        self.sequence = sequence
        self.size = size
        self.root = root
        self.note = note
        self.createdAt = createdAt
    }
}
