import DocgenCore
import DocgenMarkdown
import DocgenRender
import DocgenVerify
import Foundation

/// The build pipeline: load config and content, parse pages (only their inline pass is locked),
/// check links, render pages in parallel, write the site into a staging folder and swap it in.
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
        let tracer = PhaseTracer(enabled: ProcessInfo.processInfo.environment["DOCGEN_TRACE_PHASES"] != nil)
        defer { tracer.mark("done") }
        if let memo = options.memo, options.writeOutput, let changed = options.changedPaths {
            if let result = PageEditBuilder(memo: memo, changed: changed).rebuild(startedAt: clock) { return result }
            tracer.mark("page edit needs a full build")
        }
        options.memo?.dropSnapshot()
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

        tracer.mark("inventory")
        // Nothing changed since the last build of this output folder: its site stands.
        var fingerprint: String?
        var stamps: String?
        // `docgen serve` (which has a memo) rebuilds after a change it saw, so it skips this check.
        if options.writeOutput, options.useCache, options.memo == nil {
            let parts = sharedInputs(catalogs: catalogs, environment: environment, content: contentURL)
                + ["\(options.forcePrintPage)", options.baseURL ?? "", contentURL.path, outputURL.path]
            let inputFiles = [configURL] + (try themeFiles(themeOverride)) + files.map(\.url)
            // Stamps first: when they match the record's, no file needs to be read; otherwise the
            // content decides (a touched but unchanged file still skips the build).
            stamps = InputDigest.stamps(of: parts, files: inputFiles)
            let record = BuildRecord.load(project: project, output: outputURL)
            let current = record?.stamps != nil && record?.stamps == stamps ? record?.fingerprint : nil
            fingerprint = current ?? InputDigest.of(parts, files: inputFiles)
            if let record, record.fingerprint == fingerprint,
               let identity = BuildRecord.identity(of: outputURL), identity == record.outputIdentity {
                return BuildResult(
                    diagnostics: record.diagnostics, pageCount: record.pageCount, outputURL: outputURL,
                    duration: (ContinuousClock.now - clock).inSeconds,
                    blocks: record.blocks, upToDate: true)
            }
        }
        diagnostics.emit(contentsOf: inventory.diagnostics)

        tracer.mark("fingerprint")
        // Parse, verify and render every page on one task each (cmark-gfm's lock serialises only the
        // inline pass of the parse); each tree is dropped as soon as its body is rendered.
        let hasPrintPage = SiteContext.wantsPrintPage(config: config, pageCount: inventory.pages.count, forced: options.forcePrintPage)
        let pageLoader = PageLoader(verifier: PageVerifier(environment: environment))
        let assetPaths = Set(inventory.assets.map(\.contentPath))
        let bodyRenderer: PageBodyRenderer? = options.writeOutput ? PageBodyRenderer(
            targets: LinkResolver(inventory: inventory.pages, assets: assetPaths), renderer: HTMLRenderer(allowsUnsafeHTML: config.unsafeHTML),
            printTargets: hasPrintPage ? Set(inventory.pages.map(\.outputPath)) : nil) : nil
        let includeDrafts = options.includeDrafts
        // In `docgen serve`, a page whose file and surroundings did not change is taken as it was loaded last time.
        let memo = options.writeOutput ? options.memo : nil
        let memoContext = memo.map { _ in
            InputDigest.of(
                sharedInputs(catalogs: catalogs, environment: environment, content: contentURL) + [
                    "\(hasPrintPage)",
                    inventory.pages.map { "\($0.file.contentPath)\t\($0.outputPath)\t\($0.isIndex)" }.joined(separator: "\n"),
                    assetPaths.sorted().joined(separator: "\n"),
                ],
                files: [configURL])
        } ?? ""
        memo?.keepOnly(Set(inventory.pages.map(\.file.contentPath)))
        let loadWidth = Int(ProcessInfo.processInfo.environment["DOCGEN_LOAD_THREADS"] ?? "") ?? 2 * ProcessInfo.processInfo.activeProcessorCount
        // Pages go in groups: each group is parsed first, then its job scripts' bash syntax is checked
        // in one bash process, then its pages are verified and rendered. A group is small enough that
        // holding its trees costs little and the threads stay evenly loaded. Groups of 64 rather than 32
        // halve the bash processes (their start-up was 5% of a 10,000-page build's samples, now 4%) and
        // kept peak memory where it was.
        let groupSize = max(1, min(64, inventory.pages.count / (4 * loadWidth)))
        let groups = stride(from: 0, to: inventory.pages.count, by: groupSize).map { $0..<min($0 + groupSize, inventory.pages.count) }
        var loadedGroups = await groups.threadedMap(width: loadWidth) { group -> [(PageLoader.Result, Int)?] in
            var prepared: [(index: Int, stamp: FileStamp?, page: PageLoader.Prepared)] = []
            var done: [Int: (PageLoader.Result, Int)] = [:]
            for inventoryIndex in group {
                let entry = inventory.pages[inventoryIndex]
                let stamp = memo == nil ? nil : FileStamp(path: entry.file.path)
                if let memo, let stamp, let known = memo.page(entry.file.contentPath, stamp: stamp, context: memoContext) {
                    done[inventoryIndex] = (known.result, known.version)
                    continue
                }
                prepared.append((inventoryIndex, stamp, pageLoader.prepare(entry.file, outputPath: entry.outputPath, isIndex: entry.isIndex)))
            }
            var candidates: [String] = []
            for position in prepared.indices {
                candidates += pageLoader.verifier.bashSyntaxCandidates(prepared[position].page.snippets, kinds: prepared[position].page.kinds)
            }
            let prefetch = SlurmLinter.prefetchBashSyntax(of: candidates)
            defer { prefetch.forget() }
            for position in prepared.indices {
                let (inventoryIndex, stamp) = (prepared[position].index, prepared[position].stamp)
                let entry = inventory.pages[inventoryIndex]
                var result = pageLoader.finish(&prepared[position].page)
                // Taken out of the result, the tree is held only here and is rendered without being copied.
                if case let (root, transcripts)? = result.takeTree(), let bodyRenderer, let page = result.page, includeDrafts || !page.frontMatter.draft {
                    // `consume`: a copy still held here would make every in-place pass on the tree copy it.
                    result.body = bodyRenderer.render(consume root, page: page, links: result.links, inventoryIndex: inventoryIndex, transcripts: transcripts)
                }
                if let memo, let stamp {
                    done[inventoryIndex] = (result, memo.store(entry.file.contentPath, stamp: stamp, context: memoContext, result: result).version)
                } else {
                    done[inventoryIndex] = (result, 0)
                }
            }
            // Moved out of the dictionary: `compactMap` would copy each result and then free the original.
            return group.map { done.removeValue(forKey: $0) }
        }
        tracer.mark("load+render bodies")
        var pages: [Page] = []
        var versions: [Int] = []
        var pageLinks: [[LinkReference]] = []
        var bodies: [PageBody?] = []
        var drafts: Set<String> = []
        var blocks: [BlockReport] = []
        var edits: [SourceEdit] = []
        var slots: [String: SiteSnapshot.Slot] = [:]
        var pageOfInventory = [Int?](repeating: nil, count: loadedGroups.reduce(0) { $0 + $1.count })
        // The results are moved out of their groups one by one on this thread while the other cores
        // wait: joining the groups into one list and then reading each result from it copied every
        // result twice, retaining and releasing all it holds (and reversing a group to pop its
        // results in order copied them once).
        var inventoryIndex = -1
        for groupIndex in loadedGroups.indices {
            for position in loadedGroups[groupIndex].indices {
                // Positions follow the inventory (every page of a group gets a result).
                inventoryIndex += 1
                guard let (result, version) = loadedGroups[groupIndex][position].take() else { continue }
                diagnostics.emit(contentsOf: result.diagnostics)
                blocks += result.reports
                edits += result.edits
                guard let page = result.page else { continue }
                if page.frontMatter.draft, !includeDrafts {
                    drafts.insert(page.source.contentPath)
                    continue
                }
                if memo != nil {
                    let entry = inventory.pages[inventoryIndex]
                    slots[entry.file.url.standardizedFileURL.path] = SiteSnapshot.Slot(entry: entry, inventoryIndex: inventoryIndex, pageIndex: pages.count)
                }
                pageOfInventory[inventoryIndex] = pages.count
                pages.append(page)
                versions.append(version)
                pageLinks.append(result.links)
                bodies.append(result.body)
            }
        }
        if pages.isEmpty {
            diagnostics.emit(.error(
                "content.empty", "no Markdown pages found in \(loader.display(contentURL))",
                at: SourceLocation(file: loader.display(contentURL), line: 1, column: 1),
                fixIt: .init("add an index.md to the content folder")))
        }

        // A build without an earlier index to lend works the index out on a thread of its own from
        // here on: while navigation and links are set up on this one (a tenth of a second at 10,000
        // pages, with the other core idle), then while the pages are written.
        let searchTask = options.writeOutput && memo?.written?.search == nil ? SearchIndexTask(bodies: bodies) : nil

        let (redirects, redirectDiagnostics) = RedirectBuilder.redirects(for: pages)
        diagnostics.emit(contentsOf: redirectDiagnostics)

        // Cross-page passes: navigation and links.
        let navigation = NavigationTree(pages: pages)
        let resolver = LinkResolver(pages: pages, assets: assetPaths, drafts: drafts)
        let history = options.writeOutput ? GitHistory(content: contentURL) : nil
        let site = SiteContext(config: config, navigation: navigation, pages: pages, generator: "docgen \(Self.version)", history: history, hasPrintPage: hasPrintPage)

        tracer.mark("navigation+links setup")
        let writer: OutputWriter? = options.writeOutput ? try OutputWriter(destination: outputURL) : nil
        let finalPages = pages, finalLinks = pageLinks, finalBodies = bodies, finalVersions = versions, finalPageOfInventory = pageOfInventory
        // What the previous build can lend this one: pages whose version and surroundings match.
        let previous = memo?.written
        let navigationDigest = memo == nil ? "" : InputDigest.of(
            [memoContext, "\(site.hasPrintPage)", "\(site.hasTemplates)", navigation.readingOrder.map(String.init).joined(separator: ","),
             pages.map { "\($0.outputPath)\t\($0.title)\t\($0.frontMatter.weight.map(String.init) ?? "")\t\($0.isIndex)" }.joined(separator: "\n")],
            files: try themeFiles(themeOverride))
        let anchorsDigest = memo == nil ? "" : InputDigest.of(
            pages.map { "\($0.source.contentPath)\t\($0.anchors.sorted().joined(separator: " "))" } + drafts.sorted())
        let failures = await Array(pages.indices).threadedMap(width: loadWidth) { index -> Result<[Diagnostic], DocgenError> in
            let page = finalPages[index]
            let linkDiagnostics: [Diagnostic]
            if let known = previous?.links[page.source.contentPath], known.version == finalVersions[index], known.anchors == anchorsDigest {
                linkDiagnostics = known.diagnostics
            } else {
                linkDiagnostics = resolver.problems(
                    finalLinks[index], ofPage: index, contentPath: page.source.contentPath,
                    targets: finalBodies[index]?.linkTargets, pageOfInventory: finalPageOfInventory)
            }
            // `check` writes nothing, and templates were parsed when the theme loaded, so rendering
            // could find no further problem: it is skipped.
            guard let writer, let body = finalBodies[index] else { return .success(linkDiagnostics) }
            if let previous, previous.navigation == navigationDigest, previous.versions[page.outputPath] == finalVersions[index],
               (try? writer.link(previous.folder.appendingPathComponent(page.outputPath), to: page.outputPath)) != nil {
                return .success(linkDiagnostics)
            }
            do {
                let html = try theme.renderUTF8("page", context: site.context(forPage: index, body: body.html))
                try writer.write(html, to: page.outputPath)
            } catch let error as DocgenError {
                return .failure(error)
            } catch {
                return .failure(DocgenError("\(page.source.displayPath): \(error)"))
            }
            return .success(linkDiagnostics)
        }
        tracer.mark("page templates+write")
        var linkChecks: [String: BuildMemo.LinkCheck] = [:]
        for (index, outcome) in failures.enumerated() {
            switch outcome {
            case .success(let found):
                if memo != nil {
                    linkChecks[finalPages[index].source.contentPath] = BuildMemo.LinkCheck(version: finalVersions[index], anchors: anchorsDigest, diagnostics: found)
                }
                diagnostics.emit(contentsOf: found)
            case .failure(let error):
                writer?.discard()
                throw error
            }
        }

        var written: URL?
        var deferredSearch: [SearchPage]?
        var followUp: (@Sendable () -> Void)?
        if let writer {
            if diagnostics.hasErrors {
                writer.discard()
            } else {
                do {
                    for asset in inventory.assets { try writer.copy(asset.url, to: asset.contentPath) }
                    for (path, url) in theme.assets.sorted(by: { $0.key < $1.key }) { try writer.copy(url, to: "assets/" + path) }
                    try writer.write(try theme.render("404", context: site.notFoundContext()), to: "404.html")
                    if site.hasPrintPage {
                        let sections = PrintPageBuilder.sections(pages: finalPages, bodies: finalBodies, order: navigation.readingOrder)
                        try writer.write(try theme.render("print", context: site.printContext(sections: sections)), to: "print.html")
                    }
                    tracer.mark("assets+404+print")
                    let searchKey = memo == nil ? "" : finalVersions.map(String.init).joined(separator: ",")
                    var searchScript: String
                    if let known = previous?.search, known.key == searchKey {
                        searchScript = known.script
                    } else if let stale = previous?.search {
                        // `docgen serve`: the edited page reloads first and the index follows
                        // (it takes seconds on a big site, the page a few milliseconds).
                        searchScript = stale.script
                        deferredSearch = finalBodies.compactMap { $0?.search }
                    } else {
                        searchScript = try searchTask?.script() ?? SearchIndexBuilder(pages: finalBodies.compactMap { $0?.search }).script()
                    }
                    try writer.write(searchScript, to: SearchIndexBuilder.fileName)
                    tracer.mark("search index")
                    if let sitemap = site.sitemap() { try writer.write(sitemap, to: "sitemap.xml") }
                    for redirect in redirects { try writer.write(redirect.html, to: redirect.path) }
                    let templates = TemplateCatalog(pages: finalPages, order: navigation.readingOrder)
                    if !templates.entries.isEmpty {
                        for entry in templates.entries {
                            try writer.write(entry.template.script, to: templates.scriptPath(entry, pages: finalPages))
                        }
                        try writer.write(try TemplateCatalog.clustersScript(try catalogs.catalog()), to: "assets/clusters.js")
                        if let home = navigation.root.pageIndex {
                            let context = site.templatesContext(home: home, body: templates.listing(pages: finalPages))
                            try writer.write(try theme.render("page", context: context), to: "templates.html")
                        }
                    }
                    tracer.mark("redirects+templates")
                    try writer.commit()
                    let snapshot = memo == nil ? nil : bodyRenderer.map { bodyRenderer in
                        SiteSnapshot(
                            theme: theme, site: site, resolver: resolver, pageLoader: pageLoader, bodyRenderer: bodyRenderer,
                            memoContext: memoContext, anchorsDigest: anchorsDigest, slots: slots,
                            contentPaths: finalPages.map(\.source.contentPath), diagnostics: diagnostics.diagnostics, blocks: blocks, edits: edits)
                    }
                    memo?.recordWritten(BuildMemo.Written(
                        folder: outputURL, navigation: navigationDigest,
                        versions: Dictionary(zip(finalPages.map(\.outputPath), finalVersions), uniquingKeysWith: { first, _ in first }),
                        links: linkChecks, search: memo == nil ? nil : (deferredSearch == nil ? searchKey : "", searchScript),
                        snapshot: snapshot))
                    if let memo, let deferredSearch {
                        followUp = { memo.rewriteSearch(in: outputURL, pages: deferredSearch, key: searchKey) }
                    }
                    if let fingerprint, let identity = BuildRecord.identity(of: outputURL) {
                        BuildRecord(
                            fingerprint: fingerprint, stamps: stamps, outputIdentity: identity, pageCount: pages.count,
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
        let pageCount = pages.count
        BackgroundRelease.release((consume loadedGroups, consume pages, consume pageLinks, consume bodies, finalPages, finalLinks, finalBodies, site, resolver, navigation))
        let seconds = (ContinuousClock.now - clock).inSeconds
        return BuildResult(
            diagnostics: diagnostics.diagnostics, pageCount: pageCount, outputURL: written, duration: seconds,
            blocks: blocks, edits: edits, followUp: followUp)
    }

    /// The inputs every page's output depends on besides its own file: the no-op check and
    /// `docgen serve`'s memo both start from these.
    private func sharedInputs(catalogs: LazyCatalog, environment: VerificationEnvironment, content: URL) -> [String] {
        [
            Self.version, "\(options.verifyMode)", "\(options.includeDrafts)", catalogs.digest, GitHistory.headCommit(of: content) ?? "",
            environment.fixtureDigests.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n"),
        ]
    }

    /// The files of the default theme and of the site's theme override.
    private func themeFiles(_ override: URL?) throws -> [URL] {
        InputDigest.files(under: try Theme.defaultThemeDirectory()) + InputDigest.files(under: override)
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
