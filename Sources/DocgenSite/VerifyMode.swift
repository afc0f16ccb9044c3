/// How much of the code block verification runs.
public enum VerifyMode: String, Sendable, CaseIterable {
    /// Everything: transcripts run in the sandbox.
    case full
    /// Parse and lint every block, execute nothing (for corpora whose transcripts are not meant to run).
    case `static`
    /// No verification at all.
    case off
}
