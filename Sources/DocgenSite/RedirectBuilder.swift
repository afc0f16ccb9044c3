import DocgenCore
import DocgenMarkdown
import DocgenRender

/// Redirect stubs for pages' `aliases:`, so moving a page never breaks a bookmark.
///
/// An alias without a leading `/` is relative to the page's folder (`aliases: [old-name.md]` on
/// `jobs/saga.md` keeps `jobs/old-name.html` working); with `/` it is relative to the site root.
struct RedirectBuilder {
    /// A stub to write.
    struct Redirect {
        var path: String
        var html: String
    }

    /// The stubs of every page's aliases, and diagnostics for aliases that clash with pages or each other.
    static func redirects(for pages: [Page]) -> ([Redirect], [Diagnostic]) {
        let taken = Set(pages.map(\.outputPath))
        var claimed: [String: String] = [:]
        var redirects: [Redirect] = []
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for alias in page.frontMatter.aliases {
                let at = SourceLocation(file: page.source.displayPath, line: 1, column: 1)
                let base = alias.hasPrefix("/") ? "" : page.contentDirectory
                guard let resolved = SitePath.resolve(alias, from: base), !resolved.isEmpty else {
                    diagnostics.append(.error("alias.outside-content", "alias '\(alias)' points outside the site", at: at))
                    continue
                }
                let path = outputPath(of: resolved)
                if taken.contains(path) {
                    diagnostics.append(.error(
                        "alias.conflict", "alias '\(alias)' would replace the page at '\(path)'", at: at,
                        fixIt: .init("remove the alias, or move the other page")))
                    continue
                }
                if let other = claimed[path], other != page.source.displayPath {
                    diagnostics.append(.error("alias.conflict", "alias '\(alias)' is also an alias of '\(other)'", at: at))
                    continue
                }
                claimed[path] = page.source.displayPath
                let target = HTMLEscaping.escape(SitePath.relativeURL(from: path, to: page.outputPath))
                let title = HTMLEscaping.escape(page.title)
                let html = """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                    <meta charset="utf-8">
                    <title>\(title)</title>
                    <meta http-equiv="refresh" content="0; url=\(target)">
                    <link rel="canonical" href="\(target)">
                    <meta name="robots" content="noindex">
                    </head>
                    <body>
                    <p>This page has moved to <a href="\(target)">\(title)</a>.</p>
                    </body>
                    </html>

                    """
                redirects.append(Redirect(path: path, html: html))
            }
        }
        return (redirects, diagnostics)
    }

    /// `old/saga.md` and `old/saga` become `old/saga.html`; `old/` becomes `old/index.html`.
    private static func outputPath(of alias: String) -> String {
        let lowered = alias.lowercased()
        if lowered.hasSuffix(".html") { return alias }
        if lowered.hasSuffix(".md") { return String(alias.dropLast(3)) + ".html" }
        if lowered.hasSuffix(".markdown") { return String(alias.dropLast(9)) + ".html" }
        if alias.hasSuffix("/") { return alias + "index.html" }
        return alias + ".html"
    }
}
