import DocgenCore
import DocgenMarkdown
import DocgenRender
import DocgenVerify
import Foundation

/// The build pipeline: load config and content, parse pages (the only locked step), check links,
/// render pages in parallel, write the site into a staging folder and swap it in.
public struct SiteBuilder: Sendable {
    /// The version stamped into generated pages.
    public static let version = "0.1.0"

    private let options: BuildOptions

    /// Creates a builder for the given options.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the whole build. Content problems come back as diagnostics; a `DocgenError` means the
    /// environment or configuration is wrong (exit status 2). Nothing is written when there are errors.
    public func build() async throws -> BuildResult {
        let clock = ContinuousClock.now
        let diagnostics = DiagnosticEngine()
        let project = options.projectDirectory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocgenError("project folder \(project.path) does not exist")
        }

        // Configuration.
        var config = SiteConfig()
        let configURL = project.appendingPathComponent("docgen.yml")
        if FileManager.default.fileExists(atPath: configURL.path) {
            let text: String
            do { text = try String(contentsOf: configURL, encoding: .utf8) } catch {
                throw DocgenError("docgen.yml: cannot read: \(error.localizedDescription)")
            }
            let (parsed, configDiagnostics) = try SiteConfig.parse(text, file: "docgen.yml")
            config = parsed
            diagnostics.emit(contentsOf: configDiagnostics)
        }
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        let contentURL = (options.content ?? project.appendingPathComponent(config.content)).standardizedFileURL
        let outputURL = (options.output ?? project.appendingPathComponent("site")).standardizedFileURL
        try checkOutputIsSafe(outputURL, project: project, content: contentURL)

