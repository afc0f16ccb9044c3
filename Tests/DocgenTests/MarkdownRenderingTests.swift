import Foundation
@testable import DocgenMarkdown
import DocgenRender
import Testing

@Suite("Markdown to HTML")
struct MarkdownRenderingTests {
    @Test("renders GFM and docgen's additions", arguments: [
        ("Hello *world*", "<p>Hello <em>world</em></p>\n"),
        ("~~gone~~", "<p><del>gone</del></p>\n"),
        ("Visit www.example.com now", "<p>Visit <a href=\"http://www.example.com\" class=\"external\" rel=\"noopener\">www.example.com</a> now</p>\n"),
        ("- [x] done\n- [ ] todo", "<ul class=\"task-list\">\n<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked aria-label=\"done\"> done</li>\n<li class=\"task-list-item\"><input type=\"checkbox\" disabled aria-label=\"to do\"> todo</li>\n</ul>\n"),
        ("## Getting started", "<h2 id=\"getting-started\">Getting started<a class=\"heading-anchor\" href=\"#getting-started\" aria-label=\"Permalink to this section\">#</a></h2>\n"),
        ("`a < b`", "<p><code>a &lt; b</code></p>\n"),
        ("```bash {verify=sbatch cluster=saga}\n#!/bin/bash\n```", "<div class=\"codeblock\" data-lang=\"bash\"><pre><code class=\"language-bash\"><span class=\"hl-meta\">#!/bin/bash</span>\n</code></pre></div>\n"),
        ("<script>alert(1)</script>", "\n"),
        ("[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("3. three\n4. four", "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n"),
        ("![A *cat*](cat.png \"Tom\")", "<p><img src=\"cat.png\" alt=\"A cat\" title=\"Tom\" loading=\"lazy\"></p>\n"),
    ])
    func renders(markdown: String, expected: String) {
        #expect(TestSupport.html(markdown) == expected)
    }

    @Test("tables keep alignment and scroll on narrow screens")
    func table() {
        let html = TestSupport.html("| Partition | Max time |\n|:--|--:|\n| normal | 7-00:00:00 |")
        #expect(html.hasPrefix("<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n<th style=\"text-align: left\">Partition</th>"))
        #expect(html.contains("<td style=\"text-align: right\">7-00:00:00</td>"))
        #expect(html.contains("<tbody>"))
    }

    @Test("consecutive code blocks with tab= become one set of tabs; a lone one stays a block")
    func tabs() {
        let html = TestSupport.html("```bash {tab=\"Saga\"}\necho saga\n```\n\n```bash {tab=\"LUMI\"}\necho lumi\n```\n\nText between.\n\n```bash {tab=\"Alone\"}\necho alone\n```\n")
        #expect(html.hasPrefix("<div class=\"tabs\" data-tab-set=\"Saga|LUMI\">\n<div class=\"tab-list\" role=\"tablist\" hidden>"))
        #expect(html.contains("<button type=\"button\" role=\"tab\" id=\"tab-1-1\" aria-controls=\"tabpanel-1-1\" aria-selected=\"false\" tabindex=\"-1\" data-tab=\"LUMI\">LUMI</button>"))
        #expect(html.contains("<div class=\"tab-panel\" role=\"tabpanel\" id=\"tabpanel-1-0\" aria-labelledby=\"tab-1-0\" data-tab=\"Saga\">"))
        #expect(html.components(separatedBy: "class=\"tabs\"").count == 2, "the lone tab block is not a set")
        #expect(html.contains("<span class=\"hl-builtin\">echo</span> alone"))
    }

    @Test("footnotes are numbered in reference order and link both ways")
    func footnotes() throws {
        let html = TestSupport.html("First[^b] then[^a].\n\n[^a]: Alpha.\n[^b]: Beta.")
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-b\" id=\"fnref-b\" role=\"doc-noteref\">1</a></sup>"))
        #expect(html.contains("<a href=\"#fn-a\" id=\"fnref-a\" role=\"doc-noteref\">2</a>"))
        let section = html.components(separatedBy: "<section class=\"footnotes\"").last ?? ""
        let b = try #require(section.range(of: "fn-b")), a = try #require(section.range(of: "fn-a"))
        #expect(b.lowerBound < a.lowerBound)
        #expect(html.contains("href=\"#fnref-a\" class=\"footnote-backref\""))
    }

    @Test("GitHub alerts become callouts", arguments: AlertKind.allCases)
    func alerts(kind: AlertKind) {
        let html = TestSupport.html("> [!\(kind.rawValue.uppercased())]\n> Mind the *quota*.")
        #expect(html == "<div class=\"callout callout-\(kind.rawValue)\" role=\"note\">\n<p class=\"callout-title\">\(kind.title)</p>\n<p>Mind the <em>quota</em>.</p>\n</div>\n")
    }

    @Test("a marker that is not alone on its line stays a quote", arguments: ["> [!NOTE] inline text", "> [!NOPE]\n> text", "> plain quote"])
    func notAlerts(markdown: String) {
        #expect(TestSupport.html(markdown).hasPrefix("<blockquote>"))
    }

    @Test("tagfilter disarms only the dangerous tags", arguments: [
        ("<div>ok</div>", "<div>ok</div>"),
        ("<iframe src=x></iframe>", "&lt;iframe src=x>&lt;/iframe>"),
        ("<STYLE>x</STYLE>", "&lt;STYLE>x&lt;/STYLE>"),
        ("<titles>", "<titles>"),
        ("<textarea/>", "&lt;textarea/>"),
    ])
    func tagFilter(input: String, expected: String) {
        #expect(TagFilter.filter(input) == expected)
    }

    /// The alert marker is trimmed as Foundation trims whitespace, spaces of every kind included.
    @Test("alert markers are trimmed as trimmingCharacters(in: .whitespaces) trims", arguments: [
        "", " ", "[!NOTE]", "  [!NOTE]\t", "\u{00A0}[!TIP]\u{3000}", "\u{2003}x\u{2003}y\u{2003}", "\n[!NOTE]\n", "é ", " \u{1F600} ",
        "\u{0B}[!NOTE]\u{0C}", "\r x \r", "\u{85}x\u{85}", "\u{1680}x\u{202F}",
    ])
    func alertTrim(text: String) {
        #expect(AlertTransform.trimmedOfSpaces(text) == text.trimmingCharacters(in: .whitespaces))
    }

    /// Every ASCII character around a marker is trimmed exactly when Foundation takes it for whitespace.
    @Test("every ASCII character is trimmed as trimmingCharacters(in: .whitespaces) trims it")
    func alertTrimASCII() {
        for value in UInt8(0)..<0x80 {
            let character = Character(Unicode.Scalar(value))
            let text = "\(character)[!NOTE]\(character)"
            #expect(AlertTransform.trimmedOfSpaces(text) == text.trimmingCharacters(in: .whitespaces), "byte \(value)")
        }
    }

    /// Links are pointed at the generated pages while rendering; the tree keeps what the author wrote.
    @Test("link and image destinations are replaced from the map, others are left as written")
    func destinations() {
        let root = CmarkParser.parse("See [Saga](saga.md#memory), [LUMI](lumi.md) and ![plot](plot.png \"Plot\").\n\n[out](https://example.org)")
        var codeBlocks = CodeBlockMemo()
        let html = HTMLRenderer().render(
            root, codeBlocks: &codeBlocks, destinations: ["saga.md#memory": "saga.html#memory", "plot.png": "img/plot.png"])
        #expect(html.contains("<a href=\"saga.html#memory\">Saga</a>"))
        #expect(html.contains("<a href=\"lumi.md\">LUMI</a>"))
        #expect(html.contains("<img src=\"img/plot.png\" alt=\"plot\" title=\"Plot\""))
        #expect(html.contains("<a href=\"https://example.org\" class=\"external\" rel=\"noopener\">out</a>"))
        var plain = CodeBlockMemo()
        #expect(HTMLRenderer().render(root, codeBlocks: &plain) == HTMLRenderer().render(root))
    }

    /// Every pass over a page copies nodes; a big payload stored inline in `Kind` (a job template's
    /// five strings were) makes every node of every page that much bigger.
    @Test("a Markdown node stays small to copy")
    func nodeSize() {
        #expect(MemoryLayout<MarkdownNode.Kind>.size <= 40, "\(MemoryLayout<MarkdownNode.Kind>.size)")
        #expect(MemoryLayout<MarkdownNode>.stride <= 96, "\(MemoryLayout<MarkdownNode>.stride)")
    }
}
