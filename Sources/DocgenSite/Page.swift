public import DocgenCore
public import DocgenMarkdown

/// One page of the site after parsing and page-local transforms.
public struct Page: Sendable {
    /// The Markdown file it comes from.
    public var source: SourceFile
    /// Where it is written in the site, e.g. `jobs/saga.html`.
    public var outputPath: String
    /// The title shown in the page, the navigation and the browser tab.
    public var title: String
    /// The front matter.
    public var frontMatter: FrontMatter
    /// The page's headings in order, for the table of contents and anchor checks.
    public var headings: [Heading]
    /// Every id a link may point at on this page (headings and footnotes).
    public var anchors: Set<String>
    /// Whether the page is its folder's landing page (`index.md` or `README.md`).
    public var isIndex: Bool
    /// The job-script templates generated on the page, in document order.
    public var templates: [Template] = []

    /// A job-script template and the section of the page it appears in.
    public struct Template: Sendable, Hashable {
        /// The generated template.
        public var template: JobTemplate
        /// The text of the heading above it, if any.
        public var sectionTitle: String?
        /// That heading's id.
        public var sectionID: String?
    }

    /// A heading of the page.
    public struct Heading: Sendable, Hashable {
        /// 1 to 6.
        public var level: Int
        /// The text without markup.
        public var title: String
        /// The unique id.
        public var id: String
        /// Where it is.
        public var location: SourceLocation
    }

    /// The folder of the page's source relative to the content root ("" at the root).
    public var contentDirectory: String { SitePath.directory(of: source.contentPath) }
}
