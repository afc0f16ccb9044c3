import DocgenCore
import DocgenMarkdown
import Testing

@Suite("Front matter")
struct FrontMatterTests {
    @Test("reads the known fields and keeps the body's line numbers")
    func fields() {
        let text = "---\ntitle: Saga jobs\ndescription: How to run on Saga\nweight: 20\ndraft: false\naliases: [old/saga.md]\n---\n\n## Memory\n"
        let (document, diagnostics) = MarkdownParser.parse(text, file: "content/saga.md")
        #expect(diagnostics.isEmpty)
        #expect(document.frontMatter == FrontMatter(title: "Saga jobs", description: "How to run on Saga", weight: 20, draft: false, aliases: ["old/saga.md"]))
        let heading = document.tree.firstChild(of: MarkdownTree.root).map { document.tree[$0] }
        #expect(heading?.range?.startLine == 9)
    }

    @Test("problems are diagnostics with file positions", arguments: [
        ("---\ntitle: [unclosed\n---\nbody", "frontmatter.invalid-yaml", 2),
        ("---\n- a\n- b\n---\nbody", "frontmatter.not-mapping", 2),
        ("---\ntitle: ok\nweigth: 3\n---\n", "frontmatter.unknown-key", 3),
        ("---\nweight: heavy\n---\n", "frontmatter.wrong-type", 2),
        ("---\ndraft: maybe\n---\n", "frontmatter.wrong-type", 2),
        ("---\ndescription: The #SBATCH options\n---\n", "frontmatter.comment-in-value", 2),
    ])
    func problems(text: String, id: String, line: Int) {
        let (_, diagnostics) = MarkdownParser.parse(text, file: "page.md")
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.location.line == line)
        #expect(diagnostics.first?.location.file == "page.md")
    }

    @Test("CRLF files are read like LF files")
    func crlf() {
        let (document, diagnostics) = MarkdownParser.parse("---\r\ntitle: Windows\r\nweight: 5\r\n---\r\n\r\n## Part\r\n", file: "p.md")
        #expect(diagnostics.isEmpty)
        #expect(document.frontMatter.title == "Windows")
        #expect(document.frontMatter.weight == 5)
        #expect(document.tree.firstChild(of: MarkdownTree.root).flatMap { document.tree[$0].range }?.startLine == 6)
    }

    @Test("an unknown key gets a suggestion")
    func suggestion() {
        let (_, diagnostics) = MarkdownParser.parse("---\ntitel: x\n---\n", file: "p.md")
        #expect(diagnostics.first?.message.contains("did you mean 'title'?") == true)
    }

    @Test("no front matter, a byte-order mark, and an unclosed fence are all fine", arguments: [
        "# Just a page\n", "\u{FEFF}---\ntitle: BOM\n---\ntext\n", "---\n\nA thematic break, not front matter.\n",
    ])
    func edges(text: String) {
        let (_, diagnostics) = MarkdownParser.parse(text, file: "p.md")
        #expect(diagnostics.isEmpty)
    }
}
