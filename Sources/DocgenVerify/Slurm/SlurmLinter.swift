public import DocgenCore

/// Checks Slurm job scripts against the rules of the design notes (HDR001 ... BILL001), using a cluster's
/// profile for the cluster-specific ones. Pure apart from `bash -n`, which runs as a child process.
public struct SlurmLinter: Sendable {
    /// The profiles cluster names are looked up in.
    public let catalog: ClusterCatalog
    /// Whether SH003 runs `/bin/bash -n` on scripts (on by default).
    public var checksBashSyntax = true

    /// Creates a linter over `catalog`.
    public init(catalog: ClusterCatalog) {
        self.catalog = catalog
    }

    /// Every rule, in report order.
    public static let allRules: [SlurmLintRule] =
        HeaderRules.all + AccountRules.all + TimeRules.all + ClusterRules.all + MemoryRules.all + CPURules.all
        + GPURules.all + ShellRules.all + ModuleRules.all + StorageRules.all + JobRules.all

    /// The rules as (id, severity, summary), e.g. for `docgen lint --list-rules`.
    public static var rules: [(id: String, severity: Diagnostic.Severity, summary: String)] {
        allRules.map { ($0.id, $0.severity, $0.summary) }
    }

    /// Checks the bash syntax of many job scripts ahead of `lint`, in a few bash processes, so linting
    /// those that passed needs no `bash -n` subshell each. Call `forget()` on the result once they are linted.
    public static func prefetchBashSyntax(of scripts: [String]) -> BashSyntaxPrefetch {
        let inputs = scripts.compactMap { script -> String? in
            // The text SH003 gives bash, for the scripts SH003 gives to bash (read as `SlurmScript` reads them).
            let firstLine = SlurmScript.firstLine(of: script)
            let interpreter = firstLine.hasPrefix("#!") ? SlurmScript.interpreter(shebang: String(firstLine)) : nil
            guard ["bash", "sh"].contains(interpreter ?? "bash") else { return nil }
            return ShellRules.scriptText(of: script)
        }
        return BashSyntaxPrefetch(remembered: inputs.count > 1 ? BashSyntaxCheck.prefetch(inputs) : [])
    }

    /// Lints `script`. With a `cluster`, the cluster-specific rules use its profile; without one, only the
    /// cluster-independent rules run. `origin` is where the script's line 1, column 1 sits in the user's file.
    public func lint(_ script: String, cluster: String?, origin: SourceLocation) -> [Diagnostic] {
        let parsed = SlurmScript(parsing: script)
        let request = ClusterRequest(
            name: cluster, profile: cluster.flatMap { catalog.profile(named: $0) }, known: catalog.names)
        let context = SlurmLintContext(script: parsed, request: request)
        var diagnostics: [Diagnostic] = []
        for rule in Self.allRules {
            if rule.id == "SH003", !checksBashSyntax { continue }
            for finding in rule.check(context) {
                diagnostics.append(Diagnostic(
                    id: rule.id, severity: finding.severity ?? rule.severity,
                    location: SourceLocation(
                        file: origin.file, line: origin.line + finding.line - 1, column: origin.column + finding.column - 1),
                    message: finding.message, fixIt: finding.fixIt))
            }
        }
        return diagnostics.sorted { ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message) }
    }
}

/// The cluster a script is linted against, as asked for.
struct ClusterRequest: Sendable {
    /// The name asked for, if any.
    var name: String?
    /// Its profile, whatever its status.
    var profile: ClusterProfile?
    /// Every name the catalog knows.
    var known: [String]
}
