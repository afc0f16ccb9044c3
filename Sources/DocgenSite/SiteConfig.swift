public import DocgenCore
import Foundation
import Yams

/// The site's settings from `docgen.yml`; every key is optional.
public struct SiteConfig: Sendable, Hashable {
    /// The site's name, shown in the header and page titles.
    public var title = "Documentation"
    /// A one-line description of the site.
    public var description: String?
    /// The language of the content, for `<html lang>`.
    public var language = "en"
    /// Where the site will be served, e.g. `https://wiki.example.org/hpc/`; used for canonical links and the sitemap.
    public var baseURL: String?
    /// The theme folder under `themes/` that overrides the default theme's files.
    public var theme: String?
    /// Where the Markdown lives, relative to the project folder.
    public var content = "content"
    /// Text shown in the footer.
    public var footer: String?
    /// The label of the home link in the sidebar.
    public var homeTitle = "Home"

    /// The keys `docgen.yml` understands.
    public static let knownKeys = ["title", "description", "language", "base_url", "theme", "content", "footer", "home_title"]

    /// Creates the default configuration.
    public init() {}

    /// Reads `docgen.yml` text; a file that is not a YAML mapping or has wrong types is a `DocgenError`,
    /// unknown keys are warnings.
    public static func parse(_ text: String, file: String) throws -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        var diagnostics: [Diagnostic] = []
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let detail = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            throw DocgenError("docgen.yml is not valid YAML: \(detail)", id: "config.invalid-yaml", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let node else { return (config, diagnostics) }
        guard case .mapping(let mapping) = node else {
            throw DocgenError(
                "docgen.yml must be a mapping of settings, like 'title: My guide'", id: "config.not-mapping",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = (keyNode.mark?.line ?? 1)
            let column = (keyNode.mark?.column ?? 1)
            guard case .scalar(let scalar) = value else {
                throw DocgenError(
                    "'\(key)' must be a single value", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
            }
            let string = scalar.string
            switch key {
            case "title": config.title = string
            case "description": config.description = string
            case "language": config.language = string
            case "base_url": config.baseURL = string
            case "theme": config.theme = string
            case "content": config.content = string
            case "footer": config.footer = string
            case "home_title": config.homeTitle = string
            default:
                diagnostics.append(.warning(
                    "config.unknown-key",
                    "unknown setting '\(key)'\(Suggestion.didYouMean(key, in: knownKeys)); docgen ignores it",
                    at: SourceLocation(file: file, line: line, column: column)))
            }
        }
        return (config, diagnostics)
    }
}
