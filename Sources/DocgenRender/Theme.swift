import DocgenCore
import Foundation
import Mustache

/// A site theme: Mustache templates and static assets, the bundled default with a site's files laid over it.
///
/// A site's `themes/NAME/templates/X.mustache` replaces the default `X.mustache`, and
/// `themes/NAME/assets/Y` replaces or adds the asset `Y`, one file at a time (as mdBook does).
public struct Theme: Sendable {
    /// The parsed templates by name (file name without `.mustache`), partials included.
    public let library: MustacheLibrary
    /// Asset files to copy into the site's `assets/` folder: output-relative path to source file.
    public let assets: [String: URL]
    /// Where each template came from, for error messages.
    public let templateSources: [String: String]
    /// The templates compiled for docgen's own renderer, which `render` uses before swift-mustache;
    /// nil when `DOCGEN_TEMPLATE_ENGINE=mustache` asks for swift-mustache alone (to compare the two).
    let compiledTemplates: CompiledTemplateLibrary?

    /// The folder of the bundled default theme.
    public static func defaultThemeDirectory() throws -> URL {
        try BundledResources.directory(named: "default-theme", module: "DocgenRender")
    }

    /// Loads the default theme, then the files of `overrideDirectory` (if any) over it.
    /// - Parameter displayRoot: the project folder, so errors name override files relative to it.
    public static func load(overrideDirectory: URL?, displayRoot: URL) throws -> Theme {
        let defaultDirectory = try defaultThemeDirectory()
        var sources: [String: (url: URL, display: String)] = [:]
        var assets: [String: URL] = [:]
        for (base, isOverride) in [(defaultDirectory, false), (overrideDirectory, true)] {
            guard let base else { continue }
            for (relative, url) in try files(under: base.appendingPathComponent("templates"), extension: "mustache") {
                let name = String(relative.dropLast(".mustache".count))
                let display = isOverride ? displayPath(url, relativeTo: displayRoot) : "default theme: templates/\(relative)"
                sources[name] = (url, display)
            }
            for (relative, url) in try files(under: base.appendingPathComponent("assets"), extension: nil) {
                assets[relative] = url
            }
        }
        var library = MustacheLibrary()
        var templateSources: [String: String] = [:]
        var texts: [String: String] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let text: String
            do {
                text = try String(contentsOf: source.url, encoding: .utf8)
            } catch {
                throw DocgenError(
                    "cannot read template '\(name)' (it must be a regular UTF-8 text file): \(error.localizedDescription)",
                    id: "theme.unreadable", at: SourceLocation(file: source.display, line: 1, column: 1))
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw DocgenError(
                    "template '\(name)' has a syntax error: \(explain(error.error)); fix the template at this place", id: "theme.template-syntax",
                    at: SourceLocation(file: source.display, line: error.context.lineNumber, column: error.context.columnNumber))
            }
            templateSources[name] = source.display
            texts[name] = text
        }
        if let cycle = PartialCycleCheck.check(templates: texts, sources: templateSources) { throw cycle }
        for required in ["page", "404"] where library.getTemplate(named: required) == nil {
            throw DocgenError("theme has no '\(required).mustache' template")
        }
        // swift-mustache parsed every template above: its errors are the ones reported, and it
        // renders whatever the compiled renderer does not implement.
        let compiled = ProcessInfo.processInfo.environment["DOCGEN_TEMPLATE_ENGINE"] == "mustache" ? nil : CompiledTemplateLibrary(texts: texts)
        return Theme(library: library, assets: assets, templateSources: templateSources, compiledTemplates: compiled)
    }

    /// Renders `template` with `context` (a `[String: Any]` or a `TemplateObject`); a missing template is a `DocgenError`.
    ///
    /// The compiled renderer gives the same bytes as swift-mustache at a fraction of its cost; a
    /// template it cannot render (see `CompiledTemplateLibrary`) is rendered by swift-mustache.
    public func render(_ template: String, context: Any) throws -> String {
        if let html = compiledTemplates?.render(template, context: context) { return html }
        return try renderWithMustache(template, context: context)
    }

    /// `render`'s result as UTF-8 bytes: a page written to a file needs no `String` (making one
    /// checks every byte again).
    public func renderUTF8(_ template: String, context: Any) throws -> [UInt8] {
        if let bytes = compiledTemplates?.renderUTF8(template, context: context) { return bytes }
        return Array(try renderWithMustache(template, context: context).utf8)
    }

    /// Renders `template` with swift-mustache alone.
    func renderWithMustache(_ template: String, context: Any) throws -> String {
        guard let html = library.render(context, withTemplate: template) else {
            throw DocgenError("theme has no template named '\(template)'")
        }
        return html
    }

    /// Mustache's error cases in words a theme author understands.
    private static func explain(_ error: any Error) -> String {
        guard let parseError = error as? MustacheTemplate.Error else { return "\(error)" }
        switch parseError {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with ({{/x}} must match {{#x}})"
        case .unfinishedName: return "a tag is not finished with '}}'"
        case .expectedSectionEnd: return "a section opened with {{#x}} or {{^x}} is never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag {{=<% %>=}} is malformed"
        default: return "\(parseError)"
        }
    }

    private static func files(under directory: URL, extension fileExtension: String?) throws -> [(String, URL)] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        guard let enumerator = manager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [(String, URL)] = []
        let basePath = directory.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if let fileExtension, url.pathExtension != fileExtension { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(basePath + "/") else { continue }
            result.append((String(path.dropFirst(basePath.count + 1)), url))
        }
        return result
    }

    private static func displayPath(_ url: URL, relativeTo root: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
    }
}
