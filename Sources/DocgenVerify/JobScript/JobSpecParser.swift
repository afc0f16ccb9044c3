public import DocgenCore
import Foundation

/// Checks a job spec written in YAML (or given as `docgen jobscript` options) and builds a `JobSpec`.
/// Every problem is a diagnostic (`jobspec.*`) at the line and column where the key or value was written.
public enum JobSpecParser {
    /// What parsing found.
    public struct Result: Sendable {
        /// The spec, or nil when any error was found.
        public var spec: JobSpec?
        /// Errors and warnings, in the order of the spec's lines.
        public var diagnostics: [Diagnostic]
        /// Where each key was written: `time`, `modules.0` (list items by index), `container`, ...
        public var keyLocations: [String: SourceLocation]
        /// Where the spec starts.
        public var location: SourceLocation

        /// Where to report something about `key`: the key's own place, its parent's (`modules` for `modules.3`),
        /// or the spec's start.
        public func location(of key: String) -> SourceLocation {
            if let exact = keyLocations[key] { return exact }
            if let dot = key.firstIndex(of: "."), let parent = keyLocations[String(key[..<dot])] { return parent }
            return location
        }
    }

    /// The top-level keys a spec may have.
    public static let keys = [
        "cluster", "partition", "qos", "account", "job_name", "name", "time", "nodes", "ntasks", "ntasks_per_node",
        "cpus_per_task", "mem", "mem_per_cpu", "mem_per_gpu", "gpus", "gpus_per_node", "array", "output", "error",
        "modules", "container", "scratch", "mpi", "command",
    ]

    /// The keys of `container:` when it is a mapping.
    public static let containerKeys = ["image", "runtime"]
    /// The keys of `scratch:` when it is a mapping.
    public static let scratchKeys = ["inputs", "results"]

    /// Reads a spec from YAML whose line 1 is line `firstLine` of `file` (a Markdown code block's first line).
    /// `catalog` defaults to docgen's bundled cluster profiles.
    public static func parse(
        yaml: String, file: String, firstLine: Int, catalog: ClusterCatalog? = nil
    ) -> (JobSpec?, [Diagnostic]) {
        let result = parseDetailed(yaml: yaml, file: file, firstLine: firstLine, catalog: catalog)
        return (result.spec, result.diagnostics)
    }

    /// Like `parse(yaml:file:firstLine:catalog:)`, with the place of every key. `cluster` is used when the
    /// spec names none (e.g. from a code block's `cluster=` attribute); a spec that names another is an error.
    public static func parseDetailed(
        yaml: String, file: String, firstLine: Int, catalog: ClusterCatalog? = nil, cluster: String? = nil
    ) -> Result {
        let (input, problems) = JobSpecInput.read(yaml: yaml, file: file, firstLine: firstLine)
        guard let input else {
            return Result(
                spec: nil, diagnostics: problems, keyLocations: [:], location: SourceLocation(file: file, line: firstLine, column: 1))
        }
        return parse(input, catalog: catalog, cluster: cluster)
    }

    /// Checks an input (from YAML or command-line options) against the spec's rules and the cluster's profile.
    public static func parse(_ input: JobSpecInput, catalog: ClusterCatalog? = nil, cluster: String? = nil) -> Result {
        var reader = JobSpecBuilder(input: input, catalog: catalog ?? (try? ClusterCatalog.bundled()) ?? ClusterCatalog(profiles: []))
        reader.defaultCluster = cluster
        return reader.read()
    }
}
