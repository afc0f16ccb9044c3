import DocgenMarkdown
/// The sidebar's structure: the content folder tree, each folder led by its index page,
/// entries ordered by `weight`, then title.
public struct NavigationTree: Sendable {
    /// One entry: a page, or a folder with entries of its own.
    public struct Node: Sendable {
        /// The label.
        public var title: String
        /// The sort key (nil sorts last).
        public var weight: Int?
        /// Index into the site's page list: the page itself, or the folder's index page.
        public var pageIndex: Int?
        /// The folder's content path, for folders.
        public var folder: String?
        /// Child entries, sorted.
        public var children: [Node]
    }

    /// The content root; its page is the home page, its children are the sidebar's top level.
    public let root: Node
    /// Page indices in reading order (home, then depth first), for previous and next links.
    public let readingOrder: [Int]

    /// Builds the tree from the pages of a site.
    public init(pages: [Page]) {
        var folders: [String: Node] = ["": Node(title: "Home", weight: nil, pageIndex: nil, folder: "", children: [])]
        var leaves: [String: [Node]] = [:]
        func ensureFolder(_ path: String) {
            guard folders[path] == nil else { return }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            folders[path] = Node(title: PageLoader.humanize(name), weight: nil, pageIndex: nil, folder: path, children: [])
            ensureFolder(SitePath.directory(of: path))
        }
        for (index, page) in pages.enumerated() {
            let directory = page.contentDirectory
            ensureFolder(directory)
            if page.isIndex {
                folders[directory]?.title = page.title
                folders[directory]?.weight = page.frontMatter.weight
                folders[directory]?.pageIndex = index
            } else {
                leaves[directory, default: []].append(
                    Node(title: page.title, weight: page.frontMatter.weight, pageIndex: index, folder: nil, children: []))
            }
        }
        func assemble(_ path: String) -> Node {
            var node = folders[path] ?? Node(title: path, weight: nil, pageIndex: nil, folder: path, children: [])
            let subfolders = folders.keys.filter { !$0.isEmpty && $0 != path && SitePath.directory(of: $0) == path }
            node.children = (leaves[path, default: []] + subfolders.map(assemble)).sorted(by: Self.precedes)
            return node
        }
        root = assemble("")
        var order: [Int] = []
        func walk(_ node: Node) {
            if let index = node.pageIndex { order.append(index) }
            node.children.forEach(walk)
        }
        walk(root)
        readingOrder = order
    }

    /// Weight first (entries without one last), then title, then folder path for a stable order.
    static func precedes(_ lhs: Node, _ rhs: Node) -> Bool {
        let left = lhs.weight ?? .max, right = rhs.weight ?? .max
        if left != right { return left < right }
        let leftTitle = lhs.title.lowercased(), rightTitle = rhs.title.lowercased()
        if leftTitle != rightTitle { return leftTitle < rightTitle }
        return (lhs.folder ?? "") < (rhs.folder ?? "")
    }

    /// The chain of folder nodes from the root down to (and including) the folder at `path`.
    public func ancestors(ofFolder path: String) -> [Node] {
        var chain = [root]
        var current = root
        let parts = path.split(separator: "/")
        for depth in parts.indices {
            let prefix = parts[...depth].joined(separator: "/")
            guard let next = current.children.first(where: { $0.folder == prefix }) else { break }
            chain.append(next)
            current = next
        }
        return chain
    }
}
