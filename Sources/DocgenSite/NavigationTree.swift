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
            // By index: `folders[path] == nil` copied the folder's node out to compare it, for every page.
            guard folders.index(forKey: path) == nil else { return }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            folders[path] = Node(title: PageLoader.humanize(name), weight: nil, pageIndex: nil, folder: path, children: [])
            ensureFolder(SitePath.directory(of: path))
        }
        // Fields read in place: `for page in pages` copied every page, retaining all it holds.
        for index in pages.indices {
            let directory = pages[index].contentDirectory
            ensureFolder(directory)
            if pages[index].isIndex {
                folders[directory]?.title = pages[index].title
                folders[directory]?.weight = pages[index].frontMatter.weight
                folders[directory]?.pageIndex = index
            } else {
                leaves[directory, default: []].append(
                    Node(title: pages[index].title, weight: pages[index].frontMatter.weight, pageIndex: index, folder: nil, children: []))
            }
        }
        // Each folder's subfolders, found in one pass: looking them up among all folders for every
        // folder took half a second at 10,000 pages, on one core.
        var subfolders: [String: [String]] = [:]
        for path in folders.keys where !path.isEmpty {
            subfolders[SitePath.directory(of: path), default: []].append(path)
        }
        func assemble(_ path: String) -> Node {
            var node = folders[path] ?? Node(title: path, weight: nil, pageIndex: nil, folder: path, children: [])
            let children = leaves[path, default: []] + subfolders[path, default: []].filter { $0 != path }.map(assemble)
            node.children = Self.sorted(children)
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

    /// `nodes` by weight (entries without one last), then title, then folder path for a stable order;
    /// each title is lowercased once rather than in every comparison.
    static func sorted(_ nodes: [Node]) -> [Node] {
        let keyed = nodes.map { (node: $0, weight: $0.weight ?? .max, title: $0.title.lowercased()) }
        return keyed.sorted { lhs, rhs in
            if lhs.weight != rhs.weight { return lhs.weight < rhs.weight }
            if lhs.title != rhs.title { return lhs.title < rhs.title }
            return (lhs.node.folder ?? "") < (rhs.node.folder ?? "")
        }.map(\.node)
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
