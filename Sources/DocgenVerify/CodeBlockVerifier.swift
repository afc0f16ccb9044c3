public import DocgenCore

/// One kind of build-time check of code blocks; the site runs every registered verifier on every block.
public protocol CodeBlockVerifier: Sendable {
    /// Checks one snippet and returns what is wrong with it.
    func verify(_ snippet: CodeSnippet) -> [Diagnostic]
}
