import DocgenCore
import DocgenMarkdown
import DocgenVerify
import Foundation

/// Reads and parses one Markdown file into a `Page`, checking what can be checked within the page.
struct PageLoader: Sendable {
    /// Checks the info strings of every fenced code block.
    var infoStringValidator = InfoStringValidator()
    /// Verifies the page's code blocks.
    var verifier: PageVerifier

    /// What loading a page produced.
    struct Result: Sendable {
        var page: Page?
        /// The page's body tree: rendered right after loading and then dropped, so a big site never
        /// holds every page's tree at once.
        var tree: MarkdownTree?
        var links: [LinkReference]
        var diagnostics: [Diagnostic]
        var reports: [BlockReport] = []
        var edits: [SourceEdit] = []
        /// The shell sessions verification parsed, by text, for rendering the tree; dropped with it.
        var transcripts: [String: Transcript] = [:]
        /// The rendered body, once `PageBodyRenderer` has made it.
        var body: PageBody?

        /// The tree and its parsed shell sessions, for rendering; the result keeps neither.
        mutating func takeTree() -> (tree: MarkdownTree, transcripts: [String: Transcript])? {
            defer { transcripts = [:] }
            return tree.take().map { ($0, transcripts) }
        }
    }

    /// A page parsed and walked, its code blocks not yet verified. `load` is `prepare` then `finish`,
    /// split so a group of pages can have their job scripts' bash syntax checked in one batch between.
    struct Prepared {
        fileprivate var file: SourceFile
        fileprivate var outputPath: String
        fileprivate var isIndex: Bool
        /// The whole result when the file could not be read.
        fileprivate var unreadable: Result?
        fileprivate var diagnostics: [Diagnostic] = []
        fileprivate var frontMatter = FrontMatter()
        fileprivate var tree = MarkdownTree()
        fileprivate var title: String?
        fileprivate var headings: [Page.Heading] = []
        fileprivate var anchors: Set<String> = []
        fileprivate var links: [LinkReference] = []
        /// The fenced code blocks, with their info-string problems, in page order.
        var snippets: [(snippet: CodeSnippet, infoErrors: [Diagnostic])] = []
        /// Each block's `PageVerifier.kind(of:)`, decided once (it can scan the whole block).
        lazy var kinds: [PageVerifier.Kind] = snippets.map { PageVerifier.kind(of: $0.snippet) }
    }

    /// Reads, parses and checks one page.
    func load(_ file: SourceFile, outputPath: String, isIndex: Bool) -> Result {
        var prepared = prepare(file, outputPath: outputPath, isIndex: isIndex)
        return finish(&prepared)
    }

    /// Reads and parses the page and collects its headings, anchors, links and code blocks.
    func prepare(_ file: SourceFile, outputPath: String, isIndex: Bool) -> Prepared {
        var prepared = Prepared(file: file, outputPath: outputPath, isIndex: isIndex)
        var diagnostics: [Diagnostic] = []
        guard let text = SourceDecoder.read(file, diagnostics: &diagnostics) else {
            prepared.unreadable = Result(page: nil, tree: nil, links: [], diagnostics: diagnostics)
            return prepared
        }
        var (document, frontMatterDiagnostics) = MarkdownParser.parse(text, file: file.displayPath)
        diagnostics += frontMatterDiagnostics
        let mapper = LocationMapper(file: file.displayPath, text: text)

        // The tree is taken out of the document, not shared with it, so the passes below change it in place.
        var tree = MarkdownTree()
        swap(&tree, &document.tree)
        var title = document.frontMatter.title
        if title == nil, let first = tree.firstChild(of: MarkdownTree.root), case .heading(level: 1, _) = tree[first].kind {
            // The theme prints the title as the page's h1, so a leading "# Title" becomes the title.
            title = tree.plainText(of: first)
            tree.removeSubtree(at: first)
        }
        AlertTransform.apply(&tree)
        HeadingIDTransform.apply(&tree)

        var headings: [Page.Heading] = []
        var anchors: Set<String> = []
        var links: [LinkReference] = []
        var snippets: [(snippet: CodeSnippet, infoErrors: [Diagnostic])] = []
        tree.withView { nodes in
            for index in 0..<nodes.count {
                switch nodes[index].kind {
                case .heading(let level, let id):
                    headings.append(Page.Heading(level: level, title: nodes.plainText(of: index), id: id, location: mapper.location(of: nodes[index].range)))
                    anchors.insert(id)
                case .footnoteDefinition(let label), .footnoteReference(let label):
                    anchors.insert("fn-\(HeadingSlugger.slug(label))")
                    anchors.insert("fnref-\(HeadingSlugger.slug(label))")
                case .link(let destination, _):
                    links.append(LinkReference(destination: destination, isImage: false, location: mapper.location(of: nodes[index].range)))
                case .image(let destination, _):
                    links.append(LinkReference(destination: destination, isImage: true, location: mapper.location(of: nodes[index].range)))
                case .codeBlock(let info, let literal, let fenced) where fenced:
                    let snippet = codeSnippet(info: info, code: literal, range: nodes[index].range, mapper: mapper)
                    snippets.append((snippet, infoStringValidator.verify(snippet)))
                default:
                    break
                }
            }
        }
        diagnostics += HeadingOutlineCheck.check(tree: tree, headings: headings)
        prepared.diagnostics = diagnostics
        prepared.frontMatter = document.frontMatter
        prepared.title = title
        prepared.headings = headings
        prepared.anchors = anchors
        prepared.links = links
        prepared.snippets = snippets
        swap(&prepared.tree, &tree)
        return prepared
    }

