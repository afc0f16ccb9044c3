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
        var links: [LinkReference]
        var templates: [JobTemplate] = []
        var diagnostics: [Diagnostic]
        var reports: [BlockReport] = []
        var edits: [SourceEdit] = []
    }

    func load(_ file: SourceFile, outputPath: String, isIndex: Bool) -> Result {
        var diagnostics: [Diagnostic] = []
        let start = SourceLocation(file: file.displayPath, line: 1, column: 1)
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            diagnostics.append(.error(
                "file.unreadable", "cannot read this file: \(error.localizedDescription)", at: start,
                fixIt: .init("check the file's permissions")))
            return Result(page: nil, links: [], diagnostics: diagnostics)
        }
        let text = decode(data, file: file, diagnostics: &diagnostics)
        let (document, frontMatterDiagnostics) = MarkdownParser.parse(text, file: file.displayPath)
        diagnostics += frontMatterDiagnostics
        let mapper = LocationMapper(file: file.displayPath, text: text)

        var root = document.root
        var title = document.frontMatter.title
        if title == nil, let first = root.children.first, case .heading(level: 1, _) = first.kind {
            // The theme prints the title as the page's h1, so a leading "# Title" becomes the title.
            title = first.plainText
            root.children.removeFirst()
        }
        root = HeadingIDTransform.apply(to: AlertTransform.apply(to: root))

        var headings: [Page.Heading] = []
        var anchors: Set<String> = []
        var links: [LinkReference] = []
        var snippets: [(snippet: CodeSnippet, infoErrors: [Diagnostic])] = []
        root.forEach { node in
            switch node.kind {
            case .heading(let level, let id):
                headings.append(Page.Heading(level: level, title: node.plainText, id: id, location: mapper.location(of: node.range)))
                anchors.insert(id)
            case .footnoteDefinition(let label), .footnoteReference(let label):
                anchors.insert("fn-\(HeadingSlugger.slug(label))")
                anchors.insert("fnref-\(HeadingSlugger.slug(label))")
            case .link(let destination, _):
                links.append(LinkReference(destination: destination, isImage: false, location: mapper.location(of: node.range)))
            case .image(let destination, _):
                links.append(LinkReference(destination: destination, isImage: true, location: mapper.location(of: node.range)))
            case .codeBlock(let info, let literal, let fenced) where fenced:
                let snippet = codeSnippet(info: info, code: literal, range: node.range, mapper: mapper)
                snippets.append((snippet, infoStringValidator.verify(snippet)))
            default:
                break
            }
        }
        diagnostics += HeadingOutlineCheck.check(root: root, headings: headings)
        let verification = verifier.verify(snippets)
        diagnostics += verification.diagnostics
        if !verification.templates.isEmpty {
            root = root.rewritten { node in
                guard case .codeBlock = node.kind, let line = node.range?.startLine, let template = verification.templates[line] else { return node }
                return MarkdownNode(.jobTemplate(template), range: node.range)
            }
        }

        let page = Page(
            source: file,
            outputPath: outputPath,
            title: title ?? Self.fallbackTitle(for: file, isIndex: isIndex),
            frontMatter: document.frontMatter,
            root: root,
            headings: headings,
            anchors: anchors,
            isIndex: isIndex
        )
        return Result(
            page: page, links: links, templates: verification.templates.sorted { $0.key < $1.key }.map(\.value),
            diagnostics: diagnostics, reports: verification.reports, edits: verification.edits)
    }

    private func decode(_ data: Data, file: SourceFile, diagnostics: inout [Diagnostic]) -> String {
        if let text = String(validating: data, as: UTF8.self) {
            return text
        }
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break decoding
            case .error:
                break decoding
            }
        }
        diagnostics.append(.error(
            "file.invalid-utf8", "this file is not valid UTF-8 text (first bad byte here)",
            at: SourceLocation(file: file.displayPath, line: line, column: column),
            fixIt: .init("re-save the file as UTF-8 in your editor")))
        return String(decoding: data, as: UTF8.self)
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
