import DocgenMarkdown

/// Replaces checked link destinations (`saga.md#memory`) with the generated pages' URLs (`saga.html#memory`).
enum LinkRewriter {
    static func apply(_ rewrites: [String: String], to root: inout MarkdownNode) {
        root.rewrite { node in
            switch node.kind {
            case .link(let destination, let title):
                if let replacement = rewrites[destination] { node.kind = .link(destination: replacement, title: title) }
            case .image(let destination, let title):
                if let replacement = rewrites[destination] { node.kind = .image(destination: replacement, title: title) }
            default:
                break
            }
        }
    }
}
