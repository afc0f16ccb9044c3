/// A problem found in the user's content, kept as a value and printed later in one report.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How bad a diagnostic is; only `error` fails a build.
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
        case note, warning, error

        /// Orders by badness: note < warning < error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    /// A suggested edit that would fix the problem.
    public struct FixIt: Hashable, Sendable, Codable {
        /// What the fix does, in words.
        public var message: String
        /// The text to put in place of the offending text, when the fix is a replacement.
        public var replacement: String?

        /// Creates a fix-it.
        public init(_ message: String, replacement: String? = nil) {
            self.message = message
            self.replacement = replacement
        }
    }

    /// A stable identifier such as `link.broken`; tools and tests match on it.
    public var id: String
    /// How bad the problem is.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, where docgen knows.
    public var fixIt: FixIt?

    /// Creates a diagnostic.
    public init(id: String, severity: Severity, location: SourceLocation, message: String, fixIt: FixIt? = nil) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
        self.fixIt = fixIt
    }

    /// An error at a location.
    public static func error(_ id: String, _ message: String, at location: SourceLocation, fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(id: id, severity: .error, location: location, message: message, fixIt: fixIt)
    }

    /// A warning at a location.
    public static func warning(_ id: String, _ message: String, at location: SourceLocation, fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(id: id, severity: .warning, location: location, message: message, fixIt: fixIt)
    }

    /// The report order: by file, line, column, then id and message, so parallel runs report alike.
    public static func isReported(_ first: Diagnostic, before second: Diagnostic) -> Bool {
        (first.location, first.id, first.message) < (second.location, second.id, second.message)
    }

    /// The one-line human form: `path:line:column: error[ID]: message`.
    public var formatted: String {
        var line = "\(location): \(severity.rawValue)[\(id)]: \(message)"
        if let fixIt {
            line += "\n    fix-it: \(fixIt.message)"
        }
        return line
    }
}
