/// Gives every heading of a page a unique, GitHub-compatible id.
public enum HeadingIDTransform {
    /// The tree with heading ids filled in, in document order.
    public static func apply(to root: MarkdownNode) -> MarkdownNode {
        var slugger = HeadingSlugger()
        return assign(root, &slugger)
    }

    /// Document order matters (the first "Example" keeps the plain id), so this walks top-down, not via `rewritten`.
    private static func assign(_ node: MarkdownNode, _ slugger: inout HeadingSlugger) -> MarkdownNode {
        var copy = node
        if case .heading(let level, _) = node.kind {
            copy.kind = .heading(level: level, id: slugger.uniqueSlug(for: node.plainText))
            return copy
        }
        if node.children.isEmpty { return copy }
        copy.children = node.children.map { assign($0, &slugger) }
        return copy
    }
}
