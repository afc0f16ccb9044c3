/// What a link pointed at when its page's body was rendered against the content inventory, so the
/// check after loading looks only at what loading can change: whether a target page was published
/// and whether an anchor exists. Resolving every link a second time was 4% of a big build.
enum LinkTarget: Sendable, Hashable {
    /// Nothing left to check: external, empty, or a file of the content folder.
    case settled
    /// An anchor of the link's own page (`#fragment`).
    case ownAnchor(String)
    /// A page of the inventory, with the link's decoded `#fragment` if it has one.
    case page(inventoryIndex: Int, fragment: String?)
    /// A problem, or anything else the check must resolve again from scratch.
    case unsettled
}
