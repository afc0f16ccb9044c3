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
    /// Every page's output path, display path and anchors (nil: not known yet, so not checked).
    let outputPaths: [String]
    let sourcePaths: [String]
    let anchors: [Set<String>?]

    /// A page links can point at.
    struct Target: Sendable {
        var contentPath: String
        var outputPath: String
        var displayPath: String
        var isIndex: Bool
        var anchors: Set<String>?
    }

    init(targets: [Target], assets: Set<String>, drafts: Set<String>) {
        var bySource: [String: Int] = [:], byOutput: [String: Int] = [:], byFolder: [String: Int] = [:]
        for (index, target) in targets.enumerated() {
            bySource[target.contentPath] = index
            byOutput[target.outputPath] = index
            if target.isIndex { byFolder[SitePath.directory(of: target.contentPath)] = index }
        }
        pagesBySource = bySource
        pagesByOutput = byOutput
        indexByFolder = byFolder
        self.assets = assets
        self.drafts = drafts
        outputPaths = targets.map(\.outputPath)
        sourcePaths = targets.map(\.displayPath)
        anchors = targets.map(\.anchors)
    }

    /// A resolver over loaded pages, which checks anchors too.
    init(pages: [Page], assets: Set<String>, drafts: Set<String>) {
        self.init(
            targets: pages.map {
                Target(contentPath: $0.source.contentPath, outputPath: $0.outputPath, displayPath: $0.source.displayPath, isIndex: $0.isIndex, anchors: $0.anchors)
            },
            assets: assets, drafts: drafts)
    }

    /// A resolver over the content inventory, before any page is parsed: it can rewrite links, not check anchors.
    init(inventory: [ContentInventory.PageEntry], assets: Set<String>) {
        self.init(
            targets: inventory.map {
                Target(contentPath: $0.file.contentPath, outputPath: $0.outputPath, displayPath: $0.file.displayPath, isIndex: $0.isIndex, anchors: nil)
            },
            assets: assets, drafts: [])
    }

    /// The destinations of `links` rewritten to generated pages' URLs (problems are left for
    /// `problems`), and per link what it points at, for `problems` to start from.
    func rewrites(_ links: [LinkReference], ofPage pageIndex: Int, contentPath: String) -> (rewrites: [String: String], targets: [LinkTarget]) {
        // Sized for every link at once: grown from empty, the table was rebuilt as it filled.
        var rewrites = [String: String](minimumCapacity: links.count)
        var targets: [LinkTarget] = []
        targets.reserveCapacity(links.count)
        let directory = SitePath.directory(of: contentPath)
        // Each link is read in place: `for link in links` copied every link, retaining its strings.
        links.withUnsafeBufferPointer { buffer in
            guard let links = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                var target = LinkTarget.unsettled
                if case .rewrite(let destination) = resolve(links[index], from: pageIndex, directory: directory, target: &target) {
                    rewrites[links[index].destination] = destination
                }
                targets.append(target)
            }
        }
        return (rewrites, targets)
    }

    /// The problems of the links of `pages[pageIndex]`, checked once every page is loaded; the
    /// rewritten URLs are not worked out again (the body has them from `rewrites`).
    ///
    /// `targets` are what `rewrites` found against the inventory, and `pageOfInventory` maps an
    /// inventory index to this resolver's page (nil: a draft or a page that did not load). A link to
    /// a page that was loaded only needs its anchor checked; every other link is resolved again,
    /// so the diagnostics are exactly those of resolving from scratch.
    func problems(
        _ links: [LinkReference], ofPage pageIndex: Int, contentPath: String,
        targets: [LinkTarget]? = nil, pageOfInventory: [Int?] = []
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let directory = SitePath.directory(of: contentPath)
        let targets = targets.flatMap { $0.count == links.count ? $0 : nil }
        for (position, link) in links.enumerated() {
            let outcome: Outcome?
            switch targets?[position] ?? .unsettled {
            case .settled:
                outcome = nil
            case .ownAnchor(let fragment):
                outcome = checkAnchor(fragment, inPage: pageIndex, link: link)
            case .page(let inventoryIndex, let fragment):
                if let page = pageOfInventory.indices.contains(inventoryIndex) ? pageOfInventory[inventoryIndex] : nil {
                    outcome = fragment.flatMap { checkAnchor($0, inPage: page, link: link) }
                } else {
                    outcome = resolveAgain(link, from: pageIndex, directory: directory)
                }
            case .unsettled:
                outcome = resolveAgain(link, from: pageIndex, directory: directory)
            }
            if case .problem(let diagnostic)? = outcome { diagnostics.append(diagnostic) }
        }
        return diagnostics
    }

    /// `resolve` for the check, which needs no rewritten URL and no target.
    private func resolveAgain(_ link: LinkReference, from pageIndex: Int, directory: String) -> Outcome {
        var ignored = LinkTarget.unsettled
        return resolve(link, from: pageIndex, directory: directory, rewriting: false, target: &ignored)
    }

    private enum Outcome {
        case keep
        case rewrite(String)
        case problem(Diagnostic)
    }

    /// `directory` is the folder of the page's content path; `target` is set to what the link points
    /// at when that is all a later check needs (it stays `.unsettled` otherwise).
    private func resolve(_ link: LinkReference, from pageIndex: Int, directory: String, rewriting: Bool = true, target found: inout LinkTarget) -> Outcome {
        let destination = link.destination
        let kind = link.isImage ? "image" : "link"
        // Byte searches give the same answers as Character ones on ASCII text, which nearly every
        // destination is; links resolved twice per page were 7% of a build by Characters.
        let isASCII = destination.isAllASCII
        let startsPrintable = isASCII && destination.utf8.first.map { $0 > 0x20 } ?? false
        let trimmed = startsPrintable ? destination[...] : destination.drop { $0.isWhitespace }
        let scheme = URLSafety.scheme(of: trimmed)
        if let scheme, scheme == "file" || scheme == "javascript" || scheme == "vbscript" {
            // The renderer empties these destinations; saying so beats a link that silently goes nowhere.
            return .problem(.error(
                "link.unsafe-scheme",
                "\(kind) '\(destination)' uses '\(scheme):', which does not work on a website (readers cannot open files on your machine) and is removed",
                at: link.location,
                fixIt: .init(scheme == "file"
                    ? "copy the file into the content folder and link to it with a relative path, or use an https:// URL"
                    : "remove the script from the link and use an https:// URL or a relative path")))
        }
        let isExternal = startsPrintable ? scheme != nil || destination.hasPrefix("//") : URLSafety.isExternal(destination)
        if destination.isEmpty || isExternal {
            found = .settled
            return .keep
        }
        var pathPart = Substring(destination)
        var fragment: String?
        if let hash = isASCII ? pathPart.utf8.firstIndex(of: UInt8(ascii: "#")) : pathPart.firstIndex(of: "#") {
            fragment = SitePath.percentDecoded(String(pathPart[pathPart.index(after: hash)...]))
            pathPart = pathPart[..<hash]
        }
        if let question = isASCII ? pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) : pathPart.firstIndex(of: "?") {
            pathPart = pathPart[..<question]
        }
        let path = SitePath.percentDecoded(String(pathPart))

        if path.isEmpty {
            guard let fragment else {
                found = .settled
                return .keep
            }
            found = .ownAnchor(fragment)
            return checkAnchor(fragment, inPage: pageIndex, link: link) ?? .keep
        }
        let base = path.hasPrefix("/") ? "" : directory
        guard let target = SitePath.resolve(path, from: base) else {
            return .problem(.error(
                "link.outside-content", "\(kind) '\(destination)' points outside the content folder", at: link.location,
                fixIt: .init("link to a page or file inside the content folder, or use a full https:// URL")))
        }
        var targetPage: Int?
        if SitePath.hasMarkdownExtension(target) {
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
            found = .settled
            return .keep
        } else {
            return brokenLink(link, target: target, kind: kind)
        }
        guard let targetPage else { return .keep }
        found = .page(inventoryIndex: targetPage, fragment: fragment)
        if let fragment, let problem = checkAnchor(fragment, inPage: targetPage, link: link) {
            return problem
        }
        guard rewriting else { return .keep }
        var rewritten = SitePath.relativeURL(from: outputPaths[pageIndex], to: outputPaths[targetPage])
        if let fragment { rewritten += "#" + fragment }
        return .rewrite(rewritten)
    }

    private func checkAnchor(_ fragment: String, inPage page: Int, link: LinkReference) -> Outcome? {
        guard !fragment.isEmpty, let known = anchors[page], !known.contains(fragment) else { return nil }
        let suggestion = Suggestion.closest(to: fragment, in: known)
        return .problem(.error(
            "link.anchor-missing",
            "anchor '#\(fragment)' does not exist in '\(sourcePaths[page])'\(suggestion.map { " (did you mean '#\($0)'?)" } ?? "")",
            at: link.location, fixIt: suggestion.map { .init("link to '#\($0)'", replacement: "#\($0)") }
                ?? .init("link to one of the page's headings: its anchor is the heading's text in lowercase, with dashes for spaces")))
    }

    private func brokenLink(_ link: LinkReference, target: String, kind: String) -> Outcome {
        let candidates = Array(pagesBySource.keys) + Array(assets)
        if !target.isEmpty, candidates.contains(where: { $0.hasPrefix(target + "/") }) {
            return .problem(.error(
                kind == "image" ? "image.missing" : "link.broken",
                "\(kind) '\(link.destination)' points to the folder '\(target)', which has no index page",
                at: link.location, fixIt: .init("add '\(target)/index.md', or link to one of the folder's pages")))
        }
        let suggestion = Suggestion.closest(to: target, in: candidates)
        return .problem(.error(
            kind == "image" ? "image.missing" : "link.broken",
            "\(kind) '\(link.destination)' "
                + (target == link.destination ? "points to a file that does not exist" : "points to '\(target)', which does not exist")
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
            at: link.location, fixIt: .init(suggestion.map { "point it at '\($0)'" }
                ?? "create '\(target)' in the content folder, or correct the path (it is relative to this page; a leading / starts at the content folder)")))
    }
}
