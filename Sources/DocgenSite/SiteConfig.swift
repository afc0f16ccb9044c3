public import DocgenCore
public import DocgenVerify
import DocgenMarkdown
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
    /// Whether raw HTML in pages is written as it is (only GitHub's tagfilter applied) instead of
    /// sanitised; for sites whose every author is trusted and that need scripts or embeds in pages.
    public var unsafeHTML = false

    /// The keys `docgen.yml` understands.
    public static let knownKeys = [
        "title", "description", "language", "base_url", "theme", "content", "footer", "home_title", "clusters",
        "strict_verification", "fixtures", "edit_url", "print_page", "unsafe_html",
    ]

    /// Where each key was set in `docgen.yml`, so later checks (a missing theme) can point at it.
    public var keyLocations: [String: SourceLocation] = [:]

    /// Creates the default configuration.
    public init() {}

    /// Where `key` was set, or the top of `docgen.yml` when it was not.
    public func location(of key: String) -> SourceLocation {
        keyLocations[key] ?? SourceLocation(file: "docgen.yml", line: 1, column: 1)
    }

    /// Reads the `docgen.yml` at `url`, or nil when there is none. Only a regular file is read (a FIFO
    /// would block the build forever), and text that is not UTF-8 is reported with its place.
    public static func load(from url: URL) throws -> (SiteConfig, [Diagnostic])? {
        let file = url.lastPathComponent
        let start = SourceLocation(file: file, line: 1, column: 1)
        switch FileKind(path: url.path, followingLinks: true) {
        case .regular: break
        case .missing where FileKind(path: url.path, followingLinks: false) == .missing: return nil
        case let kind:
            let reason = kind.unreadableReason(path: url.path) ?? "it is not a regular file"
            throw DocgenError("cannot read \(file): \(reason); make it a regular YAML file or remove it", id: "config.unreadable", at: start)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DocgenError("cannot read \(file): \(error.localizedDescription); check its permissions", id: "config.unreadable", at: start)
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = Data(bytes.dropFirst(3)) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DocgenError(
                "\(file) is not UTF-8 text; re-save it as UTF-8 in your editor", id: "config.invalid-utf8", at: start)
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
            throw DocgenError(
                "\(file) contains a NUL byte (0x00), which a YAML file never contains; delete it (your editor may show it as ^@)",
                id: "config.invalid-utf8", at: SourceLocation(file: file, line: line, column: 1))
        }
        return try parse(text, file: file)
    }

    /// A decoding error in words: where in the profile, and what was expected.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the value" : keys.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }.joined(separator: " > ")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) is not \(type == String.self ? "text" : "a \(type)")".replacingOccurrences(of: "Sequence", with: "list")
        case .keyNotFound(let key, let context): return "\(path(context.codingPath)) has no '\(key.stringValue)'"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) is empty"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Reads `docgen.yml` text; a file that is not a YAML mapping or has wrong types is a `DocgenError`,
    /// unknown keys are warnings.
    public static func parse(_ text: String, file: String) throws -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        var diagnostics: [Diagnostic] = []
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            var detail = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            var at = SourceLocation(file: file, line: 1, column: 1)
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                detail = FrontMatterParser.readable(problem)
                at = SourceLocation(file: file, line: mark.line, column: mark.column)
            default:
                break
            }
            throw DocgenError(
                "\(file) is not valid YAML: \(detail); fix it at this place (settings are 'key: value' lines, like 'title: My guide')",
                id: "config.invalid-yaml", at: at)
        } catch {
            throw DocgenError(
                "\(file) is not valid YAML: \(error); settings are 'key: value' lines, like 'title: My guide'",
                id: "config.invalid-yaml", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let node else { return (config, diagnostics) }
        guard case .mapping(let mapping) = node else {
            throw DocgenError(
                "\(file) must be a mapping of settings, like 'title: My guide', not a list or a single value; write one 'key: value' per line",
                id: "config.not-mapping",
                at: SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1))
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = (keyNode.mark?.line ?? 1)
            let column = (keyNode.mark?.column ?? 1)
            config.keyLocations[key] = SourceLocation(file: file, line: line, column: column)
            if key == "clusters" {
                do {
                    config.clusters = try YAMLDecoder().decode([ClusterProfile].self, from: value)
                } catch {
                    throw DocgenError(
                        "'clusters' must be a list of cluster profiles (\(Self.describe(error))); use the format of docgen's own profiles in Sources/DocgenVerify/Resources/clusters/",
                        id: "config.bad-cluster",
                        at: SourceLocation(file: file, line: value.mark?.line ?? line, column: value.mark?.column ?? column))
                }
                continue
            }
            guard case .scalar(let scalar) = value else {
                throw DocgenError(
                    "'\(key)' must be a single value, not a list or a mapping; write it as '\(key): text'", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
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
                    throw DocgenError("'print_page' must be true or false; write 'print_page: true' or 'print_page: false'", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
                }
                config.printPage = flag
            case "unsafe_html":
                guard let flag = value.bool else {
                    throw DocgenError("'unsafe_html' must be true or false; write 'unsafe_html: true' or 'unsafe_html: false'", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
                }
                config.unsafeHTML = flag
            case "strict_verification":
                guard let flag = value.bool else {
                    throw DocgenError("'strict_verification' must be true or false; write 'strict_verification: true' or 'strict_verification: false'", id: "config.wrong-type", at: SourceLocation(file: file, line: line, column: column))
                }
                config.strictVerification = flag
            default:
                diagnostics.append(.warning(
                    "config.unknown-key",
                    "unknown setting '\(key)'\(Suggestion.didYouMean(key, in: knownKeys)); docgen ignores it",
                    at: SourceLocation(file: file, line: line, column: column),
                    fixIt: .init("correct or remove the setting; docgen knows \(knownKeys.joined(separator: ", "))")))
            }
        }
        return (config, diagnostics)
    }
}
