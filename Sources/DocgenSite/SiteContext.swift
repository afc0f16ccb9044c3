import DocgenMarkdown
import DocgenRender
import Foundation

/// Builds the values the theme's templates see, per page, from the site-wide passes.
struct SiteContext: Sendable {
    let config: SiteConfig
    let navigation: NavigationTree
    /// Every built page; `PageEditBuilder` swaps in an edited page whose links and title stayed the same.
    var pages: [Page]
    let generator: String
    let history: GitHistory?
    /// Whether the site has `print.html`.
    let hasPrintPage: Bool

    /// Whether a site of `pageCount` pages gets `print.html`: by default only up to 500 pages, where
    /// one page of everything is still something a browser can open and print.
    static func wantsPrintPage(config: SiteConfig, pageCount: Int, forced: Bool) -> Bool {
        forced || (config.printPage ?? (pageCount <= 500))
    }
    /// Whether any page has a job-script template (then the site has `templates.html`).
    let hasTemplates: Bool
    private let positionInReadingOrder: [Int: Int]
    /// The index pages of each folder's ancestors, the root's first and the folder's own last (nil where a
    /// folder has none): found once per folder rather than by walking the tree for every page.
    private let folderChains: [String: [Int?]]
    private let sidebar: SidebarRenderer
    /// `site` in every template: the same for every page, so made once.
    private let siteValues: PageTemplateValues.SiteValues

    init(
        config: SiteConfig, navigation: NavigationTree, pages: [Page], generator: String, history: GitHistory? = nil,
        hasPrintPage: Bool
    ) {
        self.config = config
        self.history = history
        self.hasPrintPage = hasPrintPage
        self.hasTemplates = pages.contains { !$0.templates.isEmpty }
        self.navigation = navigation
        self.pages = pages
        self.generator = generator
        var positions: [Int: Int] = [:]
        for (position, index) in navigation.readingOrder.enumerated() { positions[index] = position }
        positionInReadingOrder = positions
        var chains: [String: [Int?]] = [:]
        func collect(_ node: NavigationTree.Node, chain: [Int?]) {
            guard let folder = node.folder else { return }
            let own = chain + [node.pageIndex]
            chains[folder] = own
            for child in node.children { collect(child, chain: own) }
        }
        collect(navigation.root, chain: [])
        folderChains = chains
        sidebar = SidebarRenderer(navigation: navigation, pages: pages, listsEveryFolder: pages.count <= Self.fullNavigationLimit)
        siteValues = PageTemplateValues.SiteValues(
            title: config.title, language: config.language, homeTitle: config.homeTitle, descriptionText: config.description,
            footer: config.footer, printURL: hasPrintPage ? "print.html" : nil, templatesURL: hasTemplates ? "templates.html" : nil)
    }

    /// The template values of page `index`, whose rendered body is `body`.
    func context(forPage index: Int, body: String) -> PageTemplateValues {
        let page = pages[index]
        let isHome = page.isIndex && page.contentDirectory.isEmpty
        func link(_ target: Int) -> PageTemplateValues.Link {
            PageTemplateValues.Link(title: pages[target].title, url: SitePath.relativeURL(from: page.outputPath, to: pages[target].outputPath))
        }
        var breadcrumbs: [PageTemplateValues.Link]?
        if !isHome {
            let directory = page.contentDirectory
            var chain = folderChains[directory] ?? navigation.ancestors(ofFolder: directory).map(\.pageIndex)
            if page.isIndex { chain.removeLast() }
            breadcrumbs = chain.compactMap { pageIndex in
                guard let target = pageIndex else { return nil }
                let crumb = link(target)
                return target == navigation.root.pageIndex ? PageTemplateValues.Link(title: config.homeTitle, url: crumb.url) : crumb
            }
        }
        var previous: PageTemplateValues.Link?, next: PageTemplateValues.Link?
        if let position = positionInReadingOrder[index] {
            if position > 0 { previous = link(navigation.readingOrder[position - 1]) }
            if position + 1 < navigation.readingOrder.count { next = link(navigation.readingOrder[position + 1]) }
        }
        var lastUpdated: PageTemplateValues.Dates?
        var editURL: String?
        // Outside a repository there are no dates or paths to find, and looking (which resolves symlinks) was a third of this function.
        if let history, history.topLevel != nil {
            if let date = history.lastChange(of: page.source.url) {
                lastUpdated = PageTemplateValues.Dates(iso: date.formatted(Self.isoDay), display: date.formatted(Self.displayDay))
            }
            if let edit = config.editURL, let path = history.repositoryPath(of: page.source.url) {
                editURL = (edit.hasSuffix("/") ? edit : edit + "/") + path
            }
        }
        let values = PageTemplateValues.PageValues(
            title: page.title, content: body, isHome: isHome, sourcePath: page.source.displayPath,
            descriptionText: page.frontMatter.description, toc: tableOfContents(page), breadcrumbs: breadcrumbs,
            previous: previous, next: next, canonicalURL: absoluteBaseURL.map { $0 + page.outputPath }, lastUpdated: lastUpdated,
            editURL: editURL)
        return pageTemplateValues(page: values, outputPath: page.outputPath, sidebar: sidebar.html(forPage: index, contentDirectory: page.contentDirectory))
    }

