/// What rendering a page's tree leaves behind: the HTML and the small values the site-wide steps
/// need. The tree itself is dropped once this is made.
struct PageBody: Sendable {
    /// The article body HTML, links already pointing at the generated pages.
    var html: String
    /// The body as a section of `print.html` (ids and links made unique on the one page), when the site has it.
    var printHTML: String?
    /// What the search index keeps of the page.
    var search: SearchPage
    /// Per link of the page, what it pointed at in the content inventory (see `LinkResolver.problems`).
    var linkTargets: [LinkTarget] = []
}
