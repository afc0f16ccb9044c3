import DocgenMarkdown
import DocgenRender
import DocgenVerify
import Foundation

/// Every job-script template of the site: written next to its page for download, listed on a
/// generated templates page, and the cluster profiles exported for the fill-in forms.
struct TemplateCatalog {
    /// One template with the page and section it appears in.
    struct Entry {
        var template: JobTemplate
        var pageIndex: Int
        var sectionTitle: String?
        var sectionID: String?
    }

    let entries: [Entry]

    /// The templates of `pages`, in reading order, each with the heading above it.
    init(pages: [Page], order: [Int]) {
        entries = order.flatMap { index in
            pages[index].templates.map { placed in
                Entry(template: placed.template, pageIndex: index, sectionTitle: placed.sectionTitle, sectionID: placed.sectionID)
            }
        }
    }

    /// The site path of a template's script: beside its page, where the page's download link points.
    func scriptPath(_ entry: Entry, pages: [Page]) -> String {
        let directory = SitePath.directory(of: pages[entry.pageIndex].outputPath)
        return directory.isEmpty ? entry.template.filename : directory + "/" + entry.template.filename
    }

    /// `assets/clusters.js`: the cluster profiles as data, the one source of the form's rules and limits.
    static func clustersScript(_ catalog: ClusterCatalog) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let profiles = catalog.names.compactMap { catalog.profile(named: $0) }
        let json = String(decoding: try encoder.encode(profiles), as: UTF8.self)
            .replacingOccurrences(of: "</", with: "<\\/")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        return "window.docgenClusters = \(json);\n"
    }

    /// The body of the templates page: a table of every template, linking to where it is explained.
    func listing(pages: [Page]) -> String {
        var html = "<p>Every job-script template in this guide. Each one is checked against its cluster's rules when the guide is built; "
        html += "open its page to copy it, download it, or fill it in for your own job.</p>\n"
        html += "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th>Template</th><th>Cluster</th><th>What it is for</th></tr>\n</thead>\n<tbody>\n"
        for entry in entries {
            let page = pages[entry.pageIndex]
            let link = page.outputPath + (entry.sectionID.map { "#" + $0 } ?? "")
            let purpose = [page.title, entry.sectionTitle].compactMap { $0 }.joined(separator: ": ")
            let cluster = entry.template.cluster.prefix(1).uppercased() + entry.template.cluster.dropFirst()
            html += "<tr><td><a href=\"\(HTMLEscaping.escape(link))\"><code>\(HTMLEscaping.escape(entry.template.filename))</code></a></td>"
            html += "<td>\(HTMLEscaping.escape(cluster))</td><td>\(HTMLEscaping.escape(purpose))</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
