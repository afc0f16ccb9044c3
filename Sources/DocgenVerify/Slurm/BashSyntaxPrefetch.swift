/// Job scripts whose bash syntax `SlurmLinter.prefetchBashSyntax` found valid ahead of linting them.
public struct BashSyntaxPrefetch: Sendable {
    /// The texts remembered as valid, as `bash -n` would be given them.
    let remembered: [String]

    /// How many scripts a batch found valid.
    public var count: Int { remembered.count }

    /// Drops what no lint has used (a block found in the verification cache is never linted).
    public func forget() {
        BashSyntaxCheck.forget(remembered)
    }
}
