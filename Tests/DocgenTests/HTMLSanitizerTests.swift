import DocgenCore
import DocgenMarkdown
import DocgenRender
import DocgenSite
import Foundation
import Testing

/// Raw HTML in Markdown is sanitised by default: unit cases for the sanitizer and the renderer, an
/// XSS corpus built into a real site and checked with a real HTML parser, and the `unsafe_html` switch.
@Suite("HTML sanitizer")
struct HTMLSanitizerTests {
    /// One fragment on its own, with whatever it leaves open closed.
    @Test("fragments keep allowed markup and lose everything else", arguments: [
        // Allowed elements and attributes survive, rebuilt with double quotes and lowercase names.
        ("<b>bold</b>", "<b>bold</b>"),
        ("<B>Bold</B>", "<b>Bold</b>"),
        ("<A HREF=\"/docs\">Docs</A>", "<a href=\"/docs\">Docs</a>"),
        ("<kbd>Ctrl</kbd>+<kbd>C</kbd>", "<kbd>Ctrl</kbd>+<kbd>C</kbd>"),
        ("<p align=center>x</p>", "<p align=\"center\">x</p>"),
        ("<td colspan=2 rowspan='3'>c</td>", "<td colspan=\"2\" rowspan=\"3\">c</td>"),
        ("<details open><summary>More</summary>body</details>", "<details open=\"\"><summary>More</summary>body</details>"),
        ("<br/><hr class=x />", "<br><hr class=\"x\">"),
        ("<img src=\"cat.png\" alt=\"A cat\" width=20>", "<img src=\"cat.png\" alt=\"A cat\" width=\"20\">"),
        ("<a href='x\"y'>q</a>", "<a href=\"x&quot;y\">q</a>"),
        ("<a href=https://example.org/?a=1&amp;b=2>x</a>", "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>"),
        ("<span aria-label=\"close\" data-x=\"1\">x</span>", "<span aria-label=\"close\">x</span>"),
        ("<a href=\"https://example.org\" href=\"javascript:alert(1)\">x</a>", "<a href=\"https://example.org\">x</a>"),
        // Event handlers, styles and unknown attributes go; the element stays.
        ("<div onclick=\"alert(1)\" class=\"x\">hi</div>", "<div class=\"x\">hi</div>"),
        ("<img src=\"cat.png\" onerror=\"alert(1)\">", "<img src=\"cat.png\">"),
        ("<div style=\"background:url(javascript:alert(1))\" title=\"t\">x</div>", "<div title=\"t\">x</div>"),
        ("<a href=\"x\" target=\"_blank\" rel=\"opener\">x</a>", "<a href=\"x\">x</a>"),
        ("<img src=x onerror&#x3d;alert(1)>", "<img src=\"x\">"),
        ("<div/onclick=alert(1)>slash</div>", "<div>slash</div>"),
        ("<img/src=x/onerror=alert(1)>", "<img src=\"x/onerror=alert(1)\">"),
        ("<span id=\"docgenSearchIndex\">x</span>", "<span>x</span>"),
        // URLs that could run script lose their attribute, however they are spelt.
        ("<img src=\"javascript:alert(1)\">", "<img>"),
        ("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"jav\tascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&Tab;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"javascript&#58alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"  javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#1;javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
        ("<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>", "<img>"),
        // data: only for raster images in <img src>.
        ("<img src=\"data:image/png;base64,AAA=\">", "<img src=\"data:image/png;base64,AAA=\">"),
        ("<img src=\"data:image/svg+xml;base64,AAA=\">", "<img>"),
        ("<a href=\"data:image/png;base64,AAA=\">x</a>", "<a>x</a>"),
        ("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>"),
        // Script-like elements go with their content.
        ("<script>alert(1)</script>after", "after"),
        ("<SCRIPT>alert(1)</SCRIPT >x", "x"),
        ("<script>document.write(\"</scr\" + \"ipt>\")</script>ok", "ok"),
        ("<style>body{display:none}</style>text", "text"),
        ("<iframe src=\"https://example.org\"></iframe>after", "after"),
        ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>after", "after"),
        ("<svg><circle onload=\"x\"/></svg>after", "after"),
        ("<svg><svg></svg><script>alert(1)</script></svg>after", "after"),
        ("<math><mi>x</mi></math>y", "y"),
        ("<title>x</title>y", "y"),
        ("<template><img src=x onerror=alert(1)></template>t", "t"),
        ("<plaintext>everything after", ""),
        ("<script>never closed", ""),
        // Other disallowed tags go, their text stays.
        ("<form action=\"javascript:alert(1)\"><input name=x>text</form>", "text"),
        ("<button formaction=\"javascript:alert(1)\">go</button>", "go"),
        ("<a xlink:href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<base href=\"javascript:alert(1)//\"><meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">m", "m"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<img src=\"x\">\"&gt;"),
        // Comments, CDATA, doctypes and processing instructions disappear.
        ("<!-- comment <script> -->text", "text"),
        ("<!--> abrupt", " abrupt"),
        ("<!--<img src=\"--><img src=x onerror=alert(1)//\">", "<img src=\"x\">"),
        ("<![CDATA[x]]>", ""),
        ("<!DOCTYPE html>text", "text"),
        ("<?php echo 1 ?>text", "text"),
        ("<!-- never closed <script>", ""),
        // Stray and malformed markup becomes text.
        ("a < b > c", "a &lt; b &gt; c"),
        ("x & y &amp; &lt;", "x & y &amp; &lt;"),
        ("<div", "&lt;div"),
        ("<a href=\"x", "&lt;a href=\"x"),
        ("</", "&lt;/"),
        ("</>x", "x"),
        ("< /div>", "&lt; /div&gt;"),
        // Elements are balanced: stray end tags go, misnested ones are closed in order, open ones at the end.
        ("</div>stray", "stray"),
        ("<span>open", "<span>open</span>"),
        ("<b><i>x</b></i>", "<b><i>x</i></b>"),
        ("</p></div></main><p>x", "<p>x</p>"),
    ])
    func fragment(input: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(input) == expected)
    }

