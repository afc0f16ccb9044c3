import Crypto
import CoreFoundation
import Foundation

/// SHA-256 digests of what a result depends on: verification cache keys, the no-op build check and
/// `docgen serve`'s memo all name their inputs with it.
enum InputDigest {
    /// The hex SHA-256 over `parts`, then over each of `files` (its path and its content); every
    /// piece is length-prefixed, so no two lists collide.
    static func of(_ parts: [String], files: [URL] = []) -> String {
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
        return hex(hasher)
    }

    /// A digest of `parts` and of each of `files`' path, device, inode, size, modification time and
    /// change time, read with `stat` alone: the no-op check compares it before reading 65 MB of
    /// content to hash at 10,000 pages. A missing file counts as missing. Nil when a file was modified
    /// or changed within `racySeconds` of `now`: file times tick coarsely (a few milliseconds on
    /// Linux, seconds elsewhere), so an edit in the same tick as the one before could keep every
    /// stamp, and such a build is checked by content next time (git's "racy" files).
    static func stamps(of parts: [String], files: [URL], now: Double = Date().timeIntervalSince1970, racySeconds: Double = 2) -> String? {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update(data: Data("\(text.utf8.count):\(text)".utf8))
        }
        for part in parts { add(part) }
        for file in files {
            var info = stat()
            let path = file.standardizedFileURL.path
            add(path)
            // A file that is not there (a project without docgen.yml) is part of the stamps as such.
            guard stat(path, &info) == 0 else {
                add("\u{0}missing \(errno)")
                continue
            }
            let modified = info.st_mtim, changed = info.st_ctim
            guard max(seconds(modified), seconds(changed)) < now - racySeconds else { return nil }
            add("\(info.st_dev) \(info.st_ino) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(changed.tv_sec).\(changed.tv_nsec)")
        }
        return hex(hasher)
    }

    /// A file time in seconds since 1970.
    private static func seconds(_ time: timespec) -> Double {
        Double(time.tv_sec) + 1e-9 * Double(time.tv_nsec)
    }

    /// The finished digest in lowercase hex.
    private static func hex(_ hasher: SHA256) -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Every regular file under `folder`, sorted by path; none when it is nil or not a folder.
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
