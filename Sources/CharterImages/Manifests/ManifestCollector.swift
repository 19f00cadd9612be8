import Yams

/// What the walkers have found in one file so far, and how much work they may still do: aliases
/// let a small file name the same subtree millions of times, so every node visited is counted.
struct ManifestCollector {
    /// Far past any real manifest (a large rendered chart is a few hundred thousand nodes).
    static let mostNodes = 2_000_000

    let path: String
    var scan = ManifestScan()
    private var nodesLeft: Int
    private(set) var isExhausted = false

    init(path: String, mostNodes: Int = Self.mostNodes) {
        self.path = path
        nodesLeft = mostNodes
    }

    /// Counts one node; false once the bound is reached, which is said once as a problem.
    mutating func visit(_ node: Node, in document: ManifestDocument) -> Bool {
        guard !isExhausted else { return false }
        nodesLeft -= 1
        guard nodesLeft < 0 else { return true }
        isExhausted = true
        let (line, column) = document.position(of: node)
        scan.problems.append(ManifestProblem(.tooLarge, path: path, line: line, column: column,
                                             "more than \(Self.mostNodes) YAML nodes to walk (an alias repeated too often?); the rest of the file is not read"))
        return false
    }

    mutating func problem(_ kind: ManifestProblem.Kind, at node: Node, in document: ManifestDocument, field: ManifestFieldPath?, _ message: String) {
        let (line, column) = document.position(of: node)
        scan.problems.append(ManifestProblem(kind, path: path, line: line, column: column, field: field?.description, message))
    }

    /// The node's text, or nil after recording that `field` has the wrong type.
    mutating func text(of node: Node, field: ManifestFieldPath, in document: ManifestDocument, example: String) -> String? {
        if let text = node.text, !text.isEmpty { return text }
        problem(.wrongType, at: node, in: document, field: field, "\(field) is \(node.typeDescription); it must be text such as `\(example)`")
        return nil
    }

    mutating func image(_ written: String, reference: String? = nil, at node: Node, in document: ManifestDocument, field: ManifestFieldPath, context: ManifestImageContext) {
        let (line, column) = document.position(of: node)
        scan.images.append(ManifestImage(reference: reference ?? written, written: written, path: path, line: line, column: column,
                                         field: field.description, context: context))
    }
}
