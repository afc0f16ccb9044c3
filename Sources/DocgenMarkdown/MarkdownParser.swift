public import DocgenCore

/// Turns a Markdown file's text into a `MarkdownDocument`, with diagnostics for its front matter.
public enum MarkdownParser {
    /// Parses a whole page: byte-order mark, front matter, then the body through cmark-gfm.
    public static func parse(_ text: String, file: String) -> (MarkdownDocument, [Diagnostic]) {
        var source = text
        if source.hasPrefix("\u{FEFF}") { source.removeFirst() }
        let split = FrontMatterParser.split(source)
        var frontMatter = FrontMatter()
        var diagnostics: [Diagnostic] = []
        if let yaml = split.yaml {
            (frontMatter, diagnostics) = FrontMatterParser.parse(yaml, file: file, startLine: split.yamlStartLine)
        } else if FrontMatterParser.looksLikeUnclosedFrontMatter(source) {
            diagnostics.append(.warning(
                "frontmatter.unterminated",
                "the page starts with '---' and a 'key: value' line, but no second '---' closes the front matter, so it is shown as text",
                at: SourceLocation(file: file, line: 1, column: 1),
                fixIt: .init("add a line '---' after the last front matter line (or start the page with something else than '---')")))
        }
        let (tree, flattenedLine) = CmarkParser.parseLimitingDepth(split.body, lineOffset: split.bodyStartLine - 1)
        if let flattenedLine {
            diagnostics.append(.warning(
                "markdown.too-deep",
                "lists, quotes or emphasis are nested more than \(CmarkParser.maximumDepth) levels deep here; the deeper levels are shown flattened",
                at: SourceLocation(file: file, line: flattenedLine, column: 1),
                fixIt: .init("nest less deeply: split the list or quote into several shallower ones")))
        }
        diagnostics += BodyChecks.check(tree: tree, fullText: source, body: split.body, bodyStartLine: split.bodyStartLine, file: file)
        return (MarkdownDocument(frontMatter: frontMatter, tree: tree), diagnostics)
    }
}
