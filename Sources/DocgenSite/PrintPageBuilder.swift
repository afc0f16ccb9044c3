import Foundation
import DocgenMarkdown
import DocgenRender

/// The whole guide on one page, for printing: every page in reading order, with heading ids made
/// unique per page and links between pages turned into links within the one page.
enum PrintPageBuilder {
    /// The anchor of a page's section in the print view: `p-jobs-saga` for `jobs/saga.html`.
    static func anchor(ofOutputPath path: String) -> String {
        let stem = path.hasSuffix(".html") ? String(path.dropLast(5)) : path
        return "p-" + stem.replacingOccurrences(of: "/", with: "-")
    }

    /// The template values of each page's section, in reading order.
    static func sections(pages: [Page], bodies: [PageBody?], order: [Int]) -> [[String: Any]] {
        order.map { index in
            let page = pages[index]
            return ["id": anchor(ofOutputPath: page.outputPath), "title": page.title, "content": bodies[index]?.printHTML ?? ""]
        }
    }

    /// A page's tree (its links already rewritten to generated pages) as a section of the print
    /// page at the site root; `pages` holds every page's output path.
    static func printTree(_ tree: MarkdownTree, outputPath: String, pages: Set<String>) -> MarkdownTree {
        let prefix = anchor(ofOutputPath: outputPath)
        let directory = SitePath.directory(of: outputPath)
        var copy = tree
        copy.updateKinds { kind in
            switch kind {
            case .heading(let level, let id):
                kind = .heading(level: level, id: "\(prefix)--\(id)")
            case .link(let destination, let title):
                kind = .link(destination: localize(destination, directory: directory, prefix: prefix, pages: pages), title: title)
            case .image(let destination, let title):
                kind = .image(destination: localize(destination, directory: directory, prefix: prefix, pages: pages), title: title)
            case .jobTemplate(var template):
                // The script is written beside its page, not beside print.html at the root.
                template.downloadPath = directory.isEmpty ? template.filename : directory + "/" + template.filename
                kind = .jobTemplate(template)
            default:
                break
            }
        }
        return copy
    }

    /// A destination as seen from the print page at the site root.
    private static func localize(_ destination: String, directory: String, prefix: String, pages: Set<String>) -> String {
        if destination.isEmpty || URLSafety.isExternal(destination) { return destination }
        if destination.hasPrefix("#") { return "#\(prefix)--\(destination.dropFirst())" }
        var path = Substring(destination)
        var fragment: Substring?
        if let hash = path.firstIndex(of: "#") {
            fragment = path[path.index(after: hash)...]
            path = path[..<hash]
        }
        guard let target = SitePath.resolve(String(path), from: directory) else { return destination }
        if pages.contains(target) {
            let section = anchor(ofOutputPath: target)
            return "#" + section + (fragment.map { "--" + $0 } ?? "")
        }
        return target + (fragment.map { "#" + $0 } ?? "")
    }
}
