import Foundation
import DocgenRender
import Synchronization

/// The sidebar's page list as HTML, rendered by docgen itself (as mdBook renders its `{{#toc}}`):
/// in a Mustache partial, the per-entry lookups of a forty-entry sidebar were a third of a
/// 10,000-page build. Themes place it with `{{{nav.html}}}` and style it with the classes below.
///
/// ```html
/// <ul class="nav-list" id="nav-jobs" hidden>            a folder's list (id and hidden on sub-lists only)
/// <li class="nav-item nav-folder open current">         folder entries, open ones, the current page
/// <div class="nav-row"><a href="..." aria-current="page">Title</a><button class="nav-expand" ...></button></div>
/// ```
///
/// Pages of one folder see the same sidebar (the same relative links, the same open folders) but
/// for the current page's marks, so it is rendered once per folder and the marks are spliced in:
/// rendering it again for every page was a sixth of the page-templates phase.
struct SidebarRenderer: Sendable {
    let navigation: NavigationTree
    /// Every page's output path, by page index.
    let outputPaths: [String]
    /// Whether every folder's pages are listed (small sites) or only those on the open path.
    let listsEveryFolder: Bool
    private let cache = Cache()

    init(navigation: NavigationTree, pages: [Page], listsEveryFolder: Bool) {
        self.navigation = navigation
        self.outputPaths = pages.map(\.outputPath)
        self.listsEveryFolder = listsEveryFolder
    }

    /// The sidebar of page `current`, whose content folder (and its parents) are open.
    func html(forPage current: Int, contentDirectory: String) -> String {
        let key = FolderKey(outputDirectory: SitePath.directory(of: outputPaths[current]), contentDirectory: contentDirectory)
        let folder = cache.sidebar(for: key) ?? render(key, from: outputPaths[current])
        guard let mark = folder.marks[current] else { return folder.html }
        let utf8 = folder.html.utf8
        let classEnd = utf8.index(utf8.startIndex, offsetBy: mark.classEnd)
        let linkEnd = utf8.index(utf8.startIndex, offsetBy: mark.linkEnd)
        var html = ""
        html.reserveCapacity(utf8.count + 32)
        html += folder.html[..<classEnd]
        html += " current"
        html += folder.html[classEnd..<linkEnd]
        html += " aria-current=\"page\""
        html += folder.html[linkEnd...]
        return html
    }

    /// Pages whose sidebars are alike: the folder links are relative to, and the folder that is open.
    private struct FolderKey: Hashable {
        let outputDirectory: String
        let contentDirectory: String
    }

    /// A folder's sidebar with no page marked current, and where each listed page's marks go.
    private struct FolderSidebar {
        let html: String
        let marks: [Int: Mark]
    }

    /// UTF-8 offsets in `FolderSidebar.html`: the end of a page entry's class list and of its link's `href` attribute.
    private struct Mark {
        let classEnd: Int
        let linkEnd: Int
    }

    /// Sidebars rendered so far; a reference, so copies of the renderer (and of `SiteContext`) share it.
    ///
    /// In shards by key: with one lock, the threads writing pages queued on it for every page
    /// (the waits were 0.3% of a 10,000-page build), though each looks up a folder of its own.
    private final class Cache: Sendable {
        /// One lock and table of the cache.
        private final class Shard: Sendable {
            let sidebars = Mutex<[FolderKey: FolderSidebar]>([:])
        }

        private let shards = (0..<16).map { _ in Shard() }

        /// The sidebar rendered for `key`, if any.
        func sidebar(for key: FolderKey) -> FolderSidebar? {
            shards[shard(of: key)].sidebars.withLock { $0[key] }
        }

        /// Keeps `sidebar` as the one for `key`.
        func store(_ sidebar: FolderSidebar, for key: FolderKey) {
            shards[shard(of: key)].sidebars.withLock { $0[key] = sidebar }
        }

        private func shard(of key: FolderKey) -> Int {
            key.hashValue & (shards.count - 1)
        }
    }

    /// Renders the sidebar of the pages in `key`, of which `outputPath` is one.
    private func render(_ key: FolderKey, from outputPath: String) -> FolderSidebar {
        var html = ""
        html.reserveCapacity(4096)
        var marks: [Int: Mark] = [:]
        appendList(
            navigation.root.children, listID: nil, hidden: false, from: outputPath,
            open: SiteContext.folderChain(key.contentDirectory), into: &html, marks: &marks)
        html.removeLast()  // The template line that places the list ends it.
        let folder = FolderSidebar(html: html, marks: marks)
        // Two threads may render the same folder at once; both results are the same.
        cache.store(folder, for: key)
        return folder
    }

    private func appendList(
        _ nodes: [NavigationTree.Node], listID: String?, hidden: Bool, from outputPath: String, open: Set<String>,
        into html: inout String, marks: inout [Int: Mark]
    ) {
        html += "<ul class=\"nav-list\""
        if let listID { html += " id=\"\(HTMLEscaping.escape(listID))\"" }
        if hidden { html += " hidden" }
        html += ">\n"
        for node in nodes {
            // A folder without an index page has no link to open it with, so its entries always show.
            let isOpen = node.folder.map { open.contains($0) || node.pageIndex == nil } ?? false
            let listed = !node.children.isEmpty && (isOpen || listsEveryFolder)
            let title = HTMLEscaping.escape(node.title)
            html += "<li class=\"nav-item"
            if node.folder != nil { html += " nav-folder" }
            if isOpen { html += " open" }
            let classEnd = html.utf8.count
            html += "\">\n"
            if node.folder != nil { html += "<div class=\"nav-row\">" }
            // Appended piece by piece: interpolating made a string for each piece of every entry.
            if let target = node.pageIndex {
                html += "<a href=\""
                HTMLEscaping.escape(SitePath.relativeURL(from: outputPath, to: outputPaths[target]), into: &html)
                html += "\""
                marks[target] = Mark(classEnd: classEnd, linkEnd: html.utf8.count)
                html += ">"
                html += title
                html += "</a>"
            } else {
                html += "<span class=\"nav-label\">"
                html += title
                html += "</span>"
            }
            let childListID = listed ? "nav-" + String(decoding: (node.folder ?? "").utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self) : ""
            if node.folder != nil {
                if listed {
                    html += "<button class=\"nav-expand\" type=\"button\" aria-controls=\"\(HTMLEscaping.escape(childListID))\""
                    html += " aria-expanded=\"\(isOpen)\" aria-label=\"\(isOpen ? "Hide" : "Show") the pages of \(title)\"></button>"
                }
                html += "</div>"
            }
            html += "\n"
            if listed {
                appendList(node.children, listID: childListID, hidden: !isOpen, from: outputPath, open: open, into: &html, marks: &marks)
            }
            html += "</li>\n"
        }
        html += "</ul>\n"
    }
}
