import DocgenCore

/// Sorts content files into pages (with their output paths) and assets, and reports path clashes.
struct ContentInventory: Sendable {
    /// A Markdown file and where its page goes.
    struct PageEntry: Sendable {
        var file: SourceFile
        var outputPath: String
        var isIndex: Bool
    }

    /// File names that make a folder's landing page, in order of preference.
    static let indexNames = ["index.md", "readme.md", "_index.md"]

    private(set) var pages: [PageEntry] = []
    private(set) var assets: [SourceFile] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// Files docgen writes into every site itself; a page or file of the content folder there would be overwritten.
    static let reservedPaths: [String: String] = [
        "404.html": "the not-found page", "print.html": "the all-in-one print page", "templates.html": "the job-script templates page",
        "sitemap.xml": "the sitemap", SearchIndexBuilder.fileName: "the search index",
    ]

    init(files allFiles: [SourceFile], singleFile: Bool) {
        // This runs on one core while the others wait, so files are copied (retaining all they hold)
        // only where a page keeps one; the tables below hold paths.
        var files = allFiles
        if allFiles.contains(where: { $0.problem != nil }) {
            files = []
            for file in allFiles {
                if let problem = file.problem { diagnostics.append(problem) } else { files.append(file) }
            }
        }
        if singleFile, let file = files.first {
            pages = [PageEntry(file: file, outputPath: "index.html", isIndex: true)]
            return
        }
        // Each folder's index page: its content path and the rank of its name.
        var indexOfFolder: [String: (contentPath: String, rank: Int)] = [:]
        for position in files.indices where files[position].isMarkdown {
            let contentPath = files[position].contentPath
            guard let rank = Self.indexRank(of: contentPath) else { continue }
            let folder = SitePath.directory(of: contentPath)
            if let existing = indexOfFolder[folder], existing.rank <= rank { continue }
            indexOfFolder[folder] = (contentPath, rank)
        }
        // The display path of the page that claimed each output path.
        var claimed: [String: String] = [:]
        var folderSlugs: [String: String] = [:]
        // Other files keep their names, so a page that would land on one would be replaced by it.
        let assetPaths = Dictionary(files.filter { !$0.isMarkdown }.map { ($0.contentPath, $0) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            guard file.isMarkdown else {
                if let use = Self.reservedPaths[file.contentPath] {
                    diagnostics.append(.error(
                        "page.reserved-path", "this file would be written to '\(file.contentPath)', where docgen writes \(use)",
                        at: SourceLocation(file: file.displayPath, line: 1, column: 1), fixIt: .init("rename the file")))
                    continue
                }
                assets.append(file)
                continue
            }
            let folder = SitePath.directory(of: file.contentPath)
            // Content paths are unique, so comparing them says whether this is the folder's index page.
            let isIndex = indexOfFolder[folder]?.contentPath == file.contentPath
            let folderSlug: String
            if let known = folderSlugs[folder] {
                folderSlug = known
            } else {
                folderSlug = folder.split(separator: "/").map { SitePath.slugComponent(String($0)) }.joined(separator: "/")
                folderSlugs[folder] = folderSlug
            }
            var name = Self.fileName(of: file.contentPath)
            if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
            let fileName = isIndex ? "index.html" : SitePath.slugComponent(name) + ".html"
            let outputPath = folderSlug.isEmpty ? fileName : folderSlug + "/" + fileName
            if Self.hasLongComponent(outputPath), let long = outputPath.split(separator: "/").first(where: { $0.utf8.count > 255 }) {
                // Most file systems stop at 255 bytes a name, and ".html" is longer than ".md".
                diagnostics.append(.error(
                    "page.name-too-long",
                    "this page's output name '\(long.prefix(40))...' is \(long.utf8.count) bytes long; file systems allow at most 255",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1), fixIt: .init("give the file a shorter name")))
                continue
            }
            if let use = Self.reservedPaths[outputPath] {
                diagnostics.append(.error(
                    "page.reserved-path", "this page would be written to '\(outputPath)', where docgen writes \(use)",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1), fixIt: .init("rename the file, e.g. to '\(name)-page.md'")))
                continue
            }
            if let asset = assetPaths[outputPath] {
                diagnostics.append(.error(
                    "page.duplicate-path", "this page and the file '\(asset.displayPath)' would both be written to '\(outputPath)'",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1), fixIt: .init("rename one of the two files")))
                continue
            }
            if let other = claimed[outputPath] {
                diagnostics.append(.error(
                    "page.duplicate-path",
                    "this page and '\(other)' would both be written to '\(outputPath)'",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1),
                    fixIt: .init("rename one of the two files")))
                continue
            }
            claimed[outputPath] = file.displayPath
            pages.append(PageEntry(file: file, outputPath: outputPath, isIndex: isIndex))
        }
    }

    // Listing 10,000 pages spent most of its time splitting paths into arrays of components; these
    // find the one component they need.

    /// The last component of `path`.
    private static func fileName(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The position in `indexNames` of the file name of `path`, ignoring case; nil for other names.
    private static func indexRank(of path: String) -> Int? {
        let name = fileName(of: path)
        // Every index name is short ASCII: a longer name is none of them, and needs no lowercasing.
        guard name.utf8.count <= 11 else { return nil }
        return indexNames.firstIndex(of: name.lowercased())
    }

    /// Whether a component of `path` is longer than 255 bytes.
    private static func hasLongComponent(_ path: String) -> Bool {
        var length = 0
        for byte in path.utf8 {
            length = byte == UInt8(ascii: "/") ? 0 : length + 1
            if length > 255 { return true }
        }
        return false
    }
}
