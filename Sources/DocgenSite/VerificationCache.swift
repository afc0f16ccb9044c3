import Crypto
import Foundation

/// Remembers which code blocks passed verification, so an unchanged guide re-verifies instantly.
///
/// Only passes are stored (a failure always runs again). An entry is a file named by the SHA-256
/// of everything the result depends on; its content repeats the key, so a torn or foreign file is
/// not trusted. Entries are written to a temporary file and renamed into place.
final class VerificationCache: Sendable {
    /// The cache folder, or nil when caching is off.
    let directory: URL?

    init(directory: URL?) {
        self.directory = directory
        if let directory {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    /// The key of a block: SHA-256 over the parts, each length-prefixed so no two lists collide.
    static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            let bytes = Data(part.utf8)
            hasher.update(data: Data("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `key` passed before.
    func passed(_ key: String) -> Bool {
        guard let url = entry(key), let data = try? Data(contentsOf: url) else { return false }
        return data == Self.marker(key)
    }

    /// Records a pass.
    func storePass(_ key: String) {
        guard let directory, let url = entry(key) else { return }
        let temporary = directory.appendingPathComponent(".\(key).\(UUID().uuidString).tmp")
        do {
            try Self.marker(key).write(to: temporary)
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    private func entry(_ key: String) -> URL? {
        directory?.appendingPathComponent(key)
    }

    private static func marker(_ key: String) -> Data {
        Data("pass \(key)\n".utf8)
    }
}
