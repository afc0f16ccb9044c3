import Crypto
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
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
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
