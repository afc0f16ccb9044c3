public import DocgenCore

/// The verification result of one code block, for the summary line and JUnit reports.
public struct BlockReport: Sendable, Hashable, Codable {
    /// How a block ended.
    public enum Outcome: Sendable, Hashable, Codable {
        case passed
        case failed
        case skipped(reason: String)
    }

    /// Where the block's fence is.
    public var location: SourceLocation
    /// What kind of verification ran (`transcript`, `sbatch`, `parse`, ...).
    public var kind: String
    /// How it ended.
    public var outcome: Outcome
    /// Whether the result came from the cache.
    public var cached: Bool
    /// The diagnostics the block produced.
    public var diagnostics: [Diagnostic]
}

/// Counts for the summary line `N blocks verified, N failed, N skipped`.
public struct VerificationSummary: Sendable, Hashable {
    /// Blocks that were checked (passed or failed).
    public var verified = 0
    /// Blocks that failed.
    public var failed = 0
    /// Blocks skipped with a reason.
    public var skipped = 0
    /// Blocks whose pass came from the cache.
    public var cached = 0

    /// Totals over reports.
    public init(_ reports: [BlockReport]) {
        for report in reports {
            switch report.outcome {
            case .passed: verified += 1
            case .failed:
                verified += 1
                failed += 1
            case .skipped: skipped += 1
            }
            if report.cached { cached += 1 }
        }
    }

    /// `12 blocks verified, 0 failed, 3 skipped`.
    public var line: String {
        "\(verified) block\(verified == 1 ? "" : "s") verified, \(failed) failed, \(skipped) skipped"
    }
}
