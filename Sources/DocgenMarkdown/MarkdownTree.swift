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
    /// The UTF-8 of every text and inline-code node, one after another; those nodes hold their span
    /// of it. A string per text node was an allocation per node when copying a page out of cmark-gfm,
    /// a release when freeing it, and a retain and release wherever a walk read one.
    public private(set) var text: [UInt8] = []

    /// A text or inline-code node's stretch of `text`.
    public struct Span: Hashable, Sendable {
        /// The offset of its first byte.
        public var start: Int
        /// Its length in bytes.
        public var count: Int
    }

    /// The index of the document node.
    public static let root = 0

    /// An empty document.
    public init() {
        nodes = [MarkdownNode(.document)]
    }

    /// A tree whose root is a `kind` node, with the children `build` adds to it.
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
        withView { $0.plainText(of: index) }
    }

    /// The text of `span`.
    public func string(_ span: Span) -> String {
        withView { $0.string(span) }
    }

    /// Calls `body` with a view that reads the nodes and their text in place.
    public func withView<Result>(_ body: (View) throws -> Result) rethrows -> Result {
        try nodes.withUnsafeBufferPointer { nodes in
            try text.withUnsafeBufferPointer { text in
                // A tree always holds its root, so the nodes have storage.
                try body(View(base: nodes.baseAddress!, count: nodes.count, text: text.baseAddress))
            }
        }
    }

    /// The nodes and text of a tree, read in place for as long as `withView` runs. A node is read
    /// through a pointer: an array's or buffer's subscript copies the whole node out, retaining
    /// everything it holds.
    public struct View {
        /// What a line break reads as.
        private static let space: StaticString = " "
        private let base: UnsafePointer<MarkdownNode>
        /// The number of nodes.
        public let count: Int
        private let text: UnsafePointer<UInt8>?

        init(base: UnsafePointer<MarkdownNode>, count: Int, text: UnsafePointer<UInt8>?) {
            self.base = base
            self.count = count
            self.text = text
        }

        /// The node at `index`.
        public subscript(index: Int) -> MarkdownNode {
            unsafeAddress { base + index }
        }

        /// The bytes of `span`.
        public func bytes(_ span: Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: text.map { $0 + span.start }, count: span.count)
        }

        /// The text of `span`.
        public func string(_ span: Span) -> String {
            String(decoding: bytes(span), as: UTF8.self)
        }

        /// The text a reader sees in the node at `index` and its descendants, without markup.
        public func plainText(of index: Int) -> String {
            // Measured first, then copied straight into the string: one allocation (none for a short
            // text) instead of a byte list and then the string.
            var length = 0
            forEachPlainTextPiece(of: index) { length += $0.count }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var written = 0
                forEachPlainTextPiece(of: index) { piece in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: piece)
                    written += piece.count
                }
                return written
            }
        }

        /// Calls `body` with the UTF-8 of each piece of `plainText(of:)`, in order: text and inline
        /// code as written, a line break as a space; footnote references and raw HTML add nothing.
        /// The pieces are leaves, so the subtree is read front to back without following its structure.
        public func forEachPlainTextPiece(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            let end = index + self[index].subtreeSize
            var current = index
            while current < end {
                switch self[current].kind {
                case .text(let span), .code(let span):
                    body(bytes(span))
                case .softBreak, .lineBreak:
                    Self.space.withUTF8Buffer { body($0) }
                default:
                    break
                }
                current += 1
            }
        }

        /// Calls `body` with the index of every node that is not inside inline content (paragraphs,
        /// headings, table cells and the like are visited, their contents are not), in document
        /// order. Passes that look only at blocks (alerts, heading ids, unclosed fences) skip most
        /// of a page's nodes.
        public func forEachBlock(_ body: (Int) throws -> Void) rethrows {
            var index = 0
            while index < count {
                try body(index)
                index += self[index].kind.canContainBlocks ? 1 : self[index].subtreeSize
            }
        }
    }

    /// Removes the node at `index` with its descendants (not the root).
    public mutating func removeSubtree(at index: Int) {
        removeSubtrees(at: [index])
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
            // Between and after the removals, a kept node whose subtree reaches past the next removal holds some.
            for (position, range) in removals.enumerated() {
                let next = position + 1 < removals.count ? removals[position + 1].lowerBound : count
                for index in range.upperBound..<next {
                    let end = index + buffer[index].subtreeSize
                    if end > next { buffer[index].subtreeSize -= removed(before: end) - removed(before: index) }
                }
            }
        }
        if removals.count == 1 {
            // One stretch (a page's title, most often): the array moves the rest down in one go.
            nodes.removeSubrange(first)
            return
        }
        nodes.withUnsafeMutableBufferPointer { buffer in
            // Kept nodes move forward over removed ones, which gather at the end.
            var kept = first.lowerBound
            for (position, range) in removals.enumerated() {
                let next = position + 1 < removals.count ? removals[position + 1].lowerBound : count
                for index in range.upperBound..<next {
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
        private var text: [UInt8] = []
        private var open: [Int] = []

        /// A builder with room for `capacity` nodes and `textCapacity` bytes of text.
        public init(capacity: Int, textCapacity: Int = 0) {
            nodes.reserveCapacity(capacity)
            text.reserveCapacity(textCapacity)
        }

        /// The number of containers opened and not yet closed.
        public var depth: Int { open.count }

        /// The range of the innermost open container.
        public var innermostRange: SourceRange? { open.last.map { nodes[$0].range } ?? nil }

        /// Adds a node without children to the innermost open container.
        public mutating func append(_ kind: MarkdownNode.Kind, range: SourceRange? = nil) {
            nodes.append(MarkdownNode(kind, range: range))
        }

        /// Adds a text node (inline code when `isCode`) holding the UTF-8 `bytes`.
        public mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, isCode: Bool = false, range: SourceRange? = nil) {
            let span = Span(start: text.count, count: bytes.count)
            text.append(contentsOf: bytes)
            nodes.append(MarkdownNode(isCode ? .code(span) : .text(span), range: range))
        }

        /// Adds a text node (inline code when `isCode`) holding `string`.
        public mutating func appendText(_ string: String, isCode: Bool = false, range: SourceRange? = nil) {
            var string = string
            string.withUTF8 { appendText($0, isCode: isCode, range: range) }
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
            if let first = nodes.first, first.subtreeSize == nodes.count {
                tree.nodes = nodes
                tree.text = text
            }
            return tree
        }
    }
}
