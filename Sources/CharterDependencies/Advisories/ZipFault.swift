/// Something wrong with a ZIP archive's structure or one of its entries, said in a few words;
/// `ZipArchive` puts the archive's path and the entry's name in front before anyone sees it.
struct ZipFault: Error, Sendable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
