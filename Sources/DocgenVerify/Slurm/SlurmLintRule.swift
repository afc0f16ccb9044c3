public import DocgenCore

/// One lint rule: an id from the design notes (`MEM002`), its severity, a one-line summary, and a check.
public struct SlurmLintRule: Sendable {
    /// Which scripts a rule looks at.
    public enum Scope: String, Sendable {
        /// Every script, with or without a cluster.
        case any
        /// Only scripts linted against a cluster profile.
        case cluster
        /// Every script; some parts only with a cluster profile.
        case both
    }

    /// The rule id, e.g. `TIM003`.
    public let id: String
    /// The usual severity; a few rules report some findings milder or harsher (noted in the summary).
    public let severity: Diagnostic.Severity
    /// What the rule catches.
    public let summary: String
    /// Whether it needs a cluster profile.
    public let scope: Scope
    /// The check.
    let check: @Sendable (SlurmLintContext) -> [SlurmFinding]

    init(
        _ id: String, _ severity: Diagnostic.Severity, _ scope: Scope, _ summary: String,
        check: @escaping @Sendable (SlurmLintContext) -> [SlurmFinding]
    ) {
        self.id = id
        self.severity = severity
        self.scope = scope
        self.summary = summary
        self.check = check
    }
}

/// What a rule found, at a place in the script (1-based line and column of the script itself).
struct SlurmFinding: Sendable {
    var line: Int
    var column: Int
    var message: String
    var fixIt: Diagnostic.FixIt?
    /// Overrides the rule's severity for this finding.
    var severity: Diagnostic.Severity?

    init(line: Int, column: Int, _ message: String, fixIt: Diagnostic.FixIt? = nil, severity: Diagnostic.Severity? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.fixIt = fixIt
        self.severity = severity
    }

    /// A finding at a directive.
    init(_ directive: SlurmDirective, _ message: String, fixIt: Diagnostic.FixIt? = nil, severity: Diagnostic.Severity? = nil) {
        self.init(line: directive.line, column: directive.column, message, fixIt: fixIt, severity: severity)
    }

    /// A finding at a shell word.
    init(_ word: ShellWord, _ message: String, fixIt: Diagnostic.FixIt? = nil, severity: Diagnostic.Severity? = nil) {
        self.init(line: word.line, column: word.column, message, fixIt: fixIt, severity: severity)
    }

    /// A finding at a command.
    init(_ command: ShellCommand, _ message: String, fixIt: Diagnostic.FixIt? = nil, severity: Diagnostic.Severity? = nil) {
        self.init(line: command.line, column: command.column, message, fixIt: fixIt, severity: severity)
    }
}

/// A fix-it that replaces a directive's text with `replacement`.
func replace(_ directive: SlurmDirective, with replacement: String, _ message: String? = nil) -> Diagnostic.FixIt {
    Diagnostic.FixIt(message ?? "write '\(replacement)'", replacement: replacement)
}
