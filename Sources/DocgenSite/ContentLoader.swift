import DocgenCore
public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            throw DocgenError(
                "content not found: \(display(contentURL)) does not exist; create it, set 'content:' in docgen.yml or pass --content PATH",
                id: "content.missing")
        }
        if !isDirectory.boolValue {
            return [sourceFile(contentURL, contentPath: contentURL.lastPathComponent)]
        }
        let rootPath = contentURL.standardizedFileURL.resolvingSymlinksInPath().path
        let ownRoot = contentURL.standardizedFileURL.path
        guard let top = opendir(ownRoot) else {
            throw DocgenError("cannot read the content folder \(display(contentURL)); check its permissions", id: "content.unreadable")
        }
        closedir(top)
        var files: [SourceFile] = []
        let projectPath = projectURL.standardizedFileURL.path
        // Listed with readdir, whose entries say whether they are files, folders or links: the URL
        // enumerator made two URLs and an `lstat` per entry, a third of a second at 10,000 pages.
        var folders = [""]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder.isEmpty ? ownRoot : ownRoot + "/" + folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = Self.name(of: entry)
                // Hidden files and folders are skipped, as are "." and "..".
                guard let first = name.utf8.first, first != UInt8(ascii: ".") else { continue }
                let contentPath = folder.isEmpty ? name : folder + "/" + name
                let entryPath = ownRoot + "/" + contentPath
                let ownKind = Self.kind(of: entry, path: entryPath)
                // Folders are walked here; symbolic links to folders are not followed (no loops).
                if ownKind == .directory {
                    folders.append(contentPath)
                    continue
                }
                let isLink = ownKind == .symbolicLink
                let kind = isLink ? FileKind(path: entryPath, followingLinks: true) : ownKind
                if kind == .directory { continue }
                if kind == .regular, !isLink {
                    // The common case, with no URL made (see `SourceFile.init(path:contentPath:displayPath:)`).
                    files.append(SourceFile(path: entryPath, contentPath: contentPath, displayPath: display(standardizedPath: entryPath, projectPath: projectPath)))
                    continue
                }
                let url = URL(fileURLWithPath: entryPath, isDirectory: false)
                // A link inside the folder is a page under its own name (like a copy), not under its target's.
                guard kind == .regular else {
                    // Pipes, sockets, dangling links and link loops with a page's name are reported when the page is read;
                    // other such files are not content at all. Nothing here is opened, so a FIFO cannot block the build.
                    let file = sourceFile(url, contentPath: contentPath)
                    if file.isMarkdown { files.append(file) }
                    continue
                }
                // Only a link can lead outside the content folder; resolving every path's links was
                // most of the time spent listing 10,000 pages.
                let path = isLink ? url.resolvingSymlinksInPath().path : rootPath + "/" + contentPath
                guard path.hasPrefix(rootPath + "/") else {
                    // A symlink that leaves the content folder is not content (and could expose any file on the machine).
                    var file = sourceFile(url, contentPath: contentPath)
                    file.problem = .warning(
                        "file.outside-content",
                        "this symbolic link points outside the content folder (to \(path)); docgen does not follow it, so it is not part of the site",
                        at: SourceLocation(file: file.displayPath, line: 1, column: 1),
                        fixIt: .init("copy the file into the content folder instead of linking to it"))
                    files.append(file)
                    continue
                }
                files.append(sourceFile(url, contentPath: contentPath, standardizedPath: entryPath, projectPath: projectPath))
            }
        }
        return files.sorted { $0.contentPath < $1.contentPath }
    }

    /// The name of a directory entry.
    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 0
        return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
    }

    /// What a directory entry is, from its type where the file system reports one, else from `lstat`.
    private static func kind(of entry: UnsafeMutablePointer<dirent>, path: String) -> FileKind {
        // DT_REG, DT_DIR and DT_LNK (the same numbers on Linux and macOS); DT_UNKNOWN and the rest are looked up.
        switch entry.pointee.d_type {
        case 8: .regular
        case 4: .directory
        case 10: .symbolicLink
        default: FileKind(path: path, followingLinks: false)
        }
    }

    private func sourceFile(_ url: URL, contentPath: String, standardizedPath: String? = nil, projectPath: String? = nil) -> SourceFile {
        SourceFile(
            url: url, contentPath: contentPath,
            displayPath: display(standardizedPath: standardizedPath ?? url.standardizedFileURL.path, projectPath: projectPath ?? projectURL.standardizedFileURL.path))
    }

    /// The path of `url` relative to the project folder, climbing with `..` when it is outside.
    func display(_ url: URL) -> String {
        display(standardizedPath: url.standardizedFileURL.path, projectPath: projectURL.standardizedFileURL.path)
    }

    /// `display` for a path already standardized, with the project folder's standardized path: listing
    /// a big content folder standardized both again for every file.
    private func display(standardizedPath path: String, projectPath: String) -> String {
        if projectPath.count > 1, path.hasPrefix(projectPath + "/") { return String(path.dropFirst(projectPath.count + 1)) }
        let projectParts = projectPath.split(separator: "/")
        let parts = path.split(separator: "/")
        var common = 0
        while common < projectParts.count, common < parts.count, projectParts[common] == parts[common] { common += 1 }
        let ups = Array(repeating: "..", count: projectParts.count - common)
        let relative = (ups + parts[common...].map(String.init)).joined(separator: "/")
        return relative.isEmpty ? "." : relative
    }
}
