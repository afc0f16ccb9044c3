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

    init(files: [SourceFile], singleFile: Bool) {
        if singleFile, let file = files.first {
            pages = [PageEntry(file: file, outputPath: "index.html", isIndex: true)]
            return
        }
        var indexOfFolder: [String: SourceFile] = [:]
        for file in files where file.isMarkdown {
            let name = file.contentPath.split(separator: "/").last.map { $0.lowercased() } ?? ""
            guard let rank = Self.indexNames.firstIndex(of: name) else { continue }
            let folder = SitePath.directory(of: file.contentPath)
            if let existing = indexOfFolder[folder] {
                let existingName = existing.contentPath.split(separator: "/").last.map { $0.lowercased() } ?? ""
                if rank < (Self.indexNames.firstIndex(of: existingName) ?? .max) { indexOfFolder[folder] = file }
            } else {
                indexOfFolder[folder] = file
            }
        }
        var claimed: [String: SourceFile] = [:]
        for file in files {
            guard file.isMarkdown else {
                assets.append(file)
                continue
            }
            let folder = SitePath.directory(of: file.contentPath)
            let isIndex = indexOfFolder[folder] == file
            let folderSlug = folder.split(separator: "/").map { SitePath.slugComponent(String($0)) }.joined(separator: "/")
            var name = String(file.contentPath.split(separator: "/").last ?? "")
            if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
            let fileName = isIndex ? "index.html" : SitePath.slugComponent(name) + ".html"
            let outputPath = folderSlug.isEmpty ? fileName : folderSlug + "/" + fileName
            if let other = claimed[outputPath] {
                diagnostics.append(.error(
                    "page.duplicate-path",
                    "this page and '\(other.displayPath)' would both be written to '\(outputPath)'",
                    at: SourceLocation(file: file.displayPath, line: 1, column: 1),
                    fixIt: .init("rename one of the two files")))
                continue
            }
            claimed[outputPath] = file
            pages.append(PageEntry(file: file, outputPath: outputPath, isIndex: isIndex))
        }
    }
}
