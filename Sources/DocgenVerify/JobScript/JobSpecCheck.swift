public import DocgenCore
import Foundation

/// The whole check of a job spec, as `docgen jobscript` and `generate=jobscript` code blocks run it: parse the
/// spec, generate the script, lint the script against the cluster's profile, and read the script back to make
/// sure it gives the same spec.
public enum JobSpecCheck {
    /// What the check found.
    public struct Result: Sendable {
        /// The spec, when it has no errors.
        public var spec: JobSpec?
        /// The generated script, when the spec has no errors (even if the script has lint errors).
        public var script: String?
        /// The script's file name, e.g. `train-classifier.sh`.
        public var filename: String?
        /// The spec's problems and the linter's findings on the script, sorted by place.
        public var diagnostics: [Diagnostic]

        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Checks a YAML spec whose line 1 is line `firstLine` of `file`. The linter's findings are placed at the
    /// spec key each script line was made from. `cluster` is the code block's `cluster=` attribute, if any.
    public static func run(
        yaml: String, file: String, firstLine: Int, catalog: ClusterCatalog, cluster: String? = nil, checksBashSyntax: Bool = true
    ) -> Result {
        let parsed = JobSpecParser.parseDetailed(yaml: yaml, file: file, firstLine: firstLine, catalog: catalog, cluster: cluster)
        return run(parsed, catalog: catalog, checksBashSyntax: checksBashSyntax)
    }

    /// Generates, lints and round-trips a parsed spec. With `scriptFile`, the linter's findings are placed in the
    /// generated script under that name (as `docgen jobscript` prints it); without, at the spec keys.
    public static func run(
        _ parsed: JobSpecParser.Result, catalog: ClusterCatalog, checksBashSyntax: Bool = true, scriptFile: String? = nil
    ) -> Result {
        guard let spec = parsed.spec else {
            return Result(spec: nil, script: nil, filename: nil, diagnostics: parsed.diagnostics)
        }
        let generator = JobScriptGenerator(catalog: catalog)
        let lines = generator.lines(for: spec)
        let script = lines.map(\.text).joined(separator: "\n") + "\n"
        let filename = JobScriptGenerator.filename(for: spec)
        var linter = SlurmLinter(catalog: catalog)
        linter.checksBashSyntax = checksBashSyntax
        let findings = linter.lint(script, cluster: spec.cluster, origin: SourceLocation(file: scriptFile ?? filename, line: 1, column: 1))
        var diagnostics = parsed.diagnostics
        for finding in findings {
            guard scriptFile == nil else {
                diagnostics.append(finding)
                continue
            }
            let index = finding.location.line - 1
            let line = lines.indices.contains(index) ? lines[index] : nil
            var moved = finding
            moved.location = line?.key.map { parsed.location(of: $0) } ?? parsed.location
            moved.message += line.map { " (generated line \(index + 1): \(Self.shorten($0.text)))" } ?? ""
            moved.fixIt = finding.fixIt.map { Diagnostic.FixIt($0.message) }
            diagnostics.append(moved)
        }
        if generator.spec(fromScript: script) != spec {
            diagnostics.append(.error(
                "jobspec.roundtrip",
                "docgen could not read the generated script back into the same spec; this is a bug in docgen's job-script generator",
                at: parsed.location))
        }
        diagnostics.sort { ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message) }
        return Result(spec: spec, script: script, filename: filename, diagnostics: diagnostics)
    }

    /// A script line cut to a readable length for a message.
    private static func shorten(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 60 ? "'" + trimmed.prefix(57) + "...'" : "'\(trimmed)'"
    }
}
