@testable import DocgenMarkdown
import Testing

@Suite("The flat Markdown tree")
struct MarkdownTreeTests {
    static let pages: [String] = [
        "# Title\n\nA paragraph with *emphasis*, **strong `code`** and a [link](saga.md).\n",
        "- one\n- two\n  - nested *deep*\n  - more\n\n1. first\n2. second\n",
        "> [!NOTE]\n> Quoted **text**\n>\n> > inner quote\n\n| a | b |\n|---|---|\n| 1 | *2* |\n| 3 | 4 |\n",
        "Text with a footnote[^1].\n\n[^1]: The note, with `code`.\n\n```bash\necho hi\n```\n",
        "",
        String(repeating: "> ", count: 120) + "too deep\n",
    ]

    /// Every node's children, each skipping its own subtree, end exactly where the node's subtree ends.
    static func checkShape(_ tree: MarkdownTree, _ label: String) {
        #expect(tree[MarkdownTree.root].subtreeSize == tree.count, "\(label): the root holds every node")
        for index in 0..<tree.count {
            var end = index + 1
            for child in tree.children(of: index) {
                #expect(child == end, "\(label): node \(index)'s children follow one another")
                end = child + tree[child].subtreeSize
            }
            #expect(end == index + tree[index].subtreeSize, "\(label): node \(index)'s children fill its subtree")
        }
    }

    @Test("parsed pages have well-formed subtrees", arguments: pages)
    func parsedShape(page: String) {
        Self.checkShape(CmarkParser.parse(page), page)
    }

    @Test("removing any subtree leaves a well-formed tree without exactly those nodes", arguments: pages)
    func removeEverySubtree(page: String) {
        let tree = CmarkParser.parse(page)
        for index in 1..<tree.count {
            var changed = tree
            changed.removeSubtree(at: index)
            let size = tree[index].subtreeSize
            Self.checkShape(changed, "\(page) without node \(index)")
            let expected = Array(tree.nodes[..<index].map(\.kind)) + Array(tree.nodes[(index + size)...].map(\.kind))
            #expect(changed.nodes.map(\.kind) == expected)
        }
    }

    @Test("removing several subtrees at once, nested ones included, equals removing them one by one", arguments: pages)
    func removeSeveral(page: String) {
        let tree = CmarkParser.parse(page)
        guard tree.count > 2 else { return }
        // Every third node, then every node: later ones are often inside earlier ones.
        for step in [3, 1] {
            let indices = Array(stride(from: 1, to: tree.count, by: step))
            var together = tree
            together.removeSubtrees(at: indices)
            var oneByOne = tree
            // Descending and skipping nodes inside an already removed subtree, so indices stay valid.
            var gone = Set<Int>()
            for index in indices where !gone.contains(index) {
                for member in index..<(index + tree[index].subtreeSize) { gone.insert(member) }
            }
            let outermost = indices.filter { index in !indices.contains { $0 < index && index < $0 + tree[$0].subtreeSize } }
            for index in outermost.reversed() { oneByOne.removeSubtree(at: index) }
            Self.checkShape(together, "\(page) every \(step)")
            #expect(together == oneByOne, "\(page) every \(step)")
            #expect(together.count == tree.count - gone.count)
        }
    }

    @Test("the block walk visits blocks and inline containers but nothing inside those")
    func blockWalk() {
        let tree = CmarkParser.parse("# T *x*\n\n> - a **b**\n>\n>   ```\n>   code\n>   ```\n\n| h |\n|---|\n| c |\n")
        var visited: [MarkdownNode.Kind] = []
        tree.withView { nodes in
            nodes.forEachBlock { visited.append(nodes[$0].kind) }
        }
        #expect(visited == [
            .document, .heading(level: 1, id: ""), .blockQuote, .list(ordered: false, start: 0, tight: false), .item(task: nil),
            .paragraph, .codeBlock(info: "", literal: "code\n", fenced: true), .table(alignments: [.none]),
        ])
    }

    @Test("the builder closes what is left open and makes an empty document from nothing")
    func builder() {
        var builder = MarkdownTree.Builder(capacity: 4)
        builder.open(.document)
        builder.open(.paragraph)
        builder.appendText("open")
        let tree = builder.finish()
        #expect(tree.nodes.map(\.subtreeSize) == [3, 2, 1])

        var empty = MarkdownTree.Builder(capacity: 0)
        #expect(empty.finish() == MarkdownTree())

        let made = MarkdownTree { builder in
            builder.open(.paragraph)
            builder.appendText("a")
            builder.close()
            builder.append(.thematicBreak)
        }
        #expect(made.nodes.map(\.kind) == [.document, .paragraph, .text(MarkdownTree.Span(start: 0, count: 1)), .thematicBreak])
        #expect(made.text == Array("a".utf8))
        #expect(tree.string(MarkdownTree.Span(start: 0, count: 4)) == "open")
        #expect(Array(made.children(of: MarkdownTree.root)) == [1, 3])
        #expect(made.children(of: MarkdownTree.root).count == 2)
    }

    @Test("plain text reads text and code, a line break as a space, and leaves out raw HTML and footnote references")
    func plainText() {
        let tree = CmarkParser.parse("Run *`sbatch`\nnow*<br> it[^n].\n\n[^n]: x\n")
        guard let paragraph = tree.firstChild(of: MarkdownTree.root) else {
            Issue.record("no paragraph")
            return
        }
        #expect(tree.plainText(of: paragraph) == "Run sbatch now it.")
        // Text keeps its bytes as cmark-gfm gives them: entities decoded, multi-byte characters whole.
        let other = CmarkParser.parse("Ærlig &amp; `kode` på Tromsø &#x1F600;\n")
        #expect(other.plainText(of: 1) == "Ærlig & kode på Tromsø \u{1F600}")
    }

    @Test("an alert loses its marker line, and its first paragraph when nothing else is in it")
    func alerts() {
        var tree = CmarkParser.parse("> [!WARNING]\n> Mind the quota.\n\n> [!TIP]\n\n> [!NOTE] not alone\n")
        AlertTransform.apply(&tree)
        Self.checkShape(tree, "alerts")
        let blocks = tree.children(of: MarkdownTree.root).map { tree[$0].kind }
        #expect(blocks == [.alert(.warning), .alert(.tip), .blockQuote])
        let warning = tree.firstChild(of: MarkdownTree.root) ?? 0
        #expect(tree.plainText(of: warning) == "Mind the quota.")
        #expect(tree[tree.children(of: MarkdownTree.root).map { $0 }[1]].subtreeSize == 1, "the tip had only its marker")
    }
}
