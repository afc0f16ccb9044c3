import DocgenCore
import DocgenVerify
import Foundation
import Synchronization

/// The cluster profiles, decoded only when a block actually needs them: decoding the YAML is a
/// good part of a run in which every block's pass comes from the cache.
final class LazyCatalog: Sendable {
    private let siteProfiles: [ClusterProfile]
    private let state = Mutex<Result<ClusterCatalog, DocgenError>?>(nil)
    /// A digest of every profile's source text, part of job script and transcript cache keys.
    let digest: String

    init(siteProfiles: [ClusterProfile]) throws {
        self.siteProfiles = siteProfiles
        let folder = try BundledResources.directory(named: "clusters", module: "DocgenVerify")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var parts = files.map { name in
            name + "\u{0}" + ((try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        parts.append(String(decoding: (try? encoder.encode(siteProfiles)) ?? Data(), as: UTF8.self))
        digest = InputDigest.of(parts)
    }

    private let promptHosts = Mutex<[(promptHost: String, name: String)]?>(nil)

    /// The cluster whose prompt shows `shortHost` (e.g. `SAGA`), in the catalog's order, compared
    /// without case. The pairs are made once: every transcript asks, and copying the catalog out of
    /// its lock for each question was 1% of a build.
    func cluster(forPromptHost shortHost: String) -> String? {
        let pairs = promptHosts.withLock { pairs in
            if let pairs { return pairs }
            let catalog = try? catalog()
            let made = (catalog?.names ?? []).compactMap { name in catalog?.profile(named: name)?.promptHost.map { ($0, name) } }
            pairs = made
            return made
        }
        return pairs.first { Self.sameIgnoringCase($0.promptHost, shortHost) }?.name
    }

    /// `caseInsensitiveCompare`'s answer, found byte by byte when both are ASCII (host names are):
    /// Foundation's comparison was most of the time spent matching every shell session's prompt.
    static func sameIgnoringCase(_ first: String, _ second: String) -> Bool {
        let a = first.utf8, b = second.utf8
        guard first.isAllASCII, second.isAllASCII else {
            return first.caseInsensitiveCompare(second) == .orderedSame
        }
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }

    /// docgen's profiles with the site's added; decoded on first use.
    func catalog() throws -> ClusterCatalog {
        try state.withLock { state in
            if let state { return try state.get() }
            let result = Result { () throws(DocgenError) -> ClusterCatalog in
                do {
                    return try ClusterCatalog.bundled().adding(siteProfiles)
                } catch let error as DocgenError {
                    throw error
                } catch {
                    throw DocgenError("cannot read docgen's cluster profiles: \(error)")
                }
            }
            state = result
            return try result.get()
        }
    }
}
