import DocgenCore
public import Foundation

/// Finds the pages and other files of a content folder (or a single Markdown file).
public struct ContentLoader: Sendable {
    /// The content folder, or a single `.md` file.
    public var contentURL: URL
    /// The project folder, for display paths.
    public var projectURL: URL

    /// Creates a loader.
    public init(contentURL: URL, projectURL: URL) {
        self.contentURL = contentURL
        self.projectURL = projectURL
    }

    /// The folder that content paths are relative to.
    public var contentRoot: URL {
        isSingleFile ? contentURL.deletingLastPathComponent() : contentURL
    }

    /// Whether the content is one Markdown file rather than a folder.
    public var isSingleFile: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: contentURL.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Every file to build, sorted by path; hidden files and folders are skipped.
    /// For a single file, only that file: neighbours in its folder are not part of the site.
    public func load() throws -> [SourceFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: contentURL.path, isDirectory: &isDirectory) else {
            throw DocgenError("content not found: \(display(contentURL)) does not exist; create it or pass --content PATH")
        }
        if !isDirectory.boolValue {
            return [sourceFile(contentURL, contentPath: contentURL.lastPathComponent)]
        }
        let rootPath = contentURL.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = manager.enumerator(
            at: contentURL, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: [.skipsHiddenFiles]
        ) else {
            throw DocgenError("cannot read the content folder \(display(contentURL))")
        }
        var files: [SourceFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            // A symlink that leaves the content folder is not content (and could expose any file on the machine).
            guard path.hasPrefix(rootPath + "/") else { continue }
            files.append(sourceFile(url, contentPath: String(path.dropFirst(rootPath.count + 1))))
        }
        return files.sorted { $0.contentPath < $1.contentPath }
    }

    private func sourceFile(_ url: URL, contentPath: String) -> SourceFile {
        SourceFile(url: url, contentPath: contentPath, displayPath: display(url))
    }

    /// The path of `url` relative to the project folder, climbing with `..` when it is outside.
    func display(_ url: URL) -> String {
        let projectParts = projectURL.standardizedFileURL.path.split(separator: "/")
        let parts = url.standardizedFileURL.path.split(separator: "/")
        var common = 0
        while common < projectParts.count, common < parts.count, projectParts[common] == parts[common] { common += 1 }
        let ups = Array(repeating: "..", count: projectParts.count - common)
        let relative = (ups + parts[common...].map(String.init)).joined(separator: "/")
        return relative.isEmpty ? "." : relative
    }
}
