import Yams

/// What the walkers have found in one file so far, and how much work they may still do: aliases
/// let a small file name the same subtree millions of times, so every node visited is counted.
struct ManifestCollector {
    let path: String
    var scan = ManifestScan()
    let mostNodes: Int
    private var nodesLeft: Int
    private(set) var isExhausted = false

    /// A node takes at least a byte of text, so a file of `bytes` bytes has fewer nodes than that
    /// unless aliases repeat them; the allowance on top covers small files with a few aliases.
    init(path: String, bytes: Int) {
        self.path = path
        mostNodes = 100_000 + bytes
        nodesLeft = mostNodes
    }

    /// Counts one node; false once the bound is reached, which is said once as a problem.
    mutating func visit(_ node: Node, in document: ManifestDocument) -> Bool {
        spend(1, at: node, in: document)
    }

    /// The member `key` of a mapping, the members looked at counted as visits; nil once the
    /// bound is reached.
    mutating func member(_ key: String, of node: Node, in document: ManifestDocument) -> Node? {
        var scanned = 0
        let found = node.member(key, scanned: &scanned, limit: nodesLeft)
        return spend(scanned, at: node, in: document) ? found : nil
    }

    /// The members of a mapping (merged ones included), counted the same way.
    mutating func members(of node: Node, in document: ManifestDocument) -> [(key: String, value: Node)] {
        var scanned = 0
        let found = node.members(scanned: &scanned, limit: nodesLeft)
        return spend(scanned, at: node, in: document) ? found : []
    }

    private mutating func spend(_ nodes: Int, at node: Node, in document: ManifestDocument) -> Bool {
        guard !isExhausted else { return false }
        nodesLeft -= nodes
        guard nodesLeft < 0 else { return true }
        isExhausted = true
        let (line, column) = document.position(of: node)
        scan.problems.append(ManifestProblem(.tooLarge, path: path, line: line, column: column,
                                             "more than \(mostNodes) YAML nodes to walk, more than the file's text holds (an alias repeated too often?); "
                                                 + "the rest of the file is not read"))
        return false
    }

    mutating func problem(_ kind: ManifestProblem.Kind, at node: Node, in document: ManifestDocument, field: ManifestFieldPath?, _ message: String) {
        let (line, column) = document.position(of: node)
        scan.problems.append(ManifestProblem(kind, path: path, line: line, column: column, field: field?.description, message))
    }

    /// The text of an image field, or nil after recording that it has the wrong type.
    mutating func imageText(of node: Node, field: ManifestFieldPath, in document: ManifestDocument) -> String? {
        if let text = node.text, !text.isEmpty { return text }
        problem(.wrongType, at: node, in: document, field: field,
                "\(field) is \(node.typeDescription); it must be text naming an image, such as `registry.example.com/app:1.4@sha256:…`")
        return nil
    }

    mutating func image(_ written: String, reference: String? = nil, at node: Node, in document: ManifestDocument, field: ManifestFieldPath,
                        context: ManifestImageContext) {
        let (line, column) = document.position(of: node)
        scan.images.append(ManifestImage(reference: reference ?? written, written: written, path: path, line: line, column: column,
                                         field: field.description, context: context))
    }
}
