import DocgenMarkdown
import DocgenRender
import DocgenVerify

/// Renders one page's tree right after it is loaded, on the same task: the body (its links pointing
/// to the generated pages, which the content inventory already knows), its print version and its
/// search entry. Whether the links' targets and anchors exist is checked later,
/// once every page is loaded, from the pages' anchors alone.
struct PageBodyRenderer: Sendable {
    /// Resolves destinations against the inventory's pages; it checks no anchors.
    let targets: LinkResolver
    /// The body renderer.
    let renderer: HTMLRenderer
    /// Output paths of every page, for turning links into anchors of the print page; nil without a print page.
    let printTargets: Set<String>?

    /// The rendered body of the page at `inventoryIndex` of the inventory, whose tree is `tree`.
    /// The caller hands the tree over (`consuming`), so links are rewritten in place without copying it;
    /// `transcripts` are the page's shell sessions verification parsed already, by text.
    func render(
        _ tree: consuming MarkdownTree, page: Page, links: [LinkReference], inventoryIndex: Int, transcripts: [String: Transcript] = [:]
    ) -> PageBody {
        let (rewrites, linkTargets) = targets.rewrites(links, ofPage: inventoryIndex, contentPath: page.source.contentPath)
        guard let printTargets else {
            var codeBlocks = CodeBlockMemo(transcripts: transcripts, remembersHTML: false)
            return PageBody(
                html: renderer.render(tree, codeBlocks: &codeBlocks, destinations: rewrites), printHTML: nil,
                search: SearchPage(title: page.title, path: page.outputPath, tree: tree), linkTargets: linkTargets)
        }
        // The print tree is made from the rewritten one, whose links it turns into the print page's anchors.
        if !rewrites.isEmpty { LinkRewriter.apply(rewrites, to: &tree) }
        // The print version has the same code blocks: highlight each once for both.
        var codeBlocks = CodeBlockMemo(transcripts: transcripts)
        let printHTML = renderer.render(
            PrintPageBuilder.printTree(tree, outputPath: page.outputPath, pages: printTargets), codeBlocks: &codeBlocks)
        return PageBody(
            html: renderer.render(tree, codeBlocks: &codeBlocks), printHTML: printHTML,
            search: SearchPage(title: page.title, path: page.outputPath, tree: tree), linkTargets: linkTargets)
    }
}
