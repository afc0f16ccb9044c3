public import DocgenCore
public import DocgenVerify
public import Foundation

/// What a build did: its diagnostics and a few numbers for the summary line.
public struct BuildResult: Sendable {
    /// Every diagnostic, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// How many pages were built.
    public var pageCount: Int
    /// Where the site was written, or nil when nothing was written (check mode or errors).
    public var outputURL: URL?
    /// Wall-clock seconds the build took.
    public var duration: Double
    /// One report per verified, failed or skipped code block.
    public var blocks: [BlockReport] = []
    /// The edits `--bless` would make to update shown output.
    public var edits: [SourceEdit] = []
    /// Whether nothing had changed since the last build, so the site it wrote was kept as it is.
    public var upToDate = false
    /// Work `docgen serve` runs after the reload (rewriting the search index of a big site), or nil.
    public var followUp: (@Sendable () -> Void)?

    /// The errors `--bless` does not fix: all but the output mismatches it has an edit for.
    public var errorsNotFixedByBless: [Diagnostic] {
        let blessable = Set(edits.map { "\($0.file):\($0.start)" })
        return diagnostics.filter {
            $0.severity == .error
                && !($0.id == "transcript.output-mismatch" && blessable.contains("\($0.location.file):\($0.location.line)"))
        }
    }

    /// The counts for the summary line.
    public var verification: VerificationSummary { VerificationSummary(blocks) }

    /// Whether the content has errors (exit status 1).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// How many diagnostics have the given severity.
    public func count(_ severity: Diagnostic.Severity) -> Int { diagnostics.count { $0.severity == severity } }
}
