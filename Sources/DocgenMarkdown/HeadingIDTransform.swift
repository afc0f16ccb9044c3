/// Gives every heading of a page a unique, GitHub-compatible id.
public enum HeadingIDTransform {
    /// Fills in the heading ids of `root` in place, in document order.
    public static func apply(_ root: inout MarkdownNode) {
        var slugger = HeadingSlugger()
        assign(&root, &slugger)
    }

    /// Document order matters (the first "Example" keeps the plain id), so this walks top-down, not via `rewrite`.
    private static func assign(_ node: inout MarkdownNode, _ slugger: inout HeadingSlugger) {
        if case .heading(let level, _) = node.kind {
            node.kind = .heading(level: level, id: slugger.uniqueSlug(for: node.plainText))
            return
        }
        guard node.kind.canContainBlocks else { return }
        for index in node.children.indices {
            assign(&node.children[index], &slugger)
        }
    }
}
