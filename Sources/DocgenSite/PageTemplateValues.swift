import DocgenRender

/// What a page's template sees: `site`, `page`, `root`, `searchIndex`, `generator` and `nav`.
///
/// Typed objects rather than nested `[String: Any]`: building the dictionaries for every page and
/// hashing every `{{page.title}}` lookup cost more than the rest of the context. Each object has
/// exactly the fields its dictionary had (an absent optional is an absent key), so a lookup that
/// misses goes on down the context stack as before.
final class PageTemplateValues: TemplateObject, Sendable {
    let site: SiteValues
    let page: PageValues
    /// The way from the page's folder up to the site root: "", "../", "../../", …
    let root: String
    let searchIndex: String
    let generator: String
    let nav: Sidebar

    init(site: SiteValues, page: PageValues, root: String, searchIndex: String, generator: String, nav: Sidebar) {
        self.site = site
        self.page = page
        self.root = root
        self.searchIndex = searchIndex
        self.generator = generator
        self.nav = nav
    }

    static let templateFields = ["page", "site", "root", "nav", "searchIndex", "generator"]

    func field(named name: String) -> TemplateField? {
        switch name {
        case "page": .object(page)
        case "site": .object(site)
        case "root": .text(root)
        case "nav": .object(nav)
        case "searchIndex": .text(searchIndex)
        case "generator": .text(generator)
        default: nil
        }
    }

    /// `site`: the site-wide values, the same for every page.
    final class SiteValues: TemplateObject, Sendable {
        let title: String
        let language: String
        let homeTitle: String
        /// `site.description` (named so as not to clash with `CustomStringConvertible.description`).
        let descriptionText: String?
        let footer: String?
        let printURL: String?
        let templatesURL: String?

        init(title: String, language: String, homeTitle: String, descriptionText: String?, footer: String?, printURL: String?, templatesURL: String?) {
            self.title = title
            self.language = language
            self.homeTitle = homeTitle
            self.descriptionText = descriptionText
            self.footer = footer
            self.printURL = printURL
            self.templatesURL = templatesURL
        }

        static let templateFields = ["title", "language", "homeTitle", "description", "footer", "printURL", "templatesURL"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "title": .text(title)
            case "language": .text(language)
            case "homeTitle": .text(homeTitle)
            case "description": descriptionText.map(TemplateField.text)
            case "footer": footer.map(TemplateField.text)
            case "printURL": printURL.map(TemplateField.text)
            case "templatesURL": templatesURL.map(TemplateField.text)
            default: nil
            }
        }
    }

    /// `page`: the page's own values.
    final class PageValues: TemplateObject, Sendable {
        let title: String
        let content: String
        let isHome: Bool
        let sourcePath: String
        /// `page.description`, from the front matter.
        let descriptionText: String?
        let toc: [TOCEntry]
        /// Nil on the home page, which has no breadcrumbs (and no `hasBreadcrumbs`).
        let breadcrumbs: [Link]?
        let previous: Link?
        let next: Link?
        let canonicalURL: String?
        let lastUpdated: Dates?
        let editURL: String?

        init(
            title: String, content: String, isHome: Bool, sourcePath: String, descriptionText: String?, toc: [TOCEntry], breadcrumbs: [Link]?,
            previous: Link?, next: Link?, canonicalURL: String?, lastUpdated: Dates?, editURL: String?
        ) {
            self.title = title
            self.content = content
            self.isHome = isHome
            self.sourcePath = sourcePath
            self.descriptionText = descriptionText
            self.toc = toc
            self.breadcrumbs = breadcrumbs
            self.previous = previous
            self.next = next
            self.canonicalURL = canonicalURL
            self.lastUpdated = lastUpdated
            self.editURL = editURL
        }

        var hasMeta: Bool { editURL != nil || lastUpdated != nil }

        static let templateFields = ["title", "content", "toc", "hasTOC", "isHome", "description", "breadcrumbs", "hasBreadcrumbs", "previous", "next", "hasMeta", "canonicalURL", "lastUpdated", "editURL", "sourcePath"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "title": .text(title)
            case "content": .text(content)
            case "toc": .objects(toc)
            case "hasTOC": .flag(!toc.isEmpty)
            case "isHome": .flag(isHome)
            case "description": descriptionText.map(TemplateField.text)
            case "breadcrumbs": breadcrumbs.map { .objects($0) }
            case "hasBreadcrumbs": breadcrumbs.map { .flag(!$0.isEmpty) }
            case "previous": previous.map { .object($0) }
            case "next": next.map { .object($0) }
            case "hasMeta": .flag(hasMeta)
            case "canonicalURL": canonicalURL.map(TemplateField.text)
            case "lastUpdated": lastUpdated.map { .object($0) }
            case "editURL": editURL.map(TemplateField.text)
            case "sourcePath": .text(sourcePath)
            default: nil
            }
        }
    }

    /// A link to another page: breadcrumbs, previous and next.
    final class Link: TemplateObject, Sendable {
        let title: String
        let url: String

        init(title: String, url: String) {
            self.title = title
            self.url = url
        }

        static let templateFields = ["url", "title"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "url": .text(url)
            case "title": .text(title)
            default: nil
            }
        }
    }

    /// A table-of-contents entry: an h2 with its h3s as `children`, or an h3.
    final class TOCEntry: TemplateObject, Sendable {
        let id: String
        let title: String
        /// Nil on a nested entry, which has no `children` (and no `hasChildren`) of its own.
        let children: [TOCEntry]?

        init(id: String, title: String, children: [TOCEntry]?) {
            self.id = id
            self.title = title
            self.children = children
        }

        static let templateFields = ["id", "title", "hasChildren", "children"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "id": .text(id)
            case "title": .text(title)
            case "hasChildren": children.map { .flag(!$0.isEmpty) }
            case "children": children.map { .objects($0) }
            default: nil
            }
        }
    }

    /// `page.lastUpdated`: the day of the page's last commit.
    final class Dates: TemplateObject, Sendable {
        let iso: String
        let display: String

        init(iso: String, display: String) {
            self.iso = iso
            self.display = display
        }

        static let templateFields = ["iso", "display"]

        func field(named name: String) -> TemplateField? {
            switch name {
            case "iso": .text(iso)
            case "display": .text(display)
            default: nil
            }
        }
    }

    /// `nav`: the sidebar's page list, rendered by `SidebarRenderer`.
    final class Sidebar: TemplateObject, Sendable {
        let html: String

        init(html: String) {
            self.html = html
        }

        static let templateFields = ["html"]

        func field(named name: String) -> TemplateField? { name == "html" ? .text(html) : nil }
    }
}
