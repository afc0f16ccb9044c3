import Crypto
import DocgenCore
import DocgenVerify
import Foundation

/// Everything page verification shares across a build: cluster profiles, the linter, host fixtures and the cache.
struct VerificationEnvironment: Sendable {
    let catalogs: LazyCatalog
    /// `fixtures/hosts` in the project: `<host>/home/` seeds the sandbox home of that host.
    let hostFixtures: URL
    let cache: VerificationCache
    let mode: VerifyMode
    /// Whether a block that is neither verified nor skipped is an error (`strict_verification: true`).
    let strict: Bool
    /// A digest of each host's fixture tree, part of transcript cache keys.
    let fixtureDigests: [String: String]
    /// Whether pages are rendered (then generated templates are needed even when their check is cached).
    var rendersPages = true

    init(catalogs: LazyCatalog, hostFixtures: URL, cache: VerificationCache, mode: VerifyMode, strict: Bool) {
        self.catalogs = catalogs
        self.hostFixtures = hostFixtures
        self.cache = cache
        self.mode = mode
        self.strict = strict
        var fixtures: [String: String] = [:]
        let hosts = (try? FileManager.default.contentsOfDirectory(atPath: hostFixtures.path)) ?? []
        for host in hosts {
            fixtures[host] = Self.digest(of: hostFixtures.appendingPathComponent(host))
        }
        fixtureDigests = fixtures
    }

    /// The linter over the cluster profiles.
    func linter() throws -> SlurmLinter {
        SlurmLinter(catalog: try catalogs.catalog())
    }

    /// SHA-256 over every file's relative path and content under `folder`.
    private static func digest(of folder: URL) -> String {
        var parts: [String] = []
        let base = folder.standardizedFileURL.path
        // Relative paths, so the cache survives moving the project.
        for url in InputDigest.files(under: folder) {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            let content = (try? Data(contentsOf: url)).map { SHA256.hash(data: $0).description } ?? ""
            parts.append(path + "\u{0}" + content)
        }
        return InputDigest.of(parts.sorted())
    }

    /// A diagnostic when `host` is neither `local`, a cluster profile, nor a host with fixtures.
    func unknownHost(_ host: String, at location: SourceLocation) -> Diagnostic? {
        let names = ((try? catalogs.catalog())?.names ?? []).map { $0.lowercased() }
        let known = ["local"] + names + fixtureDigests.keys.map { $0.lowercased() }
        guard !known.contains(host.lowercased()) else { return nil }
        return .error(
            "verify.unknown-host",
            "unknown host '\(host)'\(Suggestion.didYouMean(host, in: known)); use local, a cluster docgen knows, or add a profile or fixtures for it",
            at: location)
    }

    /// The cluster whose prompt shows `shortHost` (e.g. `SAGA`), if any.
    func host(forPromptHost shortHost: String) -> String? {
        catalogs.cluster(forPromptHost: shortHost)
    }

    /// The home folder a host's users have (`/cluster/home/bencretois`); `/home/USER` elsewhere.
    func homeDirectory(host: String, user: String) -> String {
        if let pattern = (try? catalogs.catalog())?.profile(named: host)?.storage?.home {
            let path = pattern.replacingOccurrences(of: "$USER", with: user).replacingOccurrences(of: "${USER}", with: user)
            if path.hasPrefix("/") { return path.split(separator: " ").first.map(String.init) ?? path }
        }
        return "/home/\(user)"
    }
}