    /// Verifies the page's code blocks and makes the page; the tree moves from `prepared` into the result.
    func finish(_ prepared: inout Prepared) -> Result {
        if let unreadable = prepared.unreadable { return unreadable }
        var tree = MarkdownTree()
        swap(&tree, &prepared.tree)
        var diagnostics = prepared.diagnostics
        let verification = verifier.verify(prepared.snippets, kinds: prepared.kinds)
        diagnostics += verification.diagnostics
        if !verification.templates.isEmpty {
            for index in 0..<tree.count {
                guard case .codeBlock = tree[index].kind, let line = tree[index].range?.startLine, let template = verification.templates[line] else { continue }
                tree.setKind(.jobTemplate(template), at: index)
            }
        }

        let page = Page(
            source: prepared.file,
            outputPath: prepared.outputPath,
            title: prepared.title ?? Self.fallbackTitle(for: prepared.file, isIndex: prepared.isIndex),
            frontMatter: prepared.frontMatter,
            headings: prepared.headings,
            anchors: prepared.anchors,
            isIndex: prepared.isIndex,
            templates: verification.templates.isEmpty ? [] : Self.placedTemplates(in: tree)
        )
        return Result(
            page: page, tree: tree, links: prepared.links,
            diagnostics: diagnostics, reports: verification.reports, edits: verification.edits, transcripts: verification.transcripts)
    }

    /// The page's job-script templates, each with the heading it sits under (for the templates page).
    static func placedTemplates(in tree: MarkdownTree) -> [Page.Template] {
        var templates: [Page.Template] = []
        var heading: (title: String, id: String)?
        for index in 0..<tree.count {
            switch tree[index].kind {
            case .heading(_, let id): heading = (tree.plainText(of: index), id)
            case .jobTemplate(let template):
                templates.append(Page.Template(template: template, sectionTitle: heading?.title, sectionID: heading?.id))
            default: break
            }
        }
        return templates
    }

    private func codeSnippet(info: String, code: String, range: SourceRange?, mapper: LocationMapper) -> CodeSnippet {
        let fenceLine = range?.startLine ?? 1
        var infoColumn = 1
        if let line = mapper.line(fenceLine) {
            // The info string starts after the indentation, the fence characters and any spaces.
            var index = line.startIndex
            var column = 1
            while index < line.endIndex, line[index] == " " { index = line.index(after: index); column += 1 }
            while index < line.endIndex, line[index] == "`" || line[index] == "~" { index = line.index(after: index); column += 1 }
            while index < line.endIndex, line[index] == " " || line[index] == "\t" { index = line.index(after: index); column += 1 }
            infoColumn = column
        }
        return CodeSnippet(
            info: InfoString(info), code: code,
            infoLocation: SourceLocation(file: mapper.file, line: fenceLine, column: infoColumn),
            firstCodeLine: fenceLine + 1)
    }

    /// `saga-jobs.md` reads as "Saga jobs"; an index page takes its folder's name.
    static func fallbackTitle(for file: SourceFile, isIndex: Bool) -> String {
        let components = file.contentPath.split(separator: "/")
        var name = String(components.last ?? "")
        if isIndex {
            guard components.count > 1 else { return "Home" }
            name = String(components[components.count - 2])
        }
        if let dot = name.lastIndex(of: "."), !isIndex { name = String(name[..<dot]) }
        return humanize(name)
    }

    /// Dashes and underscores become spaces and the first letter is capitalised.
    static func humanize(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
