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
        }
        let root = CmarkParser.parse(split.body, lineOffset: split.bodyStartLine - 1)
        return (MarkdownDocument(frontMatter: frontMatter, root: root), diagnostics)
    }
}
