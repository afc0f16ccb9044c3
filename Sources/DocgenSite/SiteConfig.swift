public import DocgenCore
public import DocgenVerify
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
    /// Cluster profiles the site adds, or that replace docgen's own of the same name.
    public var clusters: [ClusterProfile] = []
    /// Whether a code block that is neither verified nor skipped is an error.
    public var strictVerification = false
    /// Where a page's source can be edited: the page's path in the repository is appended
    /// (e.g. `https://github.com/org/guide/edit/main/`).
    public var editURL: String?
    /// Whether to write `print.html`, all pages on one page; nil means only for guides of up to 500 pages.
    public var printPage: Bool?
    /// The folder of host fixtures (`<host>/home/` seeds a transcript's sandbox), relative to the project.
    public var fixtures = "fixtures/hosts"

    /// The keys `docgen.yml` understands.
    public static let knownKeys = [
        "title", "description", "language", "base_url", "theme", "content", "footer", "home_title", "clusters",
        "strict_verification", "fixtures", "edit_url", "print_page",
    ]

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
            if key == "clusters" {
                do {
                    config.clusters = try YAMLDecoder().decode([ClusterProfile].self, from: value)
                } catch {
                    throw DocgenError(
                        "'clusters' must be a list of cluster profiles in docgen's profile format: \(error)", id: "config.bad-cluster",
                        at: SourceLocation(file: file, line: value.mark?.line ?? line, column: value.mark?.column ?? column))
                }
                continue
            }
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
            case "fixtures": config.fixtures = string
            case "edit_url": config.editURL = string
            case "print_page":
                guard let flag = value.bool else {
                    throw DocgenError("'print_page' must be true or false", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
                }
                config.printPage = flag
            case "strict_verification":
                guard let flag = value.bool else {
                    throw DocgenError("'strict_verification' must be true or false", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
                }
                config.strictVerification = flag
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
