/// Gives every heading of a page a unique, GitHub-compatible id.
public enum HeadingIDTransform {
    /// Fills in the heading ids of `tree` in place, in document order (the first "Example" keeps the
    /// plain id), which is the order of the tree's nodes.
    public static func apply(_ tree: inout MarkdownTree) {
        var slugger = HeadingSlugger()
        var ids: [(index: Int, level: Int, id: String)] = []
        tree.withView { nodes in
            nodes.forEachBlock { index in
                guard case .heading(let level, _) = nodes[index].kind else { return }
                ids.append((index, level, slugger.uniqueSlug(for: nodes.plainText(of: index))))
            }
        }
        for heading in ids { tree.setKind(.heading(level: heading.level, id: heading.id), at: heading.index) }
    }
}
