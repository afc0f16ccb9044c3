import DocgenCore
@testable import DocgenRender
@testable import DocgenSite
import Foundation
import Testing

/// The compiled template renderer prints exactly what swift-mustache prints, and leaves to
/// swift-mustache the templates and values it does not handle.
@Suite("Compiled templates")
struct CompiledTemplateTests {
    /// A typed template object for the tests: a tree with optional, Bool, number and dictionary fields.
    final class Entry: TemplateObject {
        let title: String
        let note: String?
        let isOpen: Bool
        let rank: Int
        let children: [Entry]
        let extra: [String: Any]?

        init(title: String, note: String? = nil, isOpen: Bool = false, rank: Int = 0, children: [Entry] = [], extra: [String: Any]? = nil) {
            self.title = title
            self.note = note
            self.isOpen = isOpen
            self.rank = rank
            self.children = children
            self.extra = extra
        }

        static let templateFields = ["title", "note", "isOpen", "rank", "children", "first", "extra"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "title": .text(title)
            case "note": note.map(TemplateField.text)
            case "isOpen": .flag(isOpen)
            case "rank": .other(rank)
            case "children": .objects(children)
            case "first": children.first.map { .object($0) }
            case "extra": extra.map { .other($0) }
            default: nil
            }
        }

        /// A description of its own: the default one prints a dictionary built anew each time, whose
        /// order is not stable between two dictionaries, so neither engine could be compared on it.
        var description: String { "Entry(\(title))" }
    }

    /// The contexts every differential template is rendered with.
    static let contextNames = ["dictionary", "object", "page", "list"]

    static func context(_ name: String) -> Any {
        let tree = Entry(
            title: "Root & <co>", note: "root note", isOpen: true, rank: 3,
            children: [
                Entry(title: "First \"one\"", isOpen: true, rank: 1, children: [Entry(title: "Leaf 'a'")]),
                Entry(title: "Second", note: "café <é>", extra: ["name": "extra name", "count": 7]),
            ])
        switch name {
        case "object":
            return tree
        case "page":
            return PageTemplateValuesTests.site().context(forPage: 3, body: "<p>Body & \"more\"</p>\n")
        case "list":
            return ["items": [tree, tree.children[0]], "title": "list title"] as [String: Any]
        default:
            return [
                "name": "Ada & <Bob> \"q\" 'x'",
                "title": "dictionary title",
                "empty": "",
                "zero": 0,
                "pi": 2.5,
                "yes": true,
                "no": false,
                "list": [["n": "a"], ["n": "b <b>"], ["m": "no n"]] as [[String: Any]],
                "emptyList": [Any](),
                "strings": ["x", "y<z"],
                "numbers": [1, 2, 3],
                "nested": ["inner": ["deep": "deep value"] as [String: Any], "name": "nested name"] as [String: Any],
                "multi": "line one\nline two\n",
                "unicode": "café ☕ <é> naïve → ok",
                "combining": "<\u{338} &\u{301} \u{600}> plain <",
                "crlf": "a\r\nb",
                "wrapped": Optional("wrapped <value>") as Any,
                "object": tree,
                "stringMap": ["key": "map <value>"],
            ] as [String: Any]
        }
    }

    /// Partials the differential templates include.
    static let partials: [String: String] = [
        "p-plain": "[{{name}}{{title}}]\n",
        "p-lines": "Line one\nLine two {{multi}}\n{{#strings}}\n- {{.}}\n{{/strings}}\n{{#list}}\n{{n}}\n{{/list}}\nEnd",
        "p-outer": "  {{> p-lines}}\nouter after\n\t{{> p-plain}}\n",
        "p-tree": "{{title}}({{#children}}{{> p-tree}}{{/children}})",
        "p-tree-lines": "{{title}}\n{{#children}}\n  {{> p-tree-lines}}\n{{/children}}\n",
        "p-crlf": "one\r\n{{#yes}}\r\ntwo\r\n{{/yes}}\r\nthree\r\n",
        "p-empty": "",
        "p-whitespace": "  \n",
    ]

    /// Templates both engines must render alike, with every context.
    static let templates: [String] = [
        "{{name}}|{{{name}}}|{{&name}}|{{ name }}|{{{ name }}}|{{& name}}",
        "{{missing}}|{{{missing}}}|{{#missing}}x{{/missing}}|{{^missing}}not there{{/missing}}",
        "{{#nested}}{{.}}|{{}}|{{..}}|{{ . }}{{/nested}}",
        "{{#object}}{{.}}|{{}}{{/object}}{{#children}}{{.}},{{/children}}",
        "{{title}} {{note}} {{rank}} {{isOpen}} {{pi}} {{zero}} {{yes}} {{no}}",
        "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}not N{{/no}}{{^yes}}not Y{{/yes}}",
        "{{#empty}}[empty is truthy:{{.}}]{{/empty}}{{^empty}}never{{/empty}}{{#zero}}[zero:{{.}}]{{/zero}}",
        "{{#zero}}{{^emptyList}}none: {{.}}{{/emptyList}}{{#emptyList}}never{{/emptyList}}{{/zero}}|{{#object}}{{^missing}}{{.}}{{/missing}}{{/object}}",
        "{{#list}}{{n}},{{/list}}|{{#list}}{{name}};{{/list}}",
        "{{#strings}}<{{.}}>{{/strings}}{{#numbers}}{{.}}+{{/numbers}}",
        "{{list}}|{{strings}}|{{numbers}}|{{emptyList}}",
        "{{nested.inner.deep}}|{{nested.missing.deep}}|{{nested.name.inner}}|{{name.count}}",
        "{{#nested}}{{inner.deep}}/{{name}}/{{.name}}/{{.title}}/{{title}}{{/nested}}",
        "{{#nested.inner}}{{deep}} {{name}} {{title}}{{/nested.inner}}",
        "{{.name}}|{{.nested.inner.deep}}|{{#nested}}{{#.inner}}{{deep}}{{/.inner}}{{/nested}}",
        "{{unicode}}|{{{unicode}}}|{{combining}}|{{{combining}}}|{{crlf}}",
        "{{wrapped}}|{{#wrapped}}<{{.}}>{{/wrapped}}|{{stringMap.key}}|{{#stringMap}}{{key}}{{/stringMap}}",
        "{{#object}}{{title}}: {{#children}}{{title}}({{rank}}){{#isOpen}}open{{/isOpen}}{{^isOpen}}shut{{/isOpen}}; {{/children}}{{/object}}",
        "{{#object.first}}{{title}}{{#first}}/{{title}}{{/first}}{{/object.first}}|{{object.first.first.title}}|{{object.note}}",
        "{{#children}}{{title}}={{note}}|{{#extra}}{{name}}:{{count}}:{{title}}{{/extra}}{{/children}}",
        "{{#items}}{{title}}:{{#children}}{{title}} {{/children}}{{/items}}|{{items}}",
        "{{#children}}{{#children}}{{title}} in {{note}}{{/children}}{{/children}}",
        "{{#page}}{{title}}|{{#toc}}{{title}}({{id}}){{#hasChildren}}+{{/hasChildren}}{{#children}}[{{title}}]{{/children}} {{/toc}}{{/page}}",
        "{{#page.breadcrumbs}}{{title}}>{{url}} {{/page.breadcrumbs}}{{page.description}}{{site.title}}{{root}}{{{page.content}}}",
        "{{site.description}}|{{page.hasTOC}}|{{page.isHome}}|{{page.hasBreadcrumbs}}",
        // Standalone lines: tags alone on a line vanish with their line; others keep it.
        "a\n  {{#yes}}  \nb\n  {{/yes}}\nc\n",
        "a\n{{#no}}\nb\n{{/no}}\nc\n{{^no}}\r\nd\r\n{{/no}}\r\ne",
        "{{! comment }}\nx\n  {{! standalone comment }}  \ny {{! inline }} z\n  {{! comment}}{{name}}\n",
        "  {{#list}}\n  - {{n}}\n  {{/list}}\n",
        "  {{^no}}\n|\n  {{/no}}  {{#yes}}\nq\n{{/yes}}\nend\n",
        "{{#yes}}x{{/yes}} \n{{#yes}}\ny\n{{/yes}}  ",
        "a\n  ",
        "line\n\t \t",
        "{{#yes}}\n{{/yes}}",
        "{{#yes}}{{/yes}}\n\n{{^no}}  \n  {{/no}}",
        "a{{\nb}}c",
        "a { b {c} } {x{y}",
        "{{# yes }}ok{{/ yes }}|{{#.}}dot{{/.}}",
        "{{#nested}}\n  {{#inner}}\n    {{deep}}\n  {{/inner}}\n{{/nested}}\n",
        "\u{600}{{name}}\u{600}|e\u{301}{{name}}",
        // Partials: standalone ones are indented line by line, others are not.
        "{{> p-plain}}|{{>p-plain}}|{{> missing-partial}}|{{> p-empty}}|",
        "  {{> p-lines}}\nafter\n",
        "x {{> p-lines}} y\n",
        "  {{> p-outer}}\n",
        "\t{{> missing-partial}}\nafter\n  {{> p-empty}}\n  {{> p-whitespace}}\n",
        "{{#object}}{{> p-tree}}{{/object}}",
        "{{#object}}\n    {{> p-tree-lines}}\n{{/object}}",
        "  {{> p-crlf}}\r\n  {{> p-plain}}\r\n",
        "{{#list}}\n  {{> p-plain}}\n{{/list}}\n",
        "  {{#yes}}\n  {{> p-lines}}\n  {{/yes}}\n",
        "  {{> p-lines}}",
    ]

    /// One theme holding every differential template (`case-N`) and partial, loaded once.
    static let theme: Result<Theme, any Error> = Result {
        var files = partials
        for (index, text) in templates.enumerated() { files["case-\(index)"] = text }
        files["uses-transform"] = "{{count(list)}} {{uppercased(name)}}"
        files["includes-transform"] = "[{{> uses-transform}}]"
        files["set-delimiters"] = "{{=<% %>=}}<% name %>|<%& name %>"
        files["inheritance-parent"] = "A{{$block}}default{{/block}}B"
        files["inheritance"] = "{{<inheritance-parent}}{{$block}}{{name}}{{/block}}{{/inheritance-parent}}"
        files["sequence-transform"] = "{{#list}}{{#first()}}first:{{/first()}}{{n}} {{/list}}"
        files["pragma"] = "{{%CONTENT_TYPE:TEXT}}{{name}}"
        files["dynamic-partial"] = "{{>*partialName}}"
        files["unsupported-value"] = "{{#maybe}}[{{.}}]{{/maybe}}|{{point.x}}|{{#set}}{{.}}{{/set}}|{{null}}|{{name}}"
        return try loadTheme(files)
    }

    /// A theme whose templates (beyond the default theme's) are `files`, name to text.
    static func loadTheme(_ files: [String: String]) throws -> Theme {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: templates.appendingPathComponent(name + ".mustache"), atomically: true, encoding: .utf8)
        }
        return try Theme.load(overrideDirectory: folder, displayRoot: folder)
    }

    /// What each engine prints for `template` with `context`; compiled is nil when it declines.
    static func renderBoth(_ theme: Theme, _ template: String, context: Any) throws -> (compiled: String?, mustache: String) {
        (theme.compiledTemplates?.render(template, context: context), try theme.renderWithMustache(template, context: context))
    }

    @Test("small templates print the same bytes as swift-mustache", arguments: templates.indices, contextNames)
    func sameAsMustache(template: Int, context: String) throws {
        let theme = try Self.theme.get()
        let name = "case-\(template)"
        #expect(theme.compiledTemplates?.isCompiled(name) == true, "\(theme.compiledTemplates?.leftToMustache[name] ?? "")")
        // One context for both engines: a dictionary prints its keys in an order of its own instance.
        let values = Self.context(context)
        let (compiled, mustache) = try Self.renderBoth(theme, name, context: values)
        #expect(compiled == mustache, "template: \(Self.templates[template].debugDescription)")
        #expect(try theme.render(name, context: values) == mustache)
    }

    @Test(
        "templates using what the compiled renderer lacks, or including such a template, fall back to swift-mustache",
        arguments: [
            ("uses-transform", "2 ADA &amp; &lt;BOB&gt; &quot;Q&quot; &#39;X&#39;"),
            ("includes-transform", "[2 ADA &amp; &lt;BOB&gt; &quot;Q&quot; &#39;X&#39;]"),
            ("set-delimiters", "Ada &amp; &lt;Bob&gt; &quot;q&quot; &#39;x&#39;|Ada & <Bob> \"q\" 'x'"),
            ("inheritance", "AAda &amp; &lt;Bob&gt; &quot;q&quot; &#39;x&#39;B"),
            ("sequence-transform", "first:a b &lt;b&gt; "),
            ("pragma", "Ada & <Bob> \"q\" 'x'"),
            ("dynamic-partial", "[Ada &amp; &lt;Bob&gt; &quot;q&quot; &#39;x&#39;]\n"),
        ])
    func unsupportedSyntaxFallsBack(template: String, expected: String) throws {
        let theme = try Self.theme.get()
        let compiled = try #require(theme.compiledTemplates)
        #expect(!compiled.isCompiled(template))
        #expect(compiled.leftToMustache[template] != nil)
        var context = try #require(Self.context("dictionary") as? [String: Any])
        context["list"] = [["n": "a"], ["n": "b <b>"]] as [[String: Any]]
        context["partialName"] = "p-plain"
        context["title"] = nil
        #expect(try theme.render(template, context: context) == expected)
        #expect(try theme.render(template, context: context) == (try theme.renderWithMustache(template, context: context)))
    }

    @Test(
        "context values the compiled renderer does not handle send the render to swift-mustache",
        arguments: ["maybe", "point", "set", "null"])
    func unsupportedValueFallsBack(key: String) throws {
        struct Point { let x = 42 }
        let values: [String: Any] = [
            "maybe": String?.none as Any, "point": Point(), "set": Set(["only"]), "null": NSNull(),
        ]
        let theme = try Self.theme.get()
        let context: [String: Any] = ["name": "n", key: values[key] ?? ""]
        #expect(theme.compiledTemplates?.isCompiled("unsupported-value") == true)
        #expect(theme.compiledTemplates?.render("unsupported-value", context: context) == nil)
        let mustache = try theme.renderWithMustache("unsupported-value", context: context)
        #expect(try theme.render("unsupported-value", context: context) == mustache)
        let expected = ["maybe": "[nil]||||n", "point": "|42|||n", "set": "||only||n", "null": "||||n"]
        #expect(mustache == expected[key])
    }

    @Test("every template of the default theme and of the guide's theme compiles")
    func themesCompile() throws {
        let nina = TestSupport.packageRoot.appendingPathComponent("themes/nina")
        for override in [nil, nina] {
            let theme = try Theme.load(overrideDirectory: override, displayRoot: TestSupport.packageRoot)
            let compiled = try #require(theme.compiledTemplates)
            #expect(compiled.leftToMustache.isEmpty, "\(compiled.leftToMustache)")
            for name in theme.templateSources.keys { #expect(compiled.isCompiled(name)) }
        }
    }

    @Test("the default and the guide's theme render page, 404 and print pages exactly as swift-mustache", arguments: [false, true])
    func themePagesSameAsMustache(guideTheme: Bool) throws {
        let override = guideTheme ? TestSupport.packageRoot.appendingPathComponent("themes/nina") : nil
        let theme = try Theme.load(overrideDirectory: override, displayRoot: TestSupport.packageRoot)
        var config = SiteConfig()
        config.baseURL = "https://docs.example.org/guide"
        config.footer = "Footer & <more>"
        config.description = "A guide \"quoted\" & 'single'"
        let site = PageTemplateValuesTests.site(config: config)
        var contexts: [(String, Any)] = []
        for page in site.pages.indices {
            contexts.append(("page", site.context(forPage: page, body: "<h2 id=\"a\">A &amp; B</h2>\n<p>Body of \(page) – ünïcode</p>\n")))
        }
        contexts.append(("page", site.templatesContext(home: 0, body: "<p>list</p>")))
        contexts.append(("page", Self.pageWithMeta()))
        contexts.append(("404", site.notFoundContext()))
        let sections: [[String: Any]] = [
            ["id": "p-index", "title": "Home & <start>", "content": "<p>home</p>\n"],
            ["id": "p-jobs-saga", "title": "Saga \"jobs\"", "content": "<p>saga</p>\n"],
        ]
        contexts.append(("print", site.printContext(sections: sections)))
        contexts.append(("print", site.printContext(sections: [])))
        for (template, context) in contexts {
            #expect(theme.compiledTemplates?.isCompiled(template) == true)
            let (compiled, mustache) = try Self.renderBoth(theme, template, context: context)
            #expect(compiled != nil)
            #expect(compiled == mustache, "\(template)")
        }
    }

    /// A page context with every optional field set: edit link, dates, description, previous and next.
    static func pageWithMeta() -> PageTemplateValues {
        let link = PageTemplateValues.Link(title: "Other <page>", url: "other.html")
        let toc = [
            PageTemplateValues.TOCEntry(id: "a", title: "A & a", children: [PageTemplateValues.TOCEntry(id: "b", title: "B", children: nil)]),
            PageTemplateValues.TOCEntry(id: "c", title: "C", children: []),
        ]
        let page = PageTemplateValues.PageValues(
            title: "Meta 'page'", content: "<p>content</p>", isHome: false, sourcePath: "content/meta.md", descriptionText: "About <this>",
            toc: toc, breadcrumbs: [link, link], previous: link, next: link, canonicalURL: "https://example.org/meta.html",
            lastUpdated: PageTemplateValues.Dates(iso: "2024-05-01", display: "1 May 2024"), editURL: "https://example.org/edit/meta.md")
        let site = PageTemplateValues.SiteValues(
            title: "Site & co", language: "en", homeTitle: "Home", descriptionText: nil, footer: "Foot", printURL: "print.html",
            templatesURL: "templates.html")
        return PageTemplateValues(
            site: site, page: page, root: "../", searchIndex: "../search.js", generator: "docgen test", nav: PageTemplateValues.Sidebar(html: "<ul>nav</ul>"))
    }
}
