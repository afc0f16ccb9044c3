/// A parsed Markdown file: its front matter and the body's node tree, with line numbers of the whole file.
public struct MarkdownDocument: Sendable, Hashable {
    /// The front matter, empty when the file has none.
    public var frontMatter: FrontMatter
    /// The body's tree; its ranges count lines from the top of the file, front matter included.
    public var tree: MarkdownTree

    /// Creates a document.
    public init(frontMatter: FrontMatter, tree: MarkdownTree) {
        self.frontMatter = frontMatter
        self.tree = tree
    }
}
