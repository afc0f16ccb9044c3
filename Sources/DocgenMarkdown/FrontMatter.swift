/// The YAML block at the top of a page: what docgen reads from it.
public struct FrontMatter: Hashable, Sendable {
    /// The page title; nil means "take it from the first heading or the file name".
    public var title: String?
    /// A one-sentence summary, used in the page's meta description.
    public var description: String?
    /// Sort key within a folder; lower comes first, pages without one come after those with one.
    public var weight: Int?
    /// Drafts are left out of the site unless drafts are asked for.
    public var draft: Bool
    /// Old paths of this page, kept working with redirects.
    public var aliases: [String]

    /// Creates front matter; every field is optional.
    public init(title: String? = nil, description: String? = nil, weight: Int? = nil, draft: Bool = false, aliases: [String] = []) {
        self.title = title
        self.description = description
        self.weight = weight
        self.draft = draft
        self.aliases = aliases
    }

    /// The keys docgen understands, for "did you mean" suggestions.
    public static let knownKeys = ["title", "description", "weight", "draft", "aliases"]
}
