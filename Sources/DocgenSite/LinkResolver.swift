import DocgenCore
import DocgenRender

/// Resolves the links of a page against the whole site: checks that every internal target and
/// `#anchor` exists, and rewrites `.md` links to the generated pages.
struct LinkResolver: Sendable {
    /// Pages by content path (`jobs/saga.md`).
    let pagesBySource: [String: Int]
    /// Pages by output path (`jobs/saga.html`).
    let pagesByOutput: [String: Int]
    /// Index pages by folder content path.
    let indexByFolder: [String: Int]
    /// Non-Markdown files of the content folder, by content path.
    let assets: Set<String>
    /// Draft pages left out of this build, by content path.
    let drafts: Set<String>
    /// Every page's output path and anchors.
    let outputPaths: [String]
    let sourcePaths: [String]
    let anchors: [Set<String>]

    init(pages: [Page], assets: Set<String>, drafts: Set<String>) {
        var bySource: [String: Int] = [:], byOutput: [String: Int] = [:], byFolder: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            bySource[page.source.contentPath] = index
            byOutput[page.outputPath] = index
            if page.isIndex { byFolder[page.contentDirectory] = index }
        }
        pagesBySource = bySource
        pagesByOutput = byOutput
        indexByFolder = byFolder
        self.assets = assets
        self.drafts = drafts
        outputPaths = pages.map(\.outputPath)
        sourcePaths = pages.map(\.source.displayPath)
        anchors = pages.map(\.anchors)
    }

    /// Checks every link of `pages[pageIndex]`; returns the destinations to rewrite and the problems found.
    func resolve(_ links: [LinkReference], ofPage pageIndex: Int, contentPath: String) -> (rewrites: [String: String], diagnostics: [Diagnostic]) {
        var rewrites: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for link in links {
            switch resolve(link, from: pageIndex, contentPath: contentPath) {
            case .keep: break
            case .rewrite(let destination): rewrites[link.destination] = destination
            case .problem(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return (rewrites, diagnostics)
    }

    private enum Outcome {
        case keep
        case rewrite(String)
        case problem(Diagnostic)
    }

    private func resolve(_ link: LinkReference, from pageIndex: Int, contentPath: String) -> Outcome {
        let destination = link.destination
        if destination.isEmpty || URLSafety.isExternal(destination) { return .keep }
        var pathPart = Substring(destination)
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = SitePath.percentDecoded(String(pathPart[pathPart.index(after: hash)...]))
            pathPart = pathPart[..<hash]
        }
        if let question = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<question] }
        let path = SitePath.percentDecoded(String(pathPart))
        let kind = link.isImage ? "image" : "link"

        if path.isEmpty {
            guard let fragment else { return .keep }
            return checkAnchor(fragment, inPage: pageIndex, link: link) ?? .keep
        }
        let directory = SitePath.directory(of: contentPath)
        let base = path.hasPrefix("/") ? "" : directory
        guard let target = SitePath.resolve(path, from: base) else {
            return .problem(.error(
                "link.outside-content", "\(kind) '\(destination)' points outside the content folder", at: link.location,
                fixIt: .init("link to a page or file inside the content folder, or use a full https:// URL")))
        }
        let lowered = target.lowercased()
        var targetPage: Int?
        if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") {
            targetPage = pagesBySource[target]
            if targetPage == nil, drafts.contains(target) {
                return .problem(.error(
                    "link.to-draft", "\(kind) '\(destination)' points to a draft page, which is not published",
                    at: link.location, fixIt: .init("publish the page (remove 'draft: true') or remove the link")))
            }
            if targetPage == nil { return brokenLink(link, target: target, kind: kind) }
        } else if let page = pagesByOutput[target] {
            targetPage = page
        } else if path.hasSuffix("/") || indexByFolder[target] != nil {
            guard let page = indexByFolder[target] else { return brokenLink(link, target: target, kind: kind) }
            targetPage = page
        } else if assets.contains(target) {
            return .keep
        } else {
            return brokenLink(link, target: target, kind: kind)
        }
        guard let targetPage else { return .keep }
        if let fragment, let problem = checkAnchor(fragment, inPage: targetPage, link: link) {
            return problem
        }
        var rewritten = SitePath.relativeURL(from: outputPaths[pageIndex], to: outputPaths[targetPage])
        if let fragment { rewritten += "#" + fragment }
        return .rewrite(rewritten)
    }

    private func checkAnchor(_ fragment: String, inPage page: Int, link: LinkReference) -> Outcome? {
        guard !fragment.isEmpty, !anchors[page].contains(fragment) else { return nil }
        let suggestion = Suggestion.closest(to: fragment, in: anchors[page])
        return .problem(.error(
            "link.anchor-missing",
            "anchor '#\(fragment)' does not exist in '\(sourcePaths[page])'\(suggestion.map { " (did you mean '#\($0)'?)" } ?? "")",
            at: link.location, fixIt: suggestion.map { .init("link to '#\($0)'", replacement: "#\($0)") }))
    }

    private func brokenLink(_ link: LinkReference, target: String, kind: String) -> Outcome {
        let candidates = Array(pagesBySource.keys) + Array(assets)
        let suggestion = Suggestion.closest(to: target, in: candidates)
        return .problem(.error(
            kind == "image" ? "image.missing" : "link.broken",
            "\(kind) '\(link.destination)' "
                + (target == link.destination ? "points to a file that does not exist" : "points to '\(target)', which does not exist")
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
            at: link.location, fixIt: suggestion.map { .init("point it at '\($0)'") }))
    }
}