        // Theme.
        var themeOverride: URL?
        if let name = config.theme, name != "default" {
            let folder = project.appendingPathComponent("themes").appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw DocgenError("docgen.yml: theme '\(name)' not found: expected a folder themes/\(name)/")
            }
            themeOverride = folder
        }
        let theme = try Theme.load(overrideDirectory: themeOverride, displayRoot: project)

        // Verification: cluster profiles (docgen's, then the site's), host fixtures, the cache.
        let catalogs = try LazyCatalog(siteProfiles: config.clusters)
        let cacheDirectory = options.useCache ? project.appendingPathComponent(".docgen-cache/verify") : nil
        var environment = VerificationEnvironment(
            catalogs: catalogs, hostFixtures: project.appendingPathComponent(config.fixtures),
            cache: VerificationCache(directory: cacheDirectory), mode: options.verifyMode, strict: config.strictVerification)

        environment.rendersPages = options.writeOutput

        // Content inventory.
        let loader = ContentLoader(contentURL: contentURL, projectURL: project)
        let files = try loader.load()
        let inventory = ContentInventory(files: files, singleFile: loader.isSingleFile)
        diagnostics.emit(contentsOf: inventory.diagnostics)

        // Parse every page; cmark-gfm's lock serialises only the parse inside each task.
        let pageLoader = PageLoader(verifier: PageVerifier(environment: environment))
        let loaded = await inventory.pages.parallelMap { entry in
            pageLoader.load(entry.file, outputPath: entry.outputPath, isIndex: entry.isIndex)
        }
        var pages: [Page] = []
        var pageLinks: [[LinkReference]] = []
        var drafts: Set<String> = []
        var blocks: [BlockReport] = []
        var edits: [SourceEdit] = []
        for result in loaded {
            diagnostics.emit(contentsOf: result.diagnostics)
            blocks += result.reports
            edits += result.edits
            guard let page = result.page else { continue }
            if page.frontMatter.draft, !options.includeDrafts {
                drafts.insert(page.source.contentPath)
                continue
            }
            pages.append(page)
            pageLinks.append(result.links)
        }
        if pages.isEmpty {
            diagnostics.emit(.error(
                "content.empty", "no Markdown pages found in \(loader.display(contentURL))",
                at: SourceLocation(file: loader.display(contentURL), line: 1, column: 1),
                fixIt: .init("add an index.md to the content folder")))
        }

        let (redirects, redirectDiagnostics) = RedirectBuilder.redirects(for: pages)
        diagnostics.emit(contentsOf: redirectDiagnostics)

        // Cross-page passes: navigation and links.
        let navigation = NavigationTree(pages: pages)
        let resolver = LinkResolver(pages: pages, assets: Set(inventory.assets.map(\.contentPath)), drafts: drafts)
        let history = options.writeOutput ? GitHistory(content: contentURL) : nil
        let site = SiteContext(config: config, navigation: navigation, pages: pages, generator: "docgen \(Self.version)", history: history, forcePrintPage: options.forcePrintPage)

        let writer: OutputWriter? = options.writeOutput ? try OutputWriter(destination: outputURL) : nil
        let indices = Array(pages.indices)
        let finalPages = pages, finalLinks = pageLinks
        let renderer = HTMLRenderer()
        let failures = await indices.parallelMap { index -> Result<([Diagnostic], SearchPage?), DocgenError> in
            var page = finalPages[index]
            let (rewrites, linkDiagnostics) = resolver.resolve(finalLinks[index], ofPage: index, contentPath: page.source.contentPath)
            // `check` writes nothing, and templates were parsed when the theme loaded, so rendering
            // could find no further problem: it is skipped.
            guard writer != nil else { return .success((linkDiagnostics, nil)) }
            if !rewrites.isEmpty { page.root = LinkRewriter.apply(rewrites, to: page.root) }
            let body = renderer.render(page.root)
            do {
                let html = try theme.render("page", context: site.context(forPage: index, body: body))
                try writer?.write(Data(html.utf8), to: page.outputPath)
            } catch let error as DocgenError {
                return .failure(error)
            } catch {
                return .failure(DocgenError("\(page.source.displayPath): \(error)"))
            }
            // The search index keeps only each section's title, anchor, excerpt and words.
            return .success((linkDiagnostics, writer == nil ? nil : SearchPage(page: page)))
        }
        var searchPages: [SearchPage] = []
        for outcome in failures {
            switch outcome {
            case .success(let (found, searchPage)):
                diagnostics.emit(contentsOf: found)
                if let searchPage { searchPages.append(searchPage) }
            case .failure(let error):
                writer?.discard()
                throw error
            }
        }

        var written: URL?
        if let writer {
            if diagnostics.hasErrors {
                writer.discard()
            } else {
                do {
                    for asset in inventory.assets { try writer.copy(asset.url, to: asset.contentPath) }
                    for (path, url) in theme.assets.sorted(by: { $0.key < $1.key }) { try writer.copy(url, to: "assets/" + path) }
                    try writer.write(Data(try theme.render("404", context: site.notFoundContext()).utf8), to: "404.html")
                    if site.hasPrintPage {
                        let printer = PrintPageBuilder(pages: finalPages, links: finalLinks, resolver: resolver, renderer: renderer)
                        let sections = printer.sections(order: navigation.readingOrder)
                        try writer.write(Data(try theme.render("print", context: site.printContext(sections: sections)).utf8), to: "print.html")
                    }
                    try writer.write(Data(try SearchIndexBuilder(pages: searchPages).script().utf8), to: SearchIndexBuilder.fileName)
                    if let sitemap = site.sitemap() { try writer.write(Data(sitemap.utf8), to: "sitemap.xml") }
                    for redirect in redirects { try writer.write(Data(redirect.html.utf8), to: redirect.path) }
                    let templates = TemplateCatalog(pages: finalPages, order: navigation.readingOrder)
                    if !templates.entries.isEmpty {
                        for entry in templates.entries {
                            try writer.write(Data(entry.template.script.utf8), to: templates.scriptPath(entry, pages: finalPages))
                        }
                        try writer.write(Data(try TemplateCatalog.clustersScript(try catalogs.catalog()).utf8), to: "assets/clusters.js")
                        if let home = navigation.root.pageIndex {
                            let context = site.templatesContext(home: home, body: templates.listing(pages: finalPages))
                            try writer.write(Data(try theme.render("page", context: context).utf8), to: "templates.html")
                        }
                    }
                    try writer.commit()
                } catch {
                    writer.discard()
                    throw error
                }
                written = outputURL
            }
        }
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return BuildResult(
            diagnostics: diagnostics.diagnostics, pageCount: pages.count, outputURL: written, duration: seconds,
            blocks: blocks, edits: edits)
    }

    /// Refuses output folders whose replacement would delete the project or its content.
    private func checkOutputIsSafe(_ output: URL, project: URL, content: URL) throws {
        let outputPath = output.resolvingSymlinksInPath().path
        let contentPath = content.resolvingSymlinksInPath().path
        let projectPath = project.resolvingSymlinksInPath().path
        if outputPath == "/" || outputPath == projectPath || projectPath.hasPrefix(outputPath + "/")
            || contentPath == outputPath || contentPath.hasPrefix(outputPath + "/") || outputPath.hasPrefix(contentPath + "/") {
            throw DocgenError(
                "refusing to write the site to \(outputPath): it would replace the project or its content; pick another --output folder")
        }
    }
}
