import Foundation
import DocgenRender

/// The sidebar's page list as HTML, rendered by docgen itself (as mdBook renders its `{{#toc}}`):
/// in a Mustache partial, the per-entry lookups of a forty-entry sidebar were a third of a
/// 10,000-page build. Themes place it with `{{{nav.html}}}` and style it with the classes below.
///
/// ```html
/// <ul class="nav-list" id="nav-jobs" hidden>            a folder's list (id and hidden on sub-lists only)
/// <li class="nav-item nav-folder open current">         folder entries, open ones, the current page
/// <div class="nav-row"><a href="..." aria-current="page">Title</a><button class="nav-expand" ...></button></div>
/// ```
struct SidebarRenderer {
    let navigation: NavigationTree
    let pages: [Page]
    /// Whether every folder's pages are listed (small sites) or only those on the open path.
    let listsEveryFolder: Bool

    /// The sidebar of page `current`, whose folder chain `open` is expanded.
    func html(forPage current: Int, open: Set<String>) -> String {
        var html = ""
        html.reserveCapacity(4096)
        appendList(navigation.root.children, listID: nil, hidden: false, from: pages[current].outputPath, current: current, open: open, into: &html)
        html.removeLast()  // The template line that places the list ends it.
        return html
    }

    private func appendList(
        _ nodes: [NavigationTree.Node], listID: String?, hidden: Bool, from outputPath: String, current: Int, open: Set<String>,
        into html: inout String
    ) {
        html += "<ul class=\"nav-list\""
        if let listID { html += " id=\"\(HTMLEscaping.escape(listID))\"" }
        if hidden { html += " hidden" }
        html += ">\n"
        for node in nodes {
            // A folder without an index page has no link to open it with, so its entries always show.
            let isFolder = node.folder != nil
            let isOpen = node.folder.map { open.contains($0) || node.pageIndex == nil } ?? false
            let isCurrent = node.pageIndex == current
            let listed = !node.children.isEmpty && (isOpen || listsEveryFolder)
            let title = HTMLEscaping.escape(node.title)
            html += "<li class=\"nav-item"
            if isFolder { html += " nav-folder" }
            if isOpen { html += " open" }
            if isCurrent { html += " current" }
            html += "\">\n"
            if isFolder { html += "<div class=\"nav-row\">" }
            if let target = node.pageIndex {
                html += "<a href=\"\(HTMLEscaping.escape(SitePath.relativeURL(from: outputPath, to: pages[target].outputPath)))\""
                if isCurrent { html += " aria-current=\"page\"" }
                html += ">\(title)</a>"
            } else {
                html += "<span class=\"nav-label\">\(title)</span>"
            }
            let childListID = "nav-" + (node.folder ?? "").replacingOccurrences(of: "/", with: "-")
            if isFolder {
                if listed {
                    html += "<button class=\"nav-expand\" type=\"button\" aria-controls=\"\(HTMLEscaping.escape(childListID))\""
                    html += " aria-expanded=\"\(isOpen)\" aria-label=\"\(isOpen ? "Hide" : "Show") the pages of \(title)\"></button>"
                }
                html += "</div>"
            }
            html += "\n"
            if listed {
                appendList(node.children, listID: childListID, hidden: !isOpen, from: outputPath, current: current, open: open, into: &html)
            }
            html += "</li>\n"
        }
        html += "</ul>\n"
    }
}
