import DocgenCore
import DocgenMarkdown
import DocgenRender
@testable import DocgenSite
import Foundation
import Testing

@Suite("Page template values")
struct PageTemplateValuesTests {
    /// The guide of the sidebar tests, with headings on the Saga page: an h3 before the first h2, then h2s with and without h3s.
    static func site(config: SiteConfig = SiteConfig()) -> SiteContext {
        var pages = SidebarRendererTests.pages()
        let headings: [(Int, String)] = [(3, "Before"), (2, "Submit"), (3, "Queues"), (3, "Limits"), (2, "Cancel"), (4, "Deep")]
        pages[3].headings = headings.enumerated().map { offset, heading in
            Page.Heading(level: heading.0, title: heading.1, id: heading.1.lowercased(), location: SourceLocation(file: "saga.md", line: offset + 1, column: 1))
        }
        pages[3].frontMatter = FrontMatter(description: "Jobs <on> Saga")
        return SiteContext(config: config, navigation: NavigationTree(pages: pages), pages: pages, generator: "docgen test", hasPrintPage: false)
    }

    /// A theme whose extra template `probe` is `text`.
    static func theme(probe text: String) throws -> Theme {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try text.write(to: templates.appendingPathComponent("probe.mustache"), atomically: true, encoding: .utf8)
        return try Theme.load(overrideDirectory: folder, displayRoot: folder)
    }

    @Test("the table of contents nests h3s under h2s; a nested entry's lookups fall through to its h2")
    func tableOfContents() throws {
        let theme = try Self.theme(probe: "{{#page.toc}}[{{title}}{{#hasChildren}}:{{/hasChildren}}{{#children}} {{title}}/{{id}}/{{hasChildren}}{{/children}}]{{/page.toc}}")
        let html = try theme.render("probe", context: Self.site().context(forPage: 3, body: ""))
        #expect(html == "[Before][Submit: Queues/queues/true Limits/limits/true][Cancel]")
    }

    @Test("fields absent from a page are absent keys: sections skip them, lookups go on to the outer object")
    func absentFields() throws {
        let theme = try Self.theme(probe: """
            {{^page.breadcrumbs}}no crumbs{{/page.breadcrumbs}}|{{#page.hasBreadcrumbs}}crumbs{{/page.hasBreadcrumbs}}|\
            {{#page.description}}{{page.description}}{{/page.description}}|{{#page.previous}}{{title}} {{url}} {{root}}{{/page.previous}}|\
            {{site.title}}|{{#site.footer}}footer{{/site.footer}}|{{#page.next}}{{generator}}{{/page.next}}
            """)
        let site = Self.site()
        #expect(try theme.render("probe", context: site.context(forPage: 0, body: "")) == "no crumbs||||Documentation||docgen test")
        #expect(try theme.render("probe", context: site.context(forPage: 3, body: ""))
            == "|crumbs|Jobs &lt;on&gt; Saga|Betzy betzy.html ../|Documentation||docgen test")
    }

    @Test("transforms see the object as the dictionary templates were given before")
    func transforms() throws {
        let theme = try Self.theme(probe: "{{count(page.toc)}} {{count(page)}} {{count(site)}} {{uppercased(page.title)}} {{#first(page.breadcrumbs)}}{{url}}{{/first(page.breadcrumbs)}}")
        let values = Self.site().context(forPage: 3, body: "")
        // toc, hasTOC, title, content, isHome, sourcePath, hasMeta, description, breadcrumbs, hasBreadcrumbs, previous, next
        #expect(values.page.templateDictionary.count == 12)
        #expect(try theme.render("probe", context: values) == "3 12 3 SAGA ../index.html")
    }

    @Test("the default theme renders the typed values exactly as it renders their dictionaries", arguments: [0, 2, 3, 5])
    func sameAsDictionaries(page: Int) throws {
        var config = SiteConfig()
        config.baseURL = "https://docs.example.org/guide"
        config.footer = "Footer & more"
        let site = Self.site(config: config)
        let theme = try Theme.load(overrideDirectory: nil, displayRoot: URL(fileURLWithPath: "/"))
        let values = site.context(forPage: page, body: "<p>body</p>")
        let typed = try theme.render("page", context: values)
        #expect(typed == (try theme.render("page", context: values.templateDictionary)))
        #expect(typed.contains("<link rel=\"canonical\" href=\"https://docs.example.org/guide/\(site.pages[page].outputPath)\">"))
        let templates = site.templatesContext(home: 0, body: "<p>list</p>")
        #expect(try theme.render("page", context: templates) == (try theme.render("page", context: templates.templateDictionary)))
    }
}
