/// A parsed Markdown body as one array of nodes in document order, each node before its
/// descendants; a node's subtree is the node and the `subtreeSize - 1` nodes after it.
///
/// One array instead of a child array per node: copying a page out of cmark-gfm allocated an
/// array for every container, freeing it released them one by one, and every walk (transforms,
/// verification, the search collector, the renderer) retained and released those arrays and
/// chased pointers between them.
public struct MarkdownTree: Hashable, Sendable {
    /// The nodes, the document first.
    public private(set) var nodes: [MarkdownNode]

    /// The index of the document node.
    public static let root = 0

    /// An empty document.
    public init() {
        nodes = [MarkdownNode(.document)]
    }

    /// A tree of `kind` nodes built by `build`, which adds the children of the root.
    public init(_ kind: MarkdownNode.Kind = .document, range: SourceRange? = nil, _ build: (inout Builder) -> Void) {
        var builder = Builder(capacity: 16)
        builder.open(kind, range: range)
        build(&builder)
        builder.close()
        self = builder.finish()
    }

    /// The number of nodes.
    public var count: Int { nodes.count }

    /// The node at `index`.
    public subscript(index: Int) -> MarkdownNode {
        nodes[index]
    }

    /// The kind of the node at `index`; setting it keeps the node's children.
    public mutating func setKind(_ kind: MarkdownNode.Kind, at index: Int) {
        nodes[index].kind = kind
    }

    /// Changes the kind of every node, in document order.
    public mutating func updateKinds(_ change: (inout MarkdownNode.Kind) throws -> Void) rethrows {
        for index in nodes.indices { try change(&nodes[index].kind) }
    }

    /// Calls `body` with the index of every node that is not inside inline content (paragraphs,
    /// headings, table cells and the like are visited, their contents are not), in document order.
    /// Passes that look only at blocks (alerts, heading ids, unclosed fences) skip most of a page's nodes.
    public static func forEachBlock(in buffer: UnsafeBufferPointer<MarkdownNode>, _ body: (Int) throws -> Void) rethrows {
        guard let nodes = buffer.baseAddress else { return }
        var index = 0
        while index < buffer.count {
            try body(index)
            index += nodes[index].kind.canContainBlocks ? 1 : nodes[index].subtreeSize
        }
    }

    /// The indices of the children of the node at `index`, in order.
    public func children(of index: Int) -> Children {
        Children(nodes: nodes, parent: index)
    }

    /// The index of the first child of the node at `index`, if it has children.
    public func firstChild(of index: Int) -> Int? {
        nodes[index].subtreeSize > 1 ? index + 1 : nil
    }

    /// The text a reader sees in the node at `index` and its descendants, without markup.
    public func plainText(of index: Int) -> String {
        var result = ""
        forEachPlainTextPiece(of: index) { result += $0 }
        return result
    }

    /// Calls `body` with each piece of `plainText(of:)`, in order: text and inline code as written,
    /// a line break as a space; footnote references and raw HTML add nothing. The search index reads
    /// the pieces into one byte buffer instead of making a string per node.
    @inlinable
    public func forEachPlainTextPiece(of index: Int, _ body: (String) -> Void) {
        nodes.withUnsafeBufferPointer { Self.forEachPlainTextPiece(in: $0.baseAddress!, of: index, body) }
    }

    /// `forEachPlainTextPiece(of:_:)` on the nodes' storage, which the caller holds. The pieces are
    /// leaves, so the subtree is read front to back without following any structure.
    @inlinable
    public static func forEachPlainTextPiece(in nodes: UnsafePointer<MarkdownNode>, of index: Int, _ body: (String) -> Void) {
        let end = index + nodes[index].subtreeSize
        var current = index
        while current < end {
            switch nodes[current].kind {
            case .text(let text), .code(let text):
                body(text)
            case .softBreak, .lineBreak:
                body(" ")
            default:
                break
            }
            current += 1
        }
    }

    /// Removes the node at `index` with its descendants (not the root). Its ancestors are found by
    /// walking down from the root past their earlier siblings, so removing a top-level block (a
    /// page's title) is quick; for many removals, `removeSubtrees(at:)` takes one pass.
    public mutating func removeSubtree(at index: Int) {
        precondition(index > Self.root && index < nodes.count, "no such subtree")
        let size = nodes[index].subtreeSize
        // Every node whose subtree holds `index` shrinks.
        var ancestor = Self.root
        while ancestor != index {
            nodes[ancestor].subtreeSize -= size
            var child = ancestor + 1
            while child + nodes[child].subtreeSize <= index { child += nodes[child].subtreeSize }
            ancestor = child
        }
        nodes.removeSubrange(index..<(index + size))
    }

