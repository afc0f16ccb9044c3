public import DocgenCore
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

    /// Whether the content has errors (exit status 1).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// How many diagnostics have the given severity.
    public func count(_ severity: Diagnostic.Severity) -> Int { diagnostics.count { $0.severity == severity } }
}
