import DocgenSite
import Foundation

/// Finds out whether any source of the site changed, by comparing modification times and sizes
/// of every file under the watched paths (polling is portable and cheap for a few thousand files).
struct SiteWatcher: Sendable {
    /// What is known about one file.
    struct Stamp: Equatable, Sendable {
        var modified: Date
        var size: Int
    }

    /// Every watched file, by path.
    typealias Snapshot = [String: Stamp]

    /// The files and folders watched.
    let paths: [URL]

    /// Watches `content/` (or the content the options or `docgen.yml` name), `themes/`, the
    /// fixtures folder and `docgen.yml` of a project.
    init(options: BuildOptions) {
        let project = options.projectDirectory.standardizedFileURL
        let configURL = project.appendingPathComponent("docgen.yml")
        var paths = [configURL, project.appendingPathComponent("content"), project.appendingPathComponent("themes"),
                     project.appendingPathComponent("fixtures")]
        if let text = try? String(contentsOf: configURL, encoding: .utf8), let (config, _) = try? SiteConfig.parse(text, file: "docgen.yml") {
            paths.append(project.appendingPathComponent(config.content))
            paths.append(project.appendingPathComponent(config.fixtures))
        }
        if let content = options.content { paths.append(content) }
        var seen: Set<String> = []
        self.paths = paths.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }
    }

    /// Creates a watcher for explicit paths.
    init(paths: [URL]) {
        self.paths = paths
    }

    /// The current state of every watched file; hidden files and editor backups (`~`) are left out.
    func snapshot() -> Snapshot {
        var snapshot: Snapshot = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for path in paths {
            if let stamp = Self.stamp(path, keys: keys) {
                snapshot[path.path] = stamp
                continue
            }
            guard let enumerator = FileManager.default.enumerator(
                at: path, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles, .skipsPackageDescendants])
            else { continue }
            for case let file as URL in enumerator where !file.lastPathComponent.hasSuffix("~") {
                if let stamp = Self.stamp(file, keys: keys) { snapshot[file.path] = stamp }
            }
        }
        return snapshot
    }

    private static func stamp(_ url: URL, keys: [URLResourceKey]) -> Stamp? {
        guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { return nil }
        return Stamp(modified: values.contentModificationDate ?? .distantPast, size: values.fileSize ?? 0)
    }
}
