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
        if let (parsed, configDiagnostics) = try SiteConfig.load(from: configURL) {
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
                throw DocgenError("theme '\(name)' not found: expected a folder themes/\(name)/; create it or remove 'theme:'", id: "config.theme-missing", at: config.location(of: "theme"))
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

        // Nothing changed since the last build of this output folder: its site stands.
        var fingerprint: String?
        if options.writeOutput, options.useCache {
            let parts = [
                Self.version, "\(options.verifyMode)", "\(options.includeDrafts)", "\(options.forcePrintPage)", options.baseURL ?? "",
                contentURL.path, outputURL.path, catalogs.digest, GitHistory.headCommit(of: contentURL) ?? "",
                environment.fixtureDigests.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"),
            ]
            let inputs = [configURL] + BuildRecord.files(under: try Theme.defaultThemeDirectory()) + BuildRecord.files(under: themeOverride)
                + files.map(\.url)
            let current = BuildRecord.fingerprint(parts: parts, files: inputs)
            fingerprint = current
            if let record = BuildRecord.load(project: project, output: outputURL), record.fingerprint == current,
               let identity = BuildRecord.identity(of: outputURL), identity == record.outputIdentity {
                let elapsed = ContinuousClock.now - clock
                return BuildResult(
                    diagnostics: record.diagnostics, pageCount: record.pageCount, outputURL: outputURL,
                    duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                    blocks: record.blocks, upToDate: true)
            }
        }
        diagnostics.emit(contentsOf: inventory.diagnostics)

        // Parse, verify and render every page on one task each (cmark-gfm's lock serialises only the
        // parse); each tree is dropped as soon as its body is rendered.
        let hasPrintPage = SiteContext.wantsPrintPage(config: config, pageCount: inventory.pages.count, forced: options.forcePrintPage)
        let pageLoader = PageLoader(verifier: PageVerifier(environment: environment))
        let assetPaths = Set(inventory.assets.map(\.contentPath))
        let bodyRenderer: PageBodyRenderer? = options.writeOutput ? PageBodyRenderer(
            targets: LinkResolver(inventory: inventory.pages, assets: assetPaths), renderer: HTMLRenderer(allowsUnsafeHTML: config.unsafeHTML),
            printTargets: hasPrintPage ? Set(inventory.pages.map(\.outputPath)) : nil) : nil
        let includeDrafts = options.includeDrafts
        let loaded = await Array(inventory.pages.enumerated()).parallelMap { (inventoryIndex, entry) in
            var result = pageLoader.load(entry.file, outputPath: entry.outputPath, isIndex: entry.isIndex)
            if let bodyRenderer, let page = result.page, let tree = result.tree, includeDrafts || !page.frontMatter.draft {
                result.body = bodyRenderer.render(tree, page: page, links: result.links, inventoryIndex: inventoryIndex)
            }
            result.tree = nil
            return result
        }
        var pages: [Page] = []
        var pageLinks: [[LinkReference]] = []
        var bodies: [PageBody?] = []
        var drafts: Set<String> = []
        var blocks: [BlockReport] = []
        var edits: [SourceEdit] = []
        for result in loaded {
            diagnostics.emit(contentsOf: result.diagnostics)
            blocks += result.reports
            edits += result.edits
            guard let page = result.page else { continue }
            if page.frontMatter.draft, !includeDrafts {
                drafts.insert(page.source.contentPath)
                continue
            }
            pages.append(page)
            pageLinks.append(result.links)
            bodies.append(result.body)
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
        let resolver = LinkResolver(pages: pages, assets: assetPaths, drafts: drafts)
        let history = options.writeOutput ? GitHistory(content: contentURL) : nil
        let site = SiteContext(config: config, navigation: navigation, pages: pages, generator: "docgen \(Self.version)", history: history, hasPrintPage: hasPrintPage)

        let writer: OutputWriter? = options.writeOutput ? try OutputWriter(destination: outputURL) : nil
        let finalPages = pages, finalLinks = pageLinks, finalBodies = bodies
        let failures = await Array(pages.indices).parallelMap { index -> Result<[Diagnostic], DocgenError> in
            let page = finalPages[index]
            let linkDiagnostics = resolver.resolve(finalLinks[index], ofPage: index, contentPath: page.source.contentPath).diagnostics
            // `check` writes nothing, and templates were parsed when the theme loaded, so rendering
            // could find no further problem: it is skipped.
            guard let writer, let body = finalBodies[index] else { return .success(linkDiagnostics) }
            do {
                let html = try theme.render("page", context: site.context(forPage: index, body: body.html))
                try writer.write(Data(html.utf8), to: page.outputPath)
            } catch let error as DocgenError {
                return .failure(error)
            } catch {
                return .failure(DocgenError("\(page.source.displayPath): \(error)"))
            }
            return .success(linkDiagnostics)
        }
        for outcome in failures {
            switch outcome {
            case .success(let found):
                diagnostics.emit(contentsOf: found)
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
                        let sections = PrintPageBuilder.sections(pages: finalPages, bodies: finalBodies, order: navigation.readingOrder)
                        try writer.write(Data(try theme.render("print", context: site.printContext(sections: sections)).utf8), to: "print.html")
                    }
                    try writer.write(Data(try SearchIndexBuilder(pages: finalBodies.compactMap { $0?.search }).script().utf8), to: SearchIndexBuilder.fileName)
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
                    if let fingerprint, let identity = BuildRecord.identity(of: outputURL) {
                        BuildRecord(
                            fingerprint: fingerprint, outputIdentity: identity, pageCount: pages.count,
                            diagnostics: diagnostics.diagnostics, blocks: blocks
                        ).save(project: project, output: outputURL)
                    }
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