    private func pageTemplateValues(page: PageTemplateValues.PageValues, outputPath: String, sidebar: String) -> PageTemplateValues {
        let root = SitePath.rootPrefix(of: outputPath)
        return PageTemplateValues(
            site: siteValues, page: page, root: root, searchIndex: root + SearchIndexBuilder.fileName, generator: generator,
            nav: PageTemplateValues.Sidebar(html: sidebar))
    }

    /// Dates in UTC, so a build gives the same page wherever it runs.
    private static let isoDay = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
    private static let displayDay = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "en_GB"), timeZone: .gmt)

    /// The template values of the generated templates page, which sits at the site root like the home page.
    func templatesContext(home: Int, body: String) -> PageTemplateValues {
        let homePage = pages[home]
        let values = PageTemplateValues.PageValues(
            title: "Job-script templates", content: body, isHome: false, sourcePath: homePage.source.displayPath,
            descriptionText: "Every job script of this guide, generated and checked at build time.", toc: [],
            breadcrumbs: [PageTemplateValues.Link(title: config.homeTitle, url: "index.html")], previous: nil, next: nil,
            canonicalURL: absoluteBaseURL.map { $0 + "templates.html" }, lastUpdated: nil, editURL: nil)
        return pageTemplateValues(
            page: values, outputPath: homePage.outputPath, sidebar: sidebar.html(forPage: home, contentDirectory: homePage.contentDirectory))
    }

    /// The template values of `print.html`.
    func printContext(sections: [[String: Any]]) -> [String: Any] {
        ["site": siteValues, "root": "", "generator": generator, "sections": sections]
    }

    /// The template values of the 404 page, which a server shows at any path, so its links start at the site root.
    func notFoundContext() -> [String: Any] {
        var root = "/"
        if let base = config.baseURL, let url = URL(string: base), !url.path.isEmpty {
            root = url.path.hasSuffix("/") ? url.path : url.path + "/"
        }
        return ["site": siteValues, "root": root, "generator": generator]
    }

    /// `sitemap.xml`, when the site has an absolute `base_url` (sitemaps need full URLs).
    func sitemap() -> String? {
        guard let base = absoluteBaseURL else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for index in navigation.readingOrder {
            xml += "<url><loc>\(HTMLEscaping.escape(base + pages[index].outputPath))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    private var absoluteBaseURL: String? {
        guard let base = config.baseURL, base.hasPrefix("http://") || base.hasPrefix("https://") else { return nil }
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// `a/b/c` gives `a`, `a/b`, `a/b/c`: the folders whose sidebar entries are open on a page in `a/b/c`.
    static func folderChain(_ directory: String) -> Set<String> {
        var chain: Set<String> = []
        var current = directory
        while !current.isEmpty {
            chain.insert(current)
            current = SitePath.directory(of: current)
        }
        return chain
    }

    /// Guides up to this size list every folder's pages in every page's sidebar (collapsed unless
    /// open); bigger ones list only the open path, so output does not grow with the square of the
    /// page count.
    static let fullNavigationLimit = 1000

    /// h2 entries with their h3s nested; an h3 before any h2 stands on its own.
    private func tableOfContents(_ page: Page) -> [PageTemplateValues.TOCEntry] {
        var entries: [PageTemplateValues.TOCEntry] = []
        var open: Page.Heading?
        var children: [PageTemplateValues.TOCEntry] = []
        func flush() {
            guard let heading = open else { return }
            entries.append(PageTemplateValues.TOCEntry(id: heading.id, title: heading.title, children: children))
            children = []
        }
        for heading in page.headings where heading.level == 2 || heading.level == 3 {
            if heading.level == 2 || open == nil {
                flush()
                open = heading
            } else {
                children.append(PageTemplateValues.TOCEntry(id: heading.id, title: heading.title, children: nil))
            }
        }
        flush()
        return entries
    }
}
