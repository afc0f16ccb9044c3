import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers which code blocks passed verification, so an unchanged guide re-verifies instantly.
///
/// Only passes are stored (a failure always runs again). An entry is a file named by the SHA-256
/// of everything the result depends on; its content repeats the key, so a torn, garbage or foreign
/// file is not trusted. Entries are written to a temporary file and renamed over the old one in one
/// step, so a reader sees the old entry or the new one, never half of one.
final class VerificationCache: Sendable {
    /// The cache folder, or nil when caching is off.
    let directory: URL?

    /// Temporary files older than this were left by killed builds (a live build renames its own at once).
    static let staleTemporaryAge: TimeInterval = 600

    init(directory: URL?) {
        self.directory = directory
        if let directory {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            Self.removeStaleTemporaries(in: directory)
        }
    }

    /// The key of a result that depends on `parts`, or "" when caching is off: hashing every block
    /// of a big site is wasted work when nothing is looked up or stored.
    func key(_ parts: @autoclosure () -> [String]) -> String {
        directory == nil ? "" : InputDigest.of(parts())
    }

    /// Whether `key` passed before.
    func passed(_ key: String) -> Bool {
        guard let url = entry(key), let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let marker = Self.marker(key)
        // One byte more than an entry: a longer file is not an entry, and a huge one is not read whole.
        guard let data = try? handle.read(upToCount: marker.count + 1) else { return false }
        return data == marker
    }

    /// Records a pass.
    func storePass(_ key: String) {
        guard let directory, let url = entry(key) else { return }
        let temporary = directory.appendingPathComponent(".\(key).\(UUID().uuidString).tmp")
        do {
            try PlainFile.write(Self.marker(key), to: temporary.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        // rename(2) replaces an existing entry atomically; FileManager.moveItem refuses to.
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes `.KEY.UUID.tmp` files that builds killed between writing and renaming left behind.
    private static func removeStaleTemporaries(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let url = directory.appendingPathComponent(name)
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? Date()
            if Date().timeIntervalSince(modified) > staleTemporaryAge { try? FileManager.default.removeItem(at: url) }
        }
    }

    private func entry(_ key: String) -> URL? {
        directory?.appendingPathComponent(key)
    }

    private static func marker(_ key: String) -> Data {
        Data("pass \(key)\n".utf8)
    }
}
