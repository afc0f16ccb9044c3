import DocgenCore
public import Foundation
import Yams

/// The cluster profiles docgen knows: the bundled ones (`Resources/clusters/*.yml`) plus a site's own.
public struct ClusterCatalog: Sendable {
    /// The profiles, sorted by name.
    public private(set) var profiles: [ClusterProfile]

    /// A catalog of `profiles`; a later profile with the same name replaces an earlier one.
    public init(profiles: [ClusterProfile]) {
        var byName: [String: ClusterProfile] = [:]
        for profile in profiles { byName[profile.name.lowercased()] = profile }
        self.profiles = byName.values.sorted { $0.name < $1.name }
    }

    /// The profiles shipped with docgen. Throws `DocgenError` when the resource folder is missing or a file is invalid.
    public static func bundled() throws -> ClusterCatalog {
        try bundledResult.get()
    }

    private static let bundledResult = Result { () throws(DocgenError) -> ClusterCatalog in
        do {
            return try load(from: try BundledResources.directory(named: "clusters", module: "DocgenVerify"))
        } catch let error as DocgenError {
            throw error
        } catch {
            throw DocgenError("cannot read docgen's bundled cluster profiles: \(error)")
        }
    }

    /// Every `*.yml` file in `directory`, one profile per file.
    public static func load(from directory: URL) throws -> ClusterCatalog {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { ["yml", "yaml"].contains($0.pathExtension) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw DocgenError("cannot list the cluster profiles in \(directory.path): \(error.localizedDescription)")
        }
        var profiles: [ClusterProfile] = []
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw DocgenError("cannot read the cluster profile \(file.path) as UTF-8 text")
            }
            profiles.append(try profile(fromYAML: text, file: file.lastPathComponent))
        }
        return ClusterCatalog(profiles: profiles)
    }

    /// Reads one profile from YAML; `file` names it in error messages.
    public static func profile(fromYAML yaml: String, file: String) throws -> ClusterProfile {
        let profile: ClusterProfile
        do {
            profile = try YAMLDecoder().decode(ClusterProfile.self, from: yaml)
        } catch {
            throw DocgenError("invalid cluster profile \(file): \(describe(error))")
        }
        let problems = validate(profile)
        if !problems.isEmpty {
            throw DocgenError("invalid cluster profile \(file): " + problems.joined(separator: "; "))
        }
        return profile
    }

    /// Reads a YAML list of profiles, as a site writes under `clusters:` in docgen.yml.
    public static func profiles(fromYAML yaml: String, file: String) throws -> [ClusterProfile] {
        let profiles: [ClusterProfile]
        do {
            profiles = try YAMLDecoder().decode([ClusterProfile].self, from: yaml)
        } catch {
            throw DocgenError("invalid cluster profiles in \(file): \(describe(error))")
        }
        let problems = profiles.flatMap { profile in validate(profile).map { "\(profile.name): \($0)" } }
        if !problems.isEmpty {
            throw DocgenError("invalid cluster profiles in \(file): " + problems.joined(separator: "; "))
        }
        return profiles
    }

    /// What is inconsistent in a profile: duplicate or unknown partition names, several defaults, a bad pattern.
    public static func validate(_ profile: ClusterProfile) -> [String] {
        var problems: [String] = []
        let names = profile.partitions.map { $0.name.lowercased() }
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            problems.append("partition '\(name)' is listed twice")
        }
        if profile.partitions.filter(\.isDefault).count > 1 {
            problems.append("more than one partition is marked 'default: true'")
        }
        for qos in profile.qos {
            for name in (qos.partitions ?? []) + [qos.selectsPartition].compactMap({ $0 }) where !names.contains(name.lowercased()) {
                problems.append("QoS '\(qos.name)' names partition '\(name)', which the profile does not list")
            }
        }
        if let account = profile.account {
            for pattern in [account.pattern, account.preferredPattern].compactMap({ $0 }) where (try? Regex(pattern)) == nil {
                problems.append("account pattern '\(pattern)' is not a valid regular expression")
            }
        }
        return problems
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing key '\(key.stringValue)'\(path(context.codingPath))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context):
            return "\(context.debugDescription)\(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "" }
        let rendered = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return " at \(rendered.hasPrefix(".") ? String(rendered.dropFirst()) : rendered)"
    }

    /// This catalog with `profiles` added; a profile with a known name replaces the bundled one.
    public func adding(_ profiles: [ClusterProfile]) -> ClusterCatalog {
        ClusterCatalog(profiles: self.profiles + profiles)
    }

    /// The profile called `name`, ignoring case.
    public func profile(named name: String) -> ClusterProfile? {
        profiles.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The profile names, sorted.
    public var names: [String] { profiles.map(\.name) }
}
