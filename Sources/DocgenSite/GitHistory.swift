import Foundation

/// When each file was last changed, from one `git log` over the content folder (not one git call
/// per page), for the "last updated" line; empty when the project is not in a git repository.
struct GitHistory: Sendable {
    /// The repository's top folder.
    let topLevel: URL?
    /// Last commit date per absolute file path.
    private let lastChanged: [String: Date]

    /// Reads the history of `content`; never fails (no git, no repository: no dates).
    init(content: URL) {
        let folder = content.hasDirectoryPath || !FileManager.default.fileExists(atPath: content.path)
            ? content : content.deletingLastPathComponent()
        guard let top = Self.git(["rev-parse", "--show-toplevel"], in: folder)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !top.isEmpty else {
            topLevel = nil
            lastChanged = [:]
            return
        }
        let topURL = URL(fileURLWithPath: top)
        topLevel = topURL
        var dates: [String: Date] = [:]
        let log = Self.git(["log", "--format=%x1e%cI", "--name-only", "--no-renames", "--", "."], in: folder) ?? ""
        let formatter = ISO8601DateFormatter()
        for record in log.split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n")
            guard let first = lines.first, let date = formatter.date(from: String(first)) else { continue }
            // git log lists newest first, so the first date seen for a file is its last change.
            for path in lines.dropFirst() where !path.isEmpty {
                let absolute = topURL.appendingPathComponent(String(path)).standardizedFileURL.path
                if dates[absolute] == nil { dates[absolute] = date }
            }
        }
        lastChanged = dates
    }

    /// The last commit date of `file`, if it is committed.
    func lastChange(of file: URL) -> Date? {
        lastChanged[file.standardizedFileURL.resolvingSymlinksInPath().path] ?? lastChanged[file.standardizedFileURL.path]
    }

    /// `file`'s path relative to the repository, for edit links.
    func repositoryPath(of file: URL) -> String? {
        guard let topLevel else { return nil }
        let top = topLevel.standardizedFileURL.resolvingSymlinksInPath().path
        let path = file.standardizedFileURL.resolvingSymlinksInPath().path
        return path.hasPrefix(top + "/") ? String(path.dropFirst(top.count + 1)) : nil
    }

    /// The commit checked out where `content` lives, or nil outside a repository: page dates come
    /// from commits, so a new commit can change pages whose files did not change.
    static func headCommit(of content: URL) -> String? {
        let folder = content.hasDirectoryPath || !FileManager.default.fileExists(atPath: content.path)
            ? content : content.deletingLastPathComponent()
        return git(["rev-parse", "HEAD"], in: folder)?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func git(_ arguments: [String], in folder: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