    /// Markdown and raw HTML together, through the default renderer.
    @Test("pages sanitise raw HTML across inline nodes and blocks", arguments: [
        // `<script>` and `</script>` are separate inline nodes: the text between them goes too.
        ("a <script>alert(1)</script> b", "<p>a  b</p>\n"),
        ("a <script>alert(*1*) [x](y)</script> b", "<p>a  b</p>\n"),
        // An unclosed inline `<script>` ends with its paragraph.
        ("a <script>alert(1) *b*\n\nnext", "<p>a </p>\n<p>next</p>\n"),
        ("<span onclick=\"x\">a</span> b", "<p><span>a</span> b</p>\n"),
        // Raw elements opened in a paragraph are closed in it; stray end tags are dropped.
        ("a <span>b\n\nc</span> d", "<p>a <span>b</span></p>\n<p>c d</p>\n"),
        ("<details>\n<summary>S</summary>\n\nBody\n\n</details>", "<details>\n<summary>S</summary>\n<p>Body</p>\n</details>\n"),
        ("</div></div>text", "text\n"),
        // A raw element left open inside a quote is closed before the quote ends.
        ("> <div class=\"x\">\n>\n> x", "<blockquote>\n<div class=\"x\">\n<p>x</p>\n</div></blockquote>\n"),
        ("> [!NOTE]\n> <script>alert(1)</script> hi", "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n hi\n</div>\n"),
        // Markdown links go through the same URL checks, however the scheme is spelt.
        ("[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](<jav&#x09;ascript:alert(1)>)", "<p><a href=\"\">x</a></p>\n"),
        ("[x](&#1;javascript:alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](javascript&colon;alert(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](vbscript:msgbox(1))", "<p><a href=\"\">x</a></p>\n"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p><a href=\"\">x</a></p>\n"),
        ("<javascript:alert(1)>", "<p><a href=\"\">javascript:alert(1)</a></p>\n"),
        ("[a][r]\n\n[r]: JAVASCRIPT:alert(1)", "<p><a href=\"\">a</a></p>\n"),
        ("![x](data:image/svg+xml;base64,AA)", "<p><img src=\"\" alt=\"x\" loading=\"lazy\"></p>\n"),
        ("![x](data:image/png;base64,AA)", "<p><img src=\"data:image/png;base64,AA\" alt=\"x\" loading=\"lazy\"></p>\n"),
        ("[t](https://example.org \"\\\" onmouseover=\\\"alert(1)\")", "<p><a href=\"https://example.org\" title=\"&quot; onmouseover=&quot;alert(1)\" class=\"external\" rel=\"noopener\">t</a></p>\n"),
        ("```\"><script>x</script>\ncode\n```", "<div class=\"codeblock\" data-lang=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"><pre><code class=\"language-&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">code\n</code></pre></div>\n"),
    ])
    func markdown(input: String, expected: String) {
        #expect(TestSupport.html(input) == expected)
    }

    @Test("every corpus payload comes out with only allowed tags and attributes")
    func corpusFragments() throws {
        let payloads = try Self.payloads()
        #expect(payloads.count >= 40)
        let tagPattern = /<([a-z0-9]+)((?: [a-z-]+="[^"]*")*)>|<\/([a-z0-9]+)>/
        let attributePattern = /\s([a-z-]+)="([^"]*)"/
        for payload in payloads {
            let output = HTMLSanitizer.sanitize(payload)
            // Text never keeps a raw "<", so every "<" left starts a tag the sanitizer wrote.
            var rest = Substring(output)
            while let open = rest.firstIndex(of: "<") {
                rest = rest[open...]
                guard let match = rest.prefixMatch(of: tagPattern) else {
                    Issue.record("\(payload) gave a malformed tag: \(output)")
                    break
                }
                let name = String(match.output.1 ?? match.output.3 ?? "")
                #expect(["a", "img", "div", "span", "p", "details", "table", "tr", "td", "tbody", "picture", "source"].contains(name),
                        "\(payload) kept <\(name)>: \(output)")
                for attribute in String(match.output.2 ?? "").matches(of: attributePattern) {
                    let (name, value) = (String(attribute.output.1), String(attribute.output.2))
                    // The scheme as a browser reads it: controls and spaces trimmed, tabs and newlines ignored.
                    let scheme = value.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init).map(String.init).joined().lowercased()
                    #expect(!name.hasPrefix("on") && name != "style" && !scheme.hasPrefix("javascript:") && !scheme.hasPrefix("vbscript:")
                            && (!scheme.hasPrefix("data:") || scheme.hasPrefix("data:image/png")),
                            "\(payload) kept a dangerous attribute: \(output)")
                }
                rest = rest[match.range.upperBound...]
            }
        }
    }

    @Test("the XSS corpus built into a site leaves nothing hostile for an HTML5 parser")
    func corpusSite() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "/usr/bin/python3 is missing")
        let project = try TestSupport.copyFixture("xss-site")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        // Each payload as an HTML block and inline in a sentence, and in a heading.
        var corpus = "---\ntitle: Corpus\n---\n\n"
        for (number, payload) in try Self.payloads().enumerated() {
            corpus += "\(payload)\n\nPayload \(number) inline: \(payload) and after.\n\n## Heading \(number) \(payload)\n\n"
        }
        try corpus.write(to: project.appendingPathComponent("content/guide/corpus.md"), atomically: true, encoding: .utf8)
        let site = project.appendingPathComponent("site")
        let build = try ProcessOutput.docgen(["build", project.path, "--output", site.path])
        try #require(build.status == 0, "\(build.stderr)")

        let (status, report) = try ProcessOutput.python([ProcessOutput.browserScript("xss_check.py"), site.path])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" passed, 0 failed"), "\(report)")
        #expect(!report.contains("escaped marker as text: 0\n"), "the marker should show as text somewhere: \(report)")
    }

    @Test("unsafe_html: true in docgen.yml keeps raw HTML as written (tagfilter only)")
    func unsafeSwitch() throws {
        let (config, diagnostics) = try SiteConfig.parse("unsafe_html: true\n", file: "docgen.yml")
        #expect(config.unsafeHTML)
        #expect(diagnostics.isEmpty)
        #expect(try SiteConfig.parse("title: x\n", file: "docgen.yml").0.unsafeHTML == false)
        let root = CmarkParser.parse("<div onclick=\"toggle()\">harmless</div>\n\n<script>x()</script>")
        let unsafe = HTMLRenderer(allowsUnsafeHTML: config.unsafeHTML).render(root)
        #expect(unsafe.contains("<div onclick=\"toggle()\">harmless</div>"))
        #expect(unsafe.contains("&lt;script>x()&lt;/script>"), "the tagfilter still applies")
        let safe = HTMLRenderer().render(root)
        #expect(safe.hasPrefix("<div>harmless</div>\n"))
        #expect(!safe.contains("script") && !safe.contains("onclick"))
    }

    @Test("unsafe_html must be true or false")
    func unsafeWrongType() {
        let error = #expect(throws: DocgenError.self) {
            try SiteConfig.parse("unsafe_html: maybe\n", file: "docgen.yml")
        }
        #expect(error?.id == "config.wrong-type")
        #expect(error?.location?.line == 1)
    }

    @Test("a site with unsafe_html: true keeps a harmless <div onclick> through docgen build")
    func unsafeSite() throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: project.appendingPathComponent("content"), withIntermediateDirectories: true)
        try "unsafe_html: true\n".write(to: project.appendingPathComponent("docgen.yml"), atomically: true, encoding: .utf8)
        try "# Home\n\n<div onclick=\"toggle()\">harmless</div>\n".write(
            to: project.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        let build = try ProcessOutput.docgen(["build", project.path])
        try #require(build.status == 0, "\(build.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("<div onclick=\"toggle()\">harmless</div>"))
    }

    /// The corpus lines of `Fixtures/xss/payloads.txt` (blank lines and `#` comments skipped).
    static func payloads() throws -> [String] {
        let text = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("xss/payloads.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
