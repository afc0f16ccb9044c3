import Foundation
import DocgenMarkdown
import DocgenRender

/// The whole guide on one page, for printing: every page in reading order, with heading ids made
/// unique per page and links between pages turned into links within the one page.
struct PrintPageBuilder {
    let pages: [Page]
    let links: [[LinkReference]]
    let resolver: LinkResolver
    let renderer: HTMLRenderer

    /// The anchor of a page's section in the print view: `p-jobs-saga` for `jobs/saga.html`.
    static func anchor(ofOutputPath path: String) -> String {
        let stem = path.hasSuffix(".html") ? String(path.dropLast(5)) : path
        return "p-" + stem.replacingOccurrences(of: "/", with: "-")
    }

    /// The template values of each page's section, in reading order.
    func sections(order: [Int]) -> [[String: Any]] {
        let pageByOutput = Dictionary(pages.enumerated().map { ($0.element.outputPath, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return order.map { index in
            let page = pages[index]
            let prefix = Self.anchor(ofOutputPath: page.outputPath)
            var root = page.root
            let (rewrites, _) = resolver.resolve(links[index], ofPage: index, contentPath: page.source.contentPath)
            if !rewrites.isEmpty { root = LinkRewriter.apply(rewrites, to: root) }
            let directory = SitePath.directory(of: page.outputPath)
            root = root.rewritten { node in
                var copy = node
                switch node.kind {
                case .heading(let level, let id):
                    copy.kind = .heading(level: level, id: "\(prefix)--\(id)")
                case .link(let destination, let title):
                    copy.kind = .link(destination: localize(destination, directory: directory, prefix: prefix, pages: pageByOutput), title: title)
                case .image(let destination, let title):
                    copy.kind = .image(destination: localize(destination, directory: directory, prefix: prefix, pages: pageByOutput), title: title)
                case .jobTemplate(var template):
                    // The script is written beside its page, not beside print.html at the root.
                    template.downloadPath = directory.isEmpty ? template.filename : directory + "/" + template.filename
                    copy.kind = .jobTemplate(template)
                default:
                    break
                }
                return copy
            }
            return ["id": prefix, "title": page.title, "content": renderer.render(root)]
        }
    }

    /// A destination as seen from the print page at the site root.
    private func localize(_ destination: String, directory: String, prefix: String, pages: [String: Int]) -> String {
        if destination.isEmpty || URLSafety.isExternal(destination) { return destination }
        if destination.hasPrefix("#") { return "#\(prefix)--\(destination.dropFirst())" }
        var path = Substring(destination)
        var fragment: Substring?
        if let hash = path.firstIndex(of: "#") {
            fragment = path[path.index(after: hash)...]
            path = path[..<hash]
        }
        guard let target = SitePath.resolve(String(path), from: directory) else { return destination }
        if pages[target] != nil {
            let section = Self.anchor(ofOutputPath: target)
            return "#" + section + (fragment.map { "--" + $0 } ?? "")
        }
        return target + (fragment.map { "#" + $0 } ?? "")
    }
}
