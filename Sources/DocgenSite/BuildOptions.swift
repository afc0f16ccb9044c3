public import Foundation

/// What to build and where: the CLI's arguments, resolved against the project folder.
public struct BuildOptions: Sendable {
    /// The project folder (holds `docgen.yml`, `content/`, `themes/`).
    public var projectDirectory: URL
    /// The content folder or single Markdown file; nil means the config's `content` (default `content/`).
    public var content: URL?
    /// The output folder; nil means `site/` in the project folder.
    public var output: URL?
    /// Overrides the config's `base_url`.
    public var baseURL: String?
    /// Whether pages marked `draft: true` are built.
    public var includeDrafts = false
    /// Whether to write the site; `docgen check` does everything else.
    public var writeOutput = true
    /// How much code block verification runs.
    public var verifyMode = VerifyMode.full
    /// Whether to write `print.html` whatever the site's size and settings (the single-file bundle needs it).
    public var forcePrintPage = false
    /// Whether verification results are cached in `.docgen-cache/` of the project.
    public var useCache = true
    /// What the previous build in this process left (`docgen serve`), so unchanged pages are reused.
    public var memo: BuildMemo?
    /// The files `docgen serve`'s watcher saw change since the memo's last build (standardized
    /// paths), or nil when unknown; with a memo, an edit of page text alone is rebuilt in place.
    public var changedPaths: Set<String>?

    /// Creates options for a project folder.
    public init(projectDirectory: URL) {
        self.projectDirectory = projectDirectory
    }
}