    /// Removes the nodes at `indices` with their descendants (not the root) in one pass over the
    /// nodes from the first of them on: removing them one at a time moved the rest of the array each
    /// time, which a 50 MB page with tens of thousands of alerts turned into minutes.
    public mutating func removeSubtrees(at indices: [Int]) {
        // The outermost subtrees to remove, in document order (one inside another goes with it).
        var removals: [Range<Int>] = []
        for index in indices.sorted() {
            precondition(index > Self.root && index < nodes.count, "no such subtree")
            if let last = removals.last, index < last.upperBound { continue }
            removals.append(index..<(index + nodes[index].subtreeSize))
        }
        guard let first = removals.first else { return }
        var removedBefore = [0]
        removedBefore.reserveCapacity(removals.count + 1)
        for range in removals { removedBefore.append(removedBefore[removedBefore.count - 1] + range.count) }
        /// The number of removed nodes before `position`, which is not inside a removal.
        func removed(before position: Int) -> Int {
            var low = 0, high = removals.count
            while low < high {
                let middle = (low + high) / 2
                if removals[middle].upperBound <= position { low = middle + 1 } else { high = middle }
            }
            return removedBefore[low]
        }
        let count = nodes.count
        nodes.withUnsafeMutableBufferPointer { buffer in
            // A subtree never ends inside a removal (removals are whole subtrees), so the removed nodes
            // within a kept node's subtree are those before its end less those before it.
            // Before the first removal only its ancestors hold removed nodes: walk down to it.
            var ancestor = Self.root
            while ancestor < first.lowerBound {
                buffer[ancestor].subtreeSize -= removed(before: ancestor + buffer[ancestor].subtreeSize) - removed(before: ancestor)
                var child = ancestor + 1
                while child + buffer[child].subtreeSize <= first.lowerBound { child += buffer[child].subtreeSize }
                ancestor = child
            }
            var kept = first.lowerBound
            for (position, range) in removals.enumerated() {
                let next = position + 1 < removals.count ? removals[position + 1].lowerBound : count
                for index in range.upperBound..<next {
                    let end = index + buffer[index].subtreeSize
                    if end > next { buffer[index].subtreeSize -= removed(before: end) - removed(before: index) }
                    // Kept nodes move forward over removed ones, which gather at the end.
                    buffer.swapAt(kept, index)
                    kept += 1
                }
            }
        }
        nodes.removeLast(removedBefore[removedBefore.count - 1])
    }

    /// The indices of one node's children: each child's subtree is skipped to reach the next.
    public struct Children: Sequence {
        let nodes: [MarkdownNode]
        let parent: Int

        /// An iterator over the children's indices.
        public func makeIterator() -> Iterator {
            Iterator(nodes: nodes, upcoming: parent + 1, end: parent + nodes[parent].subtreeSize)
        }

        /// The number of children.
        public var count: Int {
            var count = 0
            for _ in self { count += 1 }
            return count
        }

        /// Yields the children's indices.
        public struct Iterator: IteratorProtocol {
            let nodes: [MarkdownNode]
            var upcoming: Int
            let end: Int

            /// The next child's index.
            public mutating func next() -> Int? {
                guard upcoming < end else { return nil }
                defer { upcoming += nodes[upcoming].subtreeSize }
                return upcoming
            }
        }
    }

    /// Builds a tree front to back: a container is opened, its children added, then it is closed.
    public struct Builder {
        private var nodes: [MarkdownNode] = []
        private var open: [Int] = []

        /// A builder with room for `capacity` nodes.
        public init(capacity: Int) {
            nodes.reserveCapacity(capacity)
        }

        /// The number of containers opened and not yet closed.
        public var depth: Int { open.count }

        /// The range of the innermost open container.
        public var innermostRange: SourceRange? { open.last.map { nodes[$0].range } ?? nil }

        /// Adds a node without children to the innermost open container.
        public mutating func append(_ kind: MarkdownNode.Kind, range: SourceRange? = nil) {
            nodes.append(MarkdownNode(kind, range: range))
        }

        /// Adds a container whose children follow until `close`.
        public mutating func open(_ kind: MarkdownNode.Kind, range: SourceRange? = nil) {
            open.append(nodes.count)
            nodes.append(MarkdownNode(kind, range: range))
        }

        /// Closes the innermost open container.
        public mutating func close() {
            guard let start = open.popLast() else { return }
            nodes[start].subtreeSize = nodes.count - start
        }

        /// The tree: containers still open are closed. Without a root it is an empty document.
        public mutating func finish() -> MarkdownTree {
            while !open.isEmpty { close() }
            var tree = MarkdownTree()
            // A single root holding everything; a builder that added nothing makes an empty document.
            if let first = nodes.first, first.subtreeSize == nodes.count { tree.nodes = nodes }
            return tree
        }
    }
}
