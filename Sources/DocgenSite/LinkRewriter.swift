import DocgenMarkdown

/// Replaces checked link destinations (`saga.md#memory`) with the generated pages' URLs (`saga.html#memory`).
enum LinkRewriter {
    static func apply(_ rewrites: [String: String], to root: MarkdownNode) -> MarkdownNode {
        root.rewritten { node in
            switch node.kind {
            case .link(let destination, let title):
                guard let replacement = rewrites[destination] else { return node }
                var copy = node
                copy.kind = .link(destination: replacement, title: title)
                return copy
            case .image(let destination, let title):
                guard let replacement = rewrites[destination] else { return node }
                var copy = node
                copy.kind = .image(destination: replacement, title: title)
                return copy
            default:
                return node
            }
        }
    }
}
