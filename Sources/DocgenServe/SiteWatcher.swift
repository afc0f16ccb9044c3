import DocgenSite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        for path in paths {
            Self.walk(path.path, into: &snapshot, depth: 0)
        }
        return snapshot
    }

    /// The paths added, removed or changed between two snapshots.
    static func changes(from old: Snapshot, to new: Snapshot) -> Set<String> {
        var changed = Set(old.keys.filter { new[$0] == nil })
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        return changed
    }

    /// Brings `snapshot` up to date for `paths` (files or folders) alone, and returns the files
    /// that were added, removed or changed there.
    @discardableResult
    static func refresh(_ paths: Set<String>, in snapshot: inout Snapshot) -> Set<String> {
        var changed: Set<String> = []
        for path in paths {
            var old: Snapshot = [:]
            if let stamp = snapshot.removeValue(forKey: path) { old[path] = stamp }
            var info = stat()
            if stat(path, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR {
                let prefix = path + "/"
                for key in snapshot.keys.filter({ $0.hasPrefix(prefix) }) { old[key] = snapshot.removeValue(forKey: key) }
            }
            var fresh: Snapshot = [:]
            walk(path, into: &fresh, depth: 0)
            snapshot.merge(fresh) { _, new in new }
            changed.formUnion(changes(from: old, to: fresh))
        }
        return changed
    }

    /// The names in the folder at `path`, leaving out hidden files and editor backups (`~`).
    static func visibleEntries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !isIgnored(name) { names.append(name) }
        }
        return names
    }

    /// Whether a file or folder name is left out of watching: hidden files (and `.` and `..`) and editor backups.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }

    /// Records `path` if it is a regular file, or everything under it if it is a folder. Plain
    /// `stat` and `readdir`: FileManager's enumerator took most of a second on 10,000 pages, four
    /// times a second.
    private static func walk(_ path: String, into snapshot: inout Snapshot, depth: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
            snapshot[path] = Stamp(modified: modified, size: Int(info.st_size))
        case S_IFDIR:
            // A symbolic link loop cannot make this endless.
            guard depth < 64 else { return }
            for name in visibleEntries(of: path) {
                walk(path + "/" + name, into: &snapshot, depth: depth + 1)
            }
        default:
            return
        }
    }
}
