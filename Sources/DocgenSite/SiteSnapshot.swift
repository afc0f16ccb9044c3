import DocgenCore
import DocgenRender
import DocgenVerify
import Foundation

/// Everything a full build of `docgen serve` worked out that an edit of one page's text leaves as it
/// is: the theme, the navigation and site context, the link targets, and where each page sits. With
/// it `PageEditBuilder` rebuilds an edited page without listing, stamping or linking the rest.
struct SiteSnapshot: Sendable {
    /// Where one Markdown file sits in the build.
    struct Slot: Sendable {
        var entry: ContentInventory.PageEntry
        /// Its position in the inventory (link rewriting numbers pages this way).
        var inventoryIndex: Int
        /// Its position among the built pages (navigation and site context number pages this way).
        var pageIndex: Int
    }

    var theme: Theme
    var site: SiteContext
    var resolver: LinkResolver
    var pageLoader: PageLoader
    var bodyRenderer: PageBodyRenderer
    /// The memo context digest the build stored its pages under.
    var memoContext: String
    /// The digest of every page's anchors the build's link checks hold for.
    var anchorsDigest: String
    /// Built pages by the standardized path of their Markdown file.
    var slots: [String: Slot]
    /// Content paths of the built pages, in page order.
    var contentPaths: [String]
    /// The build's diagnostics, sorted as `DiagnosticEngine` sorts them.
    var diagnostics: [Diagnostic]
    /// The build's code-block reports.
    var blocks: [BlockReport]
    /// The build's `--bless` edits.
    var edits: [SourceEdit]
    /// Pages edited since the served folder was last written (by content path): an edit with
    /// errors is not written, so the next good one writes them too.
    var unwritten: [String: Slot] = [:]
}
