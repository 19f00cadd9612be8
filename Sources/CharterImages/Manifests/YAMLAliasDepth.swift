/// How deep a document nests once its aliases are expanded, from the text alone. Yams resolves
/// `*name` by sharing the anchored node, so composing stays shallow, but a chain of anchors each
/// wrapping the one before (`b: &b [*a]`, `c: &c [*b]`…) makes a tree thousands deep, which
/// Swift then releases by recursion and overflows the stack. This bounds that depth from above.
///
/// An anchor's node ends before the first alias to it (an alias inside its own anchor is an
/// error), so every alias between `&x` and the first `*x` is counted as inside x: that can only
/// make the estimate higher. Each alias adds the nesting it stands at to the depth of the anchor
/// it names.
struct YAMLAliasDepth {
    private enum Anchor {
        /// Defined after this many aliases, and not yet named by one.
        case open(since: Int)
        /// How deep its expansion reaches below the nesting its text shows.
        case closed(depth: Int)
    }

    /// The deepest expansion below the text's own nesting that any alias reaches.
    private(set) var deepest = 0
    private var anchors: [String: Anchor] = [:]
    private var aliases = 0
    /// For each alias so far, what it reaches (its nesting plus its anchor's depth), kept only
    /// while no later alias reaches as far: the greatest reach since any point is then the first
    /// kept entry from that point on.
    private var reaches: [(alias: Int, reach: Int)] = []

    mutating func anchor(_ name: String) {
        anchors[name] = .open(since: aliases)
    }

    /// An alias at `nesting` levels of text.
    mutating func alias(_ name: String, nesting: Int) {
        let depth: Int
        switch anchors[name] {
        case .open(let since):
            depth = greatestReach(since: since)
            anchors[name] = .closed(depth: depth)
        case .closed(let closed):
            depth = closed
        case nil:
            // An anchor this scan did not see (or none, which the parser reports) lies somewhere
            // before, so nothing so far reaches further than its expansion can.
            depth = greatestReach(since: 0)
        }
        let reach = nesting + depth
        deepest = max(deepest, reach)
        while let last = reaches.last, last.reach <= reach { reaches.removeLast() }
        reaches.append((aliases, reach))
        aliases += 1
    }

    private func greatestReach(since alias: Int) -> Int {
        var low = 0
        var high = reaches.count
        while low < high {
            let middle = (low + high) / 2
            if reaches[middle].alias < alias { low = middle + 1 } else { high = middle }
        }
        return low < reaches.count ? reaches[low].reach : 0
    }
}
