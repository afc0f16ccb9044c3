import Crypto
import DocgenCore
import Foundation

/// What the last successful build of an output folder was made from, kept in
/// `.docgen-cache/build/`: when nothing it was made from has changed (every content file, the
/// configuration, the theme, the cluster profiles, the host fixtures, the git commit, the options
/// and docgen's version), and the output folder is still the one that build wrote, the build is
/// skipped and its warnings are reported again.
struct BuildRecord: Codable, Sendable {
    /// SHA-256 over every input of the build.
    var fingerprint: String
    /// The output folder's inode and modification time right after the build swapped it in; a
    /// changed or replaced folder means the site must be written again.
    var outputIdentity: String
    /// The number of pages built.
    var pageCount: Int
    /// The build's diagnostics (warnings and notes: a build with errors leaves no record).
    var diagnostics: [Diagnostic]
    /// The build's code block reports.
    var blocks: [BlockReport]

    /// The record's file for the output folder `output` in the project's cache.
    static func file(project: URL, output: URL) -> URL {
        let name = SHA256.hash(data: Data(output.standardizedFileURL.path.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        return project.appendingPathComponent(".docgen-cache/build/\(name).json")
    }

    /// The record of the last build of `output`, if there is one and it can be read.
    static func load(project: URL, output: URL) -> BuildRecord? {
        guard let data = try? Data(contentsOf: file(project: project, output: output)) else { return nil }
        return try? JSONDecoder().decode(BuildRecord.self, from: data)
    }

    /// Writes the record (to a temporary file first, so a killed build leaves the old record or
    /// none, never half of one). Failing to write it only costs the next build its shortcut.
    func save(project: URL, output: URL) {
        let url = Self.file(project: project, output: output)
        guard let data = try? JSONEncoder().encode(self) else { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            _ = rename(temporary.path, url.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes the record (before a build that may replace the output folder).
    static func remove(project: URL, output: URL) {
        try? FileManager.default.removeItem(at: file(project: project, output: output))
    }

    /// The inode and modification time of `folder`, or nil when it does not exist.
    static func identity(of folder: URL) -> String? {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The fingerprint of a build from these inputs. `parts` are the small ones (options, digests);
    /// `files` are hashed by content, with their paths.
    static func fingerprint(parts: [String], files: [URL]) -> String {
        var hasher = SHA256()
        func add(_ bytes: some DataProtocol) {
            hasher.update(data: Data("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        for part in parts { add(Data(part.utf8)) }
        for file in files {
            add(Data(file.standardizedFileURL.path.utf8))
            // An unreadable file gets a marker of its own, so it differs from an empty one.
            if let data = try? Data(contentsOf: file, options: .mappedIfSafe) { add(data) } else { add(Data("\u{0}unreadable".utf8)) }
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Every regular file under `folder`, sorted, for fingerprints of theme and project folders.
    static func files(under folder: URL?) -> [URL] {
        guard let folder, let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
