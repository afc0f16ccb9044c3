import DocgenMarkdown
@testable import DocgenSite
import Foundation
import Testing

@Suite("Sidebar")
struct SidebarRendererTests {
    /// Content paths of a small guide: a home page, a folder with an index page and two more, a folder without one.
    static let contentPaths = ["index.md", "about.md", "jobs/index.md", "jobs/saga.md", "jobs/betzy.md", "storage/quota.md"]

    static func pages() -> [Page] {
        contentPaths.map { path in
            let isIndex = path.hasSuffix("index.md")
            let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
            let title = isIndex ? (path == "index.md" ? "Home" : "Jobs") : name.capitalized
            return Page(
                source: SourceFile(url: URL(fileURLWithPath: "/guide/content/" + path), contentPath: path, displayPath: "content/" + path),
                outputPath: path.replacingOccurrences(of: ".md", with: ".html"), title: title, frontMatter: FrontMatter(),
                headings: [], anchors: [], isIndex: isIndex)
        }
    }

    static func renderer(listsEveryFolder: Bool) -> (SidebarRenderer, [Page]) {
        let pages = pages()
        return (SidebarRenderer(navigation: NavigationTree(pages: pages), pages: pages, listsEveryFolder: listsEveryFolder), pages)
    }

    @Test("pages of one folder share its sidebar, each marked current on its own entry", arguments: [true, false])
    func currentPageMarks(listsEveryFolder: Bool) throws {
        let (sidebar, pages) = Self.renderer(listsEveryFolder: listsEveryFolder)
        let saga = try #require(pages.firstIndex { $0.outputPath == "jobs/saga.html" })
        let betzy = try #require(pages.firstIndex { $0.outputPath == "jobs/betzy.html" })
        let sagaHTML = sidebar.html(forPage: saga, contentDirectory: "jobs")
        let betzyHTML = sidebar.html(forPage: betzy, contentDirectory: "jobs")
        #expect(sagaHTML.contains("<li class=\"nav-item current\">\n<a href=\"saga.html\" aria-current=\"page\">Saga</a>\n</li>"))
        #expect(sagaHTML.contains("<li class=\"nav-item\">\n<a href=\"betzy.html\">Betzy</a>\n</li>"))
        #expect(betzyHTML.contains("<li class=\"nav-item current\">\n<a href=\"betzy.html\" aria-current=\"page\">Betzy</a>\n</li>"))
        #expect(betzyHTML.contains("<li class=\"nav-item\">\n<a href=\"saga.html\">Saga</a>\n</li>"))
        for html in [sagaHTML, betzyHTML] {
            #expect(html.components(separatedBy: "aria-current").count == 2)
            #expect(html.components(separatedBy: " current\"").count == 2)
            #expect(html.contains("<li class=\"nav-item nav-folder open\">\n<div class=\"nav-row\"><a href=\"index.html\">Jobs</a>"))
            #expect(html.hasSuffix("</ul>"), "the template line that places the list ends it")
        }
        // The same sidebar but for the marks: taking them out gives the same text.
        func unmarked(_ html: String) -> String {
            html.replacingOccurrences(of: " current\"", with: "\"").replacingOccurrences(of: " aria-current=\"page\"", with: "")
        }
        #expect(unmarked(sagaHTML) == unmarked(betzyHTML))
    }

    @Test("a folder's index page is marked on its folder entry; the home page on none")
    func folderAndHomeMarks() throws {
        let (sidebar, pages) = Self.renderer(listsEveryFolder: true)
        let jobs = try #require(pages.firstIndex { $0.outputPath == "jobs/index.html" })
        let jobsHTML = sidebar.html(forPage: jobs, contentDirectory: "jobs")
        #expect(jobsHTML.contains("<li class=\"nav-item nav-folder open current\">\n<div class=\"nav-row\"><a href=\"index.html\" aria-current=\"page\">Jobs</a>"))
        let home = sidebar.html(forPage: 0, contentDirectory: "")
        #expect(!home.contains("current"))
        #expect(home.contains("<li class=\"nav-item nav-folder\">\n<div class=\"nav-row\"><a href=\"jobs/index.html\">Jobs</a>"))
    }

    @Test("links are relative to the page's folder, and only its folder chain is open")
    func otherFolder() throws {
        let (sidebar, pages) = Self.renderer(listsEveryFolder: false)
        let quota = try #require(pages.firstIndex { $0.outputPath == "storage/quota.html" })
        _ = sidebar.html(forPage: 3, contentDirectory: "jobs")
        let html = sidebar.html(forPage: quota, contentDirectory: "storage")
        #expect(html.contains("<a href=\"../jobs/index.html\">Jobs</a>"))
        #expect(html.contains("<a href=\"quota.html\" aria-current=\"page\">Quota</a>"))
        #expect(!html.contains("saga.html"), "a closed folder's pages are not listed on a big site")
        #expect(html.contains("<a href=\"../about.html\">About</a>"))
    }
}
