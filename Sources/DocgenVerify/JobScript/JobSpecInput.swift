public import DocgenCore
import Yams

/// A job spec as written, before it is checked: keys with raw values and where each was written. It comes from
/// YAML (`read(yaml:file:firstLine:)`) or from command-line options (the `docgen jobscript` flags), so both are
/// checked by the same `JobSpecParser` and report problems at the place the user wrote them.
public struct JobSpecInput: Hashable, Sendable {
    /// A raw value and where it starts.
    public struct Value: Hashable, Sendable {
        /// What the value is.
        public indirect enum Kind: Hashable, Sendable {
            /// No value (`key:` or `key: null`).
            case null
            /// A scalar, as written (a YAML plain scalar is not converted to a number or a boolean).
            case scalar(String)
            /// A list.
            case list([Value])
            /// A mapping of keys to values.
            case mapping([Entry])
        }

        /// What the value is.
        public var kind: Kind
        /// Where the value starts.
        public var location: SourceLocation

        /// Creates a value.
        public init(_ kind: Kind, at location: SourceLocation) {
            self.kind = kind
            self.location = location
        }
    }

    /// One key and its value.
    public struct Entry: Hashable, Sendable {
        /// The key, e.g. `mem_per_cpu` (nested keys such as `image` are plain).
        public var key: String
        /// How diagnostics name the key: `'mem_per_cpu'` in YAML, `--mem-per-cpu` on the command line.
        public var label: String
        /// The value.
        public var value: Value
        /// Where the key was written.
        public var location: SourceLocation

        /// Creates an entry.
        public init(key: String, label: String? = nil, value: Value, at location: SourceLocation) {
            self.key = key
            self.label = label ?? "'\(key)'"
            self.value = value
            self.location = location
        }
    }

    /// The top-level entries, in the order written.
    public var entries: [Entry]
    /// Where the spec starts (for problems such as a missing key).
    public var location: SourceLocation

    /// Creates an input from entries.
    public init(entries: [Entry], at location: SourceLocation) {
        self.entries = entries
        self.location = location
    }

    /// Reads YAML whose line 1 is line `firstLine` of `file`. Returns nil and the problems when the YAML cannot
    /// be read or is not a mapping.
    public static func read(yaml: String, file: String, firstLine: Int) -> (JobSpecInput?, [Diagnostic]) {
        let lines = max(1, yaml.split(separator: "\n", omittingEmptySubsequences: false).count - (yaml.hasSuffix("\n") ? 1 : 0))
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: firstLine + min(max(mark?.line ?? 1, 1), lines) - 1, column: mark?.column ?? 1)
        }
        let start = SourceLocation(file: file, line: firstLine, column: 1)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            let (problem, mark) = describe(error)
            let hint = problem.contains("cannot start any token")
                ? "; put values that start with %, @ or ` in quotes, e.g. output: \"%x-%j.out\"" : ""
            return (nil, [.error("jobspec.invalid-yaml", "the job spec is not valid YAML: \(problem)\(hint)", at: location(mark))])
        } catch {
            return (nil, [.error("jobspec.invalid-yaml", "the job spec is not valid YAML: \(error)", at: start)])
        }
        guard let node else {
            return (nil, [.error("jobspec.not-mapping", "the job spec is empty; write keys such as 'cluster: saga'", at: start)])
        }
        guard case .mapping(let mapping) = node else {
            return (nil, [.error(
                "jobspec.not-mapping", "a job spec is a mapping of keys to values, like 'cluster: saga' and 'time: \"1:00:00\"'",
                at: location(node.mark))])
        }
        let entries = mapping.map { key, value in
            Entry(key: key.string ?? "", value: convert(value, location), at: location(key.mark))
        }
        return (JobSpecInput(entries: entries, at: start), [])
    }

    private static func convert(_ node: Node, _ location: (Mark?) -> SourceLocation) -> Value {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return Value(.null, at: location(scalar.mark))
            }
            return Value(.scalar(scalar.string), at: location(scalar.mark))
        case .sequence(let sequence):
            return Value(.list(sequence.map { convert($0, location) }), at: location(sequence.mark))
        case .mapping(let mapping):
            let entries = mapping.map { key, value in
                Entry(key: key.string ?? "", value: convert(value, location), at: location(key.mark))
            }
            return Value(.mapping(entries), at: location(mapping.mark))
        case .alias(let alias):
            return Value(.null, at: location(alias.mark))
        }
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return (problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return ("the key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) \(duplicates.count == 1 ? "is" : "are") given twice", context.mark)
        default:
            return ("\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)", nil)
        }
    }
}
