import DocgenMarkdown

/// Replaces checked link destinations (`saga.md#memory`) with the generated pages' URLs (`saga.html#memory`).
enum LinkRewriter {
    static func apply(_ rewrites: [String: String], to tree: inout MarkdownTree) {
        tree.updateKinds { kind in
            switch kind {
            case .link(let destination, let title):
                if let replacement = rewrites[destination] { kind = .link(destination: replacement, title: title) }
            case .image(let destination, let title):
                if let replacement = rewrites[destination] { kind = .image(destination: replacement, title: title) }
            default:
                break
            }
        }
    }
}
